using System.Text;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Text;
using IntegrationHub.Hub.Engine.Profiles;
using IntegrationHub.Hub.Messaging;
using MassTransit.Serialization;

namespace IntegrationHub.Hub.Tests.Messaging;

/// <summary>A profile in a bus reply is the JSON its audit record hashes, byte for byte, not a second serialization.</summary>
public sealed class AuditedProfileJsonTests
{
    private static readonly JsonSerializerOptions Bus = AuditedProfileJson.Apply(StrictJson.Apply(new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options)));

    [Fact]
    public void Reply_WithTheAuditedJsonAttached_CarriesExactlyThoseBytes()
    {
        var profile = Profile();
        var audited = JsonSerializer.SerializeToUtf8Bytes(profile, ProfileJson.Options);
        AuditedProfileJson.Attach(profile, audited);

        var reply = JsonSerializer.SerializeToUtf8Bytes(new HouseholdProfileResult(Guid.NewGuid(), profile), Bus);

        using var document = JsonDocument.Parse(reply);
        var sent = Encoding.UTF8.GetBytes(document.RootElement.GetProperty("profile").GetRawText());
        Assert.Equal(AuditRecord.Sha256(audited), AuditRecord.Sha256(sent));
        // And the subsystem reads it back as the profile it is.
        var read = JsonSerializer.Deserialize<HouseholdProfileResult>(reply, Bus)!;
        Assert.Equal((profile.ProfileId, profile.Applicant, profile.CaseNumber), (read.Profile.ProfileId, read.Profile.Applicant, read.Profile.CaseNumber));
    }

    [Fact]
    public void Reply_WithoutAuditedJson_IsWrittenAsTheBusWritesIt()
    {
        var profile = Profile();
        var withoutConverter = StrictJson.Apply(new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options));
        // The bus's settings are per process: another test's host may have added the converter already.
        foreach (var converter in withoutConverter.Converters.OfType<AuditedProfileJson>().ToList()) withoutConverter.Converters.Remove(converter);

        var reply = JsonSerializer.Serialize(new HouseholdProfileResult(Guid.Empty, profile), Bus);

        Assert.Equal(JsonSerializer.Serialize(new HouseholdProfileResult(Guid.Empty, profile), withoutConverter), reply);
    }

    private static HouseholdProfile Profile() => new(
        Guid.NewGuid(), Fin.Parse("WDT8LT0"), "targeted-social-assistance", "VEM-TEST", DateTimeOffset.UnixEpoch, TimeSpan.Zero, true,
        [], [], new HouseholdSummary(1, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), [], 0, true, new AssetFlags(null, null, null)), []);
}
