using System.Text.Json;
using IntegrationHub.Contracts.Messaging;
using IntegrationHub.Hub.Tests.Infrastructure;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Hub.Tests.Messaging;

/// <summary>The hub's consumer on MassTransit's test harness, inside the real host (its consumers, definition and services).</summary>
public sealed class GetHouseholdProfileConsumerTests : IAsyncLifetime
{
    private readonly HubFactory _hub = new(households: 60);
    private ITestHarness _harness = null!;

    public async ValueTask InitializeAsync()
    {
        var factory = _hub.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddMassTransitTestHarness()));
        _harness = factory.Services.GetTestHarness();
        await _harness.Start();
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    private string SampleFin(string kind) => _hub.Country.Population.Samples().Single(s => s.HouseholdKind == kind).Fin;

    private static GetHouseholdProfile Request(string applicant, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), applicant, null, "targeted-social-assistance", "MSG-1", "assistance");

    [Fact]
    public async Task ValidRequest_IsAnsweredWithTheProfile_AndAnnouncedWithoutPersonalData()
    {
        var applicant = SampleFin("low-income-family");
        var request = Request(applicant);

        var response = await _harness.GetRequestClient<GetHouseholdProfile>()
            .GetResponse<HouseholdProfileResult, HouseholdProfileRefused>(request, TestContext.Current.CancellationToken);

        Assert.True(response.Is(out Response<HouseholdProfileResult>? result));
        Assert.Equal(request.RequestId, result.Message.RequestId);
        Assert.Equal(applicant, result.Message.Profile.Applicant.Value);
        Assert.True(result.Message.Profile.Members.Count > 1);

        Assert.True(await _harness.Published.Any<HouseholdProfileAssembled>(x => x.Context.Message.RequestId == request.RequestId, TestContext.Current.CancellationToken));
        var announced = _harness.Published.Select<HouseholdProfileAssembled>(TestContext.Current.CancellationToken).Single(x => x.Context.Message.RequestId == request.RequestId).Context.Message;
        Assert.Equal("assistance", announced.RequestingSubsystem);
        Assert.Equal(result.Message.Profile.Members.Count, announced.Members);
        var json = JsonSerializer.Serialize(announced);
        Assert.All(result.Message.Profile.Members, m => Assert.DoesNotContain(m.Fin.Value, json, StringComparison.Ordinal));
        Assert.DoesNotContain("MSG-1", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad!", RefusalCodes.InvalidFin, "applicant")]
    [InlineData("ZZZZZZ9", RefusalCodes.UnknownPerson, "applicant")]
    public async Task BadInput_IsRefusedWithAReason_NotFaultedOrRetried(string applicant, string reason, string? field)
    {
        var request = Request(applicant);

        var response = await _harness.GetRequestClient<GetHouseholdProfile>()
            .GetResponse<HouseholdProfileResult, HouseholdProfileRefused>(request, TestContext.Current.CancellationToken);

        Assert.True(response.Is(out Response<HouseholdProfileRefused>? refused));
        Assert.Equal(reason, refused.Message.Reason);
        Assert.Equal(field, refused.Message.Field);
        Assert.False(string.IsNullOrWhiteSpace(refused.Message.Detail));
        Assert.False(await _harness.Published.Any<Fault<GetHouseholdProfile>>(TestContext.Current.CancellationToken));
        Assert.Equal(1, _harness.Consumed.Select<GetHouseholdProfile>(TestContext.Current.CancellationToken).Count(c => c.Context.Message.RequestId == request.RequestId));
    }

    [Fact]
    public async Task RepeatedRequestId_IsAssembledOnce_AndBothGetTheSameProfile()
    {
        var request = Request(SampleFin("pensioners"));
        var client = _harness.GetRequestClient<GetHouseholdProfile>();

        var answers = await Task.WhenAll(
            client.GetResponse<HouseholdProfileResult>(request, TestContext.Current.CancellationToken),
            client.GetResponse<HouseholdProfileResult>(request, TestContext.Current.CancellationToken));
        var again = await client.GetResponse<HouseholdProfileResult>(request, TestContext.Current.CancellationToken);

        Assert.Equal(answers[0].Message.Profile.ProfileId, answers[1].Message.Profile.ProfileId);
        Assert.Equal(answers[0].Message.Profile.ProfileId, again.Message.Profile.ProfileId);
        Assert.Equal(1, _harness.Published.Select<HouseholdProfileAssembled>(TestContext.Current.CancellationToken).Count(x => x.Context.Message.RequestId == request.RequestId));
    }

    [Fact]
    public async Task TheSameRequestIdFromAnotherSubsystem_IsNotAnsweredFromTheFirstOnesAssembly()
    {
        var id = Guid.NewGuid();
        var applicant = SampleFin("pensioners");
        var client = _harness.GetRequestClient<GetHouseholdProfile>();

        var first = await client.GetResponse<HouseholdProfileResult>(Request(applicant, id), TestContext.Current.CancellationToken);
        var other = await client.GetResponse<HouseholdProfileResult>(Request(applicant, id) with { RequestingSubsystem = "disability", Purpose = "disability-assessment" }, TestContext.Current.CancellationToken);

        Assert.NotEqual(first.Message.Profile.ProfileId, other.Message.Profile.ProfileId);
    }
}
