using MassTransit;
using MassTransit.Serialization;
using MassTransit.Testing;
using Microsoft.AspNetCore.TestHost;

namespace IntegrationHub.Hub.Tests.Messaging;

/// <summary>
/// The bus door reads as strictly as the HTTP one, and answers what it cannot read: a request whose fields have
/// the wrong JSON types gets <c>malformed-message</c> at once (the sender waited out its 30 s timeout and the
/// message went to <c>_error</c> unanswered), names and identifiers are checked as over HTTP.
/// </summary>
public sealed class BusInputTests : IAsyncLifetime
{
    /// <summary>The command as a sender with a wrong idea of its types would send it: same message identity (URN).</summary>
    [MessageUrn("IntegrationHub.Contracts.Messaging:GetHouseholdProfile")]
    public sealed record GetHouseholdProfileWrongTypes(Guid RequestId, int Applicant, string Purpose, string CaseNumber, string RequestingSubsystem);

    /// <summary>Declared members as an object instead of a list.</summary>
    [MessageUrn("IntegrationHub.Contracts.Messaging:GetHouseholdProfile")]
    public sealed record GetHouseholdProfileMembersAsObject(Guid RequestId, string Applicant, Dictionary<string, string> DeclaredMembers, string Purpose, string CaseNumber, string RequestingSubsystem);

    private readonly HubFactory _hub = new(households: 40);
    private ITestHarness _harness = null!;

    public async ValueTask InitializeAsync()
    {
        (_harness, _) = await _hub.StartTestHarnessAsync();
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Applicant => _hub.Country.Population.Households[2].Head.Fin;

    private async Task<HouseholdProfileRefused> RefusedAsync<T>(T message) where T : class
    {
        // Well inside the 30 s a request waits by default: the refusal comes at once, not at the timeout.
        var response = await _harness.GetRequestClient<T>()
            .GetResponse<HouseholdProfileRefused, HouseholdProfileResult>(message, Token, RequestTimeout.After(s: 10));
        Assert.True(response.Is(out Response<HouseholdProfileRefused>? refused), "answered with a profile");
        return refused.Message;
    }

    [Fact]
    public async Task WrongJsonType_IsRefusedMalformedMessage_NamingTheField()
    {
        var id = Guid.NewGuid();

        var refused = await RefusedAsync(new GetHouseholdProfileWrongTypes(id, 42, "targeted-social-assistance", "BUS-1", "assistance"));

        Assert.Equal(RefusalCodes.MalformedMessage, refused.Reason);
        Assert.Equal(id, refused.RequestId);
        Assert.Equal("applicant", refused.Field);
        Assert.False(await _harness.Consumed.Any<GetHouseholdProfile>(Token));
    }

    [Fact]
    public async Task ListGivenAsAnObject_IsRefusedMalformedMessage()
    {
        var refused = await RefusedAsync(new GetHouseholdProfileMembersAsObject(Guid.NewGuid(), Applicant, new() { ["fin"] = "3ABVK9J" }, "targeted-social-assistance", "BUS-2", "assistance"));

        Assert.Equal((RefusalCodes.MalformedMessage, "declaredMembers"), (refused.Reason, refused.Field));
    }

    [Theory]
    [InlineData("Spouse,Child")]
    [InlineData("Spouse, Grandchild")]
    [InlineData("2")]
    public async Task RelationThatIsNotOneName_IsRefusedInvalidRelation(string relation)
    {
        var refused = await RefusedAsync(new GetHouseholdProfile(Guid.NewGuid(), Applicant, [new DeclaredMemberEntry("3ABVK9J", relation)], "targeted-social-assistance", "BUS-3", "assistance"));

        Assert.Equal((RefusalCodes.InvalidRelation, "declaredMembers[0].relation"), (refused.Reason, refused.Field));
    }

    [Theory]
    [InlineData("BUS-4\r\nINFO forged", null, null, "caseNumber")]
    [InlineData("BUS-4", "assistance\nINFO forged", null, "requestingSubsystem")]
    [InlineData("BUS-4", "assistance", "officer\u202E", "officer")]
    [InlineData("BUS-4\0", "assistance", null, "caseNumber")]
    public async Task ControlOrBidiCharacters_AreRefusedInvalidCharacters_NamingTheField(string caseNumber, string? subsystem, string? officer, string field)
    {
        var refused = await RefusedAsync(new GetHouseholdProfile(Guid.NewGuid(), Applicant, null, "targeted-social-assistance", caseNumber, subsystem ?? "assistance", officer));

        Assert.Equal((RefusalCodes.InvalidCharacters, field), (refused.Reason, refused.Field));
    }

    [Fact]
    public async Task BusSerializer_RefusesNumbersCommaListsAndRepeatedKeys_ForEveryEnum()
    {
        var options = SystemTextJsonMessageSerializer.Options;

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<MemberSource>("\"Declared,CivilRegistry\"", options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RelationToApplicant>("3", options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SourceStatus>("\"1\"", options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DeclaredMemberEntry>("""{"fin":"3ABVK9J","relation":"Spouse","relation":"Child"}""", options));
        Assert.Equal(RelationToApplicant.Spouse, JsonSerializer.Deserialize<RelationToApplicant>("\"Spouse\"", options));
        Assert.Equal("\"OtherRelative\"", JsonSerializer.Serialize(RelationToApplicant.OtherRelative, options));
    }
}
