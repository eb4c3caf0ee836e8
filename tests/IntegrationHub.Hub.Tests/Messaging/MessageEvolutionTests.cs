using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.TestHost;

namespace IntegrationHub.Hub.Tests.Messaging;

/// <summary>
/// A field added to a message must not break a consumer built against the shape before it (docs/messaging.md:
/// add optional fields only; never rename, retype or remove). Here a sender already on a newer shape of
/// <see cref="GetHouseholdProfile"/> (one more field) talks to today's hub consumer, which knows nothing of it.
/// </summary>
public sealed class MessageEvolutionTests : IAsyncLifetime
{
    /// <summary>A future shape of the command: same message identity (URN), one field more.</summary>
    [MessageUrn("IntegrationHub.Contracts.Messaging:GetHouseholdProfile")]
    public sealed record GetHouseholdProfileNext(
        Guid RequestId,
        string Applicant,
        IReadOnlyList<DeclaredMemberEntry>? DeclaredMembers,
        string Purpose,
        string CaseNumber,
        string RequestingSubsystem,
        string? Officer,
        string Urgency);

    private readonly HubFactory _hub = new(households: 40);
    private ITestHarness _harness = null!;

    public async ValueTask InitializeAsync()
    {
        (_harness, _) = await _hub.StartTestHarnessAsync();
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    [Fact]
    public async Task TodaysConsumer_ReadsANewerMessageWithAnExtraField()
    {
        var applicant = _hub.Country.Population.Households[3].Head.Fin;
        var newer = new GetHouseholdProfileNext(Guid.NewGuid(), applicant, null, "targeted-social-assistance", "EVO-1", "assistance", null, Urgency: "high");

        var response = await _harness.GetRequestClient<GetHouseholdProfileNext>()
            .GetResponse<HouseholdProfileResult>(newer, TestContext.Current.CancellationToken);

        Assert.Equal(newer.RequestId, response.Message.RequestId);
        Assert.Equal(applicant, response.Message.Profile.Applicant.Value);
    }
}
