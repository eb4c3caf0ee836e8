using IntegrationHub.Adapters.Health;

namespace IntegrationHub.Adapters.Tests.Health;

/// <summary>The health adapter against registries that answer exactly as docs/agencies/health.md shows.</summary>
public sealed class HealthRegistriesDocumentContractTests
{
    private const string Fin = "XNQCR40";
    private static readonly AgencyDocument Document = AgencyDocument.Load(HealthRegistriesAdapter.Key);

    [Fact]
    public async Task Fetch_DocumentedAnswers_ThreeCallsAtOnceAndReadAsDocumented()
    {
        var registries = new Registries();
        await using var registry = await registries.StartAsync();

        var data = await FetchAsync(registry);

        Assert.True(registries.Together.AtOnce, "the three calls were not made at once");
        Assert.Equal(("2025-11-01", "2026-11-02"), registries.Window);
        var referral = Assert.Single(data.Referrals);
        Assert.Equal(("F88-40081354", "88", new DateOnly(2023, 5, 12), "Gəncə Şəhər Poliklinikası"), (referral.ReferralNumber, referral.Form, referral.IssuedOn, referral.Clinic));
        Assert.Equal(["E10.7"], referral.DiagnosisCodes);
        Assert.Equal(new RegistryEntry(DiseaseRegistry.Oncology, new DateOnly(2022, 2, 9), "C50.9"), Assert.Single(data.Registries));
        Assert.Equal(new SickLeave(new DateOnly(2026, 6, 14), new DateOnly(2026, 10, 20), "J06.9"), Assert.Single(data.SickLeave));
    }

    /// <summary>Each registry code the page lists, with what the hub reads it as (the mapper test maps the same rows).</summary>
    public static TheoryData<string, DiseaseRegistry> DocumentedRegistries => new()
    {
        { "HEMODIALYSIS", DiseaseRegistry.Dialysis },
        { "TUBERCULOSIS", DiseaseRegistry.Tuberculosis },
        { "ONCOLOGY", DiseaseRegistry.Oncology },
        { "OCCUPATIONAL_DISEASE", DiseaseRegistry.Occupational },
    };

    [Theory]
    [MemberData(nameof(DocumentedRegistries))]
    public async Task Fetch_EveryDocumentedRegistry_Read(string code, DiseaseRegistry kind)
    {
        Document.AssertLists(code);
        await using var registry = await new Registries { Entries = Changed("\"entries\"", "entries", e => e["registry"] = code) }.StartAsync();

        Assert.Equal(kind, Assert.Single((await FetchAsync(registry)).Registries).Registry);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Fetch_DiagnosisWithheld_NullOrLeftOut(bool leftOut)
    {
        static void Withhold(JsonObject item, bool remove)
        {
            if (remove) item.Remove("icd10");
            else item["icd10"] = null;
        }
        await using var registry = await new Registries
        {
            Entries = Changed("\"entries\"", "entries", e => Withhold(e, leftOut)),
            Certificates = Changed("\"certificates\"", "certificates", c => Withhold(c, leftOut)),
        }.StartAsync();

        var data = await FetchAsync(registry);

        Assert.Null(Assert.Single(data.Registries).DiagnosisCode);
        Assert.Null(Assert.Single(data.SickLeave).DiagnosisCode);
    }

    [Theory]
    [InlineData("\"referrals\"", "referrals", "form", "027/u")]
    [InlineData("\"entries\"", "entries", "registry", "CARDIOLOGY")]
    [InlineData("\"entries\"", "entries", "icd10", "c50.9")]
    [InlineData("\"certificates\"", "certificates", "closedOn", "2026-06-01")]
    public async Task Fetch_UndocumentedValue_Malformed(string marker, string list, string field, string value)
    {
        var registries = new Registries();
        var changed = Changed(marker, list, item => item[field] = value);
        if (list == "referrals") registries.Referrals = changed;
        else if (list == "entries") registries.Entries = changed;
        else registries.Certificates = changed;
        await using var registry = await registries.StartAsync();

        Assert.Equal(DocumentContract.MalformedContent, await DocumentContract.FailureAsync(registry, HealthRegistriesAdapter.Key, Fin));
    }

    [Fact]
    public async Task Fetch_AnswerAboutAnotherPatient_Malformed()
    {
        var entries = Document.ExampleNode("\"entries\"");
        entries["patientFin"] = "3ABVK9J";
        await using var registry = await new Registries { Entries = entries.ToJsonString() }.StartAsync();

        Assert.Equal(DocumentContract.MalformedContent, await DocumentContract.FailureAsync(registry, HealthRegistriesAdapter.Key, Fin));
    }

    [Fact]
    public async Task Fetch_RequiredFieldLeftOut_Malformed()
    {
        await using var registry = await new Registries { Referrals = Changed("\"referrals\"", "referrals", r => r.Remove("issuedOn")) }.StartAsync();

        Assert.Equal(DocumentContract.MalformedBody, await DocumentContract.FailureAsync(registry, HealthRegistriesAdapter.Key, Fin));
    }

    [Fact]
    public async Task Fetch_PatientNotFound_Null()
    {
        Document.AssertLists("not-found");
        await using var registry = await new Registries().StartAsync();

        Assert.Null(await DocumentContract.FetchOrNullAsync(registry, HealthRegistriesAdapter.Key, "3ABVK9J"));
    }

    private static string Changed(string marker, string list, Action<JsonObject> change)
    {
        var answer = Document.ExampleNode(marker);
        change(answer[list]![0]!.AsObject());
        return answer.ToJsonString();
    }

    private static Task<HealthData> FetchAsync(RegistryStub registry) =>
        DocumentContract.FetchAsync<HealthData>(registry, HealthRegistriesAdapter.Key, Fin);

    /// <summary>The registries of the page: its three examples for <see cref="Fin"/>, OperationOutcome errors otherwise.</summary>
    private sealed class Registries
    {
        public string Referrals { get; set; } = Document.Example("\"referrals\"");

        public string Entries { get; set; } = Document.Example("\"entries\"");

        public string Certificates { get; set; } = Document.Example("\"certificates\"");

        public Rendezvous Together { get; } = new(3);

        public (string? From, string? To) Window { get; private set; }

        public Task<RegistryStub> StartAsync() => RegistryStub.StartAsync(app =>
        {
            app.MapGet("/ehealth/api/v1/patients/{fin}/referrals/form-088", (string fin) => Answer(fin, Referrals));
            app.MapGet("/ehealth/api/v1/patients/{fin}/registries", (string fin) => Answer(fin, Entries));
            app.MapGet("/ehealth/api/v1/patients/{fin}/sick-leave", (string fin, HttpRequest request) =>
            {
                Window = (request.Query["from"], request.Query["to"]);
                return !DateOnly.TryParseExact(Window.From, "yyyy-MM-dd", out var from) || !DateOnly.TryParseExact(Window.To, "yyyy-MM-dd", out var to) || from > to
                    ? Task.FromResult(Outcome(400, "invalid"))
                    : Answer(fin, Certificates);
            });
            app.MapFallback(() => Outcome(404, "NO_SUCH_ENDPOINT"));
        });

        private async Task<IResult> Answer(string fin, string body)
        {
            if (fin != Fin) return Outcome(404, "not-found");
            await Together.ArriveAsync();
            return RegistryStub.Json(body);
        }

        private static IResult Outcome(int status, string code) => RegistryStub.Json(
            $$"""{ "resourceType": "OperationOutcome", "issue": [ { "severity": "error", "code": "{{code}}", "diagnostics": "…" } ] }""", status);
    }
}
