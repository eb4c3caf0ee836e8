using System.Text.Json;
using IntegrationHub.Adapters.Health;

namespace IntegrationHub.Adapters.Tests.Health;

public sealed class HealthRegistriesMapperTests
{
    private static readonly Fin Patient = Fin.Parse("5ABC12D");

    private static ReferralDto Referral(string form = "088/u", params string[] icd) =>
        new("F88-00001234", form, new DateOnly(2024, 3, 18), "Bakı 1 saylı Mərkəzi Poliklinika",
            (icd.Length == 0 ? ["N18.5", "I10"] : icd).Select((c, i) => new DiagnosisDto(c, i == 0)).ToList());

    private static RegistryEntryDto Entry(string registry = "HEMODIALYSIS", string? icd = "N18.5") => new(registry, new DateOnly(2024, 3, 18), icd);

    private static SickLeaveCertificateDto Certificate(string? icd = "J06.9", DateOnly? closed = null) =>
        new(new DateOnly(2025, 10, 6), closed ?? new DateOnly(2025, 10, 14), icd);

    private static HealthData Map(ReferralDto[]? referrals = null, RegistryEntryDto[]? entries = null, SickLeaveCertificateDto[]? certificates = null, string fin = "5ABC12D") =>
        HealthRegistriesMapper.ToHealth(Patient,
            new ReferralsDto(fin, referrals ?? []), new RegistryEntriesDto(fin, entries ?? []), new SickLeaveCertificatesDto(fin, certificates ?? []));

    [Fact]
    public void ToHealth_FullAnswer_MapsEveryField()
    {
        var data = Map([Referral()], [Entry()], [Certificate()]);

        var referral = Assert.Single(data.Referrals);
        Assert.Equal("F88-00001234", referral.ReferralNumber);
        Assert.Equal("88", referral.Form);
        Assert.Equal(new DateOnly(2024, 3, 18), referral.IssuedOn);
        Assert.Equal("Bakı 1 saylı Mərkəzi Poliklinika", referral.Clinic);
        Assert.Equal(["N18.5", "I10"], referral.DiagnosisCodes);
        var entry = Assert.Single(data.Registries);
        Assert.Equal(DiseaseRegistry.Dialysis, entry.Registry);
        Assert.Equal(new DateOnly(2024, 3, 18), entry.Since);
        Assert.Equal("N18.5", entry.DiagnosisCode);
        var leave = Assert.Single(data.SickLeave);
        Assert.Equal(new DateOnly(2025, 10, 6), leave.From);
        Assert.Equal(new DateOnly(2025, 10, 14), leave.To);
        Assert.Equal("J06.9", leave.DiagnosisCode);
    }

    [Fact]
    public void ToHealth_NothingOnRecord_ReturnsEmptyLists()
    {
        var data = Map();

        Assert.Empty(data.Referrals);
        Assert.Empty(data.Registries);
        Assert.Empty(data.SickLeave);
    }

    [Fact]
    public void ToHealth_WithheldDiagnoses_StayAbsent()
    {
        var data = Map(entries: [Entry(icd: null)], certificates: [Certificate(icd: null)]);

        Assert.Null(data.Registries[0].DiagnosisCode);
        Assert.Null(data.SickLeave[0].DiagnosisCode);
    }

    [Theory]
    [InlineData("referrals")]
    [InlineData("registries")]
    [InlineData("sick leave")]
    public void ToHealth_AnyAnswerAboutAnotherPatient_IsRejected(string which)
    {
        var other = new[] { "7XYZ34K" };
        Assert.Throws<FormatException>(() => HealthRegistriesMapper.ToHealth(Patient,
            new ReferralsDto(which == "referrals" ? other[0] : "5ABC12D", []),
            new RegistryEntriesDto(which == "registries" ? other[0] : "5ABC12D", []),
            new SickLeaveCertificatesDto(which == "sick leave" ? other[0] : "5ABC12D", [])));
    }

    [Theory]
    [MemberData(nameof(HealthRegistriesDocumentContractTests.DocumentedRegistries), MemberType = typeof(HealthRegistriesDocumentContractTests))]
    public void ToRegistryEntry_EveryKnownRegistry_Maps(string code, DiseaseRegistry registry)
    {
        Assert.Equal(registry, HealthRegistriesMapper.ToRegistryEntry(Entry(code)).Registry);
    }

    [Fact]
    public void ToRegistryEntry_UnknownRegistry_IsRejectedNamingTheCode()
    {
        var ex = Assert.Throws<FormatException>(() => HealthRegistriesMapper.ToRegistryEntry(Entry("DIALYSIS")));
        Assert.Contains("'DIALYSIS'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToReferral_OtherForm_IsRejectedNamingTheForm()
    {
        var ex = Assert.Throws<FormatException>(() => HealthRegistriesMapper.ToReferral(Referral("057/u")));
        Assert.Contains("'057/u'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("G35")]
    [InlineData("J06.9")]
    [InlineData("E10.7")]
    [InlineData("S72.00")]
    [InlineData("U07.1")]
    [InlineData("C50.9")]
    public void Icd10_WellFormedCode_IsKept(string code)
    {
        Assert.Equal(code, HealthRegistriesMapper.Icd10(code));
    }

    [Theory]
    [InlineData("")]
    [InlineData("j06.9")]
    [InlineData("J6")]
    [InlineData("J069")]
    [InlineData("J06.")]
    [InlineData("J06.912")]
    [InlineData("106.9")]
    [InlineData(" J06.9")]
    [InlineData("J06-9")]
    public void Icd10_MalformedCode_IsRejectedNamingTheCode(string code)
    {
        var ex = Assert.Throws<FormatException>(() => HealthRegistriesMapper.Icd10(code));
        Assert.Contains($"'{code}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Icd10_Missing_IsRejected()
    {
        Assert.Throws<FormatException>(() => HealthRegistriesMapper.Icd10(null));
    }

    [Fact]
    public void ToHealth_MalformedDiagnosisAnywhere_IsRejected()
    {
        Assert.Throws<FormatException>(() => Map(referrals: [Referral("088/u", "N18.5", "hypertension")]));
        Assert.Throws<FormatException>(() => Map(entries: [Entry(icd: "N185")]));
        Assert.Throws<FormatException>(() => Map(certificates: [Certificate(icd: "ORVI")]));
    }

    [Fact]
    public void ToSickLeave_ClosedBeforeOpened_IsRejected()
    {
        Assert.Throws<FormatException>(() => HealthRegistriesMapper.ToSickLeave(Certificate(closed: new DateOnly(2025, 10, 1))));
    }

    [Fact]
    public void JsonContext_DocumentedSickLeave_Deserializes()
    {
        const string json = """
            {"patientFin":"5ABC12D","certificates":[{"openedOn":"2025-10-06","closedOn":"2025-10-14","icd10":"J06.9"},
                                                    {"openedOn":"2025-10-06","closedOn":"2025-10-14"}]}
            """;

        var answer = JsonSerializer.Deserialize(json, HealthRegistriesJsonContext.Default.SickLeaveCertificatesDto)!;

        Assert.Equal([Certificate(), Certificate(icd: null)], answer.Certificates);
    }

    [Fact]
    public void JsonContext_ReferralWithoutDiagnoses_FailsAsMalformed()
    {
        const string json = """{"patientFin":"5ABC12D","referrals":[{"referralNo":"F88-1","form":"088/u","issuedOn":"2024-03-18","issuingFacility":"x"}]}""";

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, HealthRegistriesJsonContext.Default.ReferralsDto));
    }
}
