using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace IntegrationHub.Hub.Tests.Messaging;

/// <summary>The hub's consumer on MassTransit's test harness, inside the real host (its consumers, definition and services).</summary>
public sealed class GetHouseholdProfileConsumerTests : IAsyncLifetime
{
    private readonly HubFactory _hub = new(households: 60);
    private ITestHarness _harness = null!;
    private IAuditStore _audit = null!;

    public async ValueTask InitializeAsync()
    {
        (_harness, var services) = await _hub.StartTestHarnessAsync();
        _audit = services.GetRequiredService<IAuditStore>();
    }

    private List<AuditRecord> AuditRecordsOf(Guid requestId) =>
        _audit.Find(new AuditFilter(), 1, 200).Items.Where(r => r.RequestId == requestId).OrderBy(r => r.Id).ToList();

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
    public async Task RepeatedRequestId_IsAssembledOnce_BothGetTheSameProfile_AndEachAnswerHasItsOwnAuditRecord()
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
        var records = AuditRecordsOf(request.RequestId);
        Assert.Equal(3, records.Count);
        var first = records[0];
        Assert.Null(first.ReplayOf);
        Assert.NotEmpty(first.Agencies);
        Assert.All(records.Skip(1), replay =>
        {
            Assert.Equal(first.Id, replay.ReplayOf);
            Assert.Equal((first.ProfileId, first.ProfileHash, first.Outcome, first.CaseNumber), (replay.ProfileId, replay.ProfileHash, replay.Outcome, replay.CaseNumber));
            Assert.Equal(first.Subjects, replay.Subjects);
            Assert.Empty(replay.Agencies); // no agency was asked for the replay
        });
        Assert.True(_audit.Verify().Intact);
        // The citizen sees one access, not one per copy of the answer.
        Assert.Single(_audit.ProfilesReturnedAbout(request.Applicant, 50), r => r.RequestId == request.RequestId);
    }

    [Theory]
    [InlineData("applicant")]
    [InlineData("case")]
    [InlineData("household")]
    [InlineData("officer")]
    public async Task RequestIdReused_ForAnotherRequest_IsRefused_AndNeverGetsTheFirstHousehold(string changed)
    {
        var client = _harness.GetRequestClient<GetHouseholdProfile>();
        var firstApplicant = SampleFin("pensioners");
        var request = Request(firstApplicant);
        var first = await client.GetResponse<HouseholdProfileResult>(request, TestContext.Current.CancellationToken);
        var other = changed switch
        {
            "applicant" => request with { Applicant = SampleFin("low-income-family"), CaseNumber = "MSG-2" },
            "case" => request with { CaseNumber = "MSG-2" },
            "household" => request with { DeclaredMembers = [] },
            _ => request with { Officer = "someone-else" },
        };

        var response = await client.GetResponse<HouseholdProfileResult, HouseholdProfileRefused>(other, TestContext.Current.CancellationToken);

        Assert.True(response.Is(out Response<HouseholdProfileRefused>? refused), "the reused id was answered with a profile");
        Assert.Equal((RefusalCodes.RequestIdReused, "requestId"), (refused.Message.Reason, refused.Message.Field));
        var records = AuditRecordsOf(request.RequestId);
        Assert.Equal([AuditRecord.Ok, RefusalCodes.RequestIdReused], records.Select(r => r.Outcome));
        Assert.Equal(other.CaseNumber, records[1].CaseNumber);
        Assert.Null(records[1].ProfileId);
        // The very same request is still answered from the first assembly afterwards.
        var again = await client.GetResponse<HouseholdProfileResult>(request, TestContext.Current.CancellationToken);
        Assert.Equal(first.Message.Profile.ProfileId, again.Message.Profile.ProfileId);
    }

    [Fact]
    public async Task MissingRequestId_IsRefused_AndAudited()
    {
        var client = _harness.GetRequestClient<GetHouseholdProfile>();
        var applicant = SampleFin("pensioners");

        var response = await client.GetResponse<HouseholdProfileResult, HouseholdProfileRefused>(Request(applicant, Guid.Empty), TestContext.Current.CancellationToken);

        Assert.True(response.Is(out Response<HouseholdProfileRefused>? refused));
        Assert.Equal((RefusalCodes.MissingRequestId, "requestId"), (refused.Message.Reason, refused.Message.Field));
        var record = Assert.Single(AuditRecordsOf(Guid.Empty));
        Assert.Equal((RefusalCodes.MissingRequestId, applicant), (record.Outcome, record.Applicant));
    }

    [Fact]
    public async Task TheSameRequestIdFromTwoSubsystems_EachIsAnsweredWithItsOwnHousehold()
    {
        var id = Guid.NewGuid();
        var client = _harness.GetRequestClient<GetHouseholdProfile>();
        var assistanceApplicant = SampleFin("pensioners");
        var disabilityApplicant = SampleFin("low-income-family");

        var assistance = await client.GetResponse<HouseholdProfileResult, HouseholdProfileRefused>(Request(assistanceApplicant, id), TestContext.Current.CancellationToken);
        var disability = await client.GetResponse<HouseholdProfileResult, HouseholdProfileRefused>(
            new GetHouseholdProfile(id, disabilityApplicant, [], "disability-assessment", "TS-1", "disability"), TestContext.Current.CancellationToken);

        Assert.True(assistance.Is(out Response<HouseholdProfileResult>? forAssistance));
        Assert.True(disability.Is(out Response<HouseholdProfileResult>? forDisability));
        Assert.Equal(assistanceApplicant, forAssistance.Message.Profile.Applicant.Value);
        Assert.Equal(disabilityApplicant, forDisability.Message.Profile.Applicant.Value);
        Assert.Empty(forAssistance.Message.Profile.Members.Select(m => m.Fin).Intersect(forDisability.Message.Profile.Members.Select(m => m.Fin)));
        Assert.Equal(["assistance", "disability"], AuditRecordsOf(id).Select(r => r.Caller));
    }
}
