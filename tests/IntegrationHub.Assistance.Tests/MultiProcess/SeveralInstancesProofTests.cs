using IntegrationHub.Assistance.Applications.Storage;
using IntegrationHub.Assistance.Processing;
using IntegrationHub.Hub.Api;
using IntegrationHub.Hub.Messaging;
using IntegrationHub.Hub.Engine.Audit;
using IntegrationHub.Hub.Tests.Infrastructure;
using IntegrationHub.Storage.Postgres;
using IntegrationHub.Tests.Shared.Hosting;

namespace IntegrationHub.Assistance.Tests.MultiProcess;

/// <summary>
/// The end-to-end proof of issue 15: two hub processes (Roles=hub), two assistance and two disability processes, real
/// processes of the hub binary over a real RabbitMQ and one PostgreSQL database (Storage:Provider=Postgres, one
/// Audit:SigningKey, a data directory each), all in one cluster and one run. <see cref="Applications"/> applications go in
/// turn to the two assistance processes with Idempotency-Keys, and at the same time <see cref="Referrals"/> referrals
/// (a clinic doctor) go in turn to the two disability processes, each referral's result (a commission member) to the
/// other one. A third of the way into the applications one hub and one assistance process are killed with SIGKILL, a
/// third of the way into the referrals one disability process; each is started again on the same settings while the
/// streams go on, and then everything is sent again. Then: one application per key with unique numbers, each decided
/// exactly once with one decision notice (and one registration notice), all sent (read from the database); one case per
/// referral number, each with the result sent for it, and a result acknowledged once is the one kept (a second is
/// refused: already-decided); the audit verifies intact across the segments; every profile a decision rests on has its
/// audit record; each applicant's accesses view, asked of either hub, lists every one of their applications, served by
/// both hub instances.
/// </summary>
[Collection(SeveralProcessesCollection.Name)]
public sealed class SeveralInstancesProofTests : IAsyncLifetime
{
    private const int Applications = 500;
    private const int Referrals = 200;
    private const int Senders = 8;

    private static readonly JsonSerializerOptions Json = AssistanceFactory.Json;

    /// <summary>The assistance settings of both processes: retries within seconds, not the production minutes, so a case whose profile was lost with a killed hub is asked again soon.</summary>
    private static readonly Dictionary<string, string> AssistanceSettings = new()
    {
        ["Assistance:PollInterval"] = "00:00:01",
        ["Assistance:RetryInterval"] = "00:00:02",
        ["Assistance:MaxRetryInterval"] = "00:00:10",
        ["Assistance:Notifications:RetryInterval"] = "00:00:02",
        // A case the killed process had taken is taken again after this, not the production 2 minutes; still above the
        // wait for the hub (Messaging:RequestTimeout 30 s + 5 s), so a live instance's case is not taken from it.
        ["Assistance:TakeFor"] = "00:00:40",
    };

    /// <summary>The disability settings of both processes: a referral whose records were lost with a killed process is asked for again within seconds.</summary>
    private static readonly Dictionary<string, string> DisabilitySettings = new()
    {
        ["Disability:RecordsRetryInterval"] = "00:00:02",
    };

    /// <summary>The hubs on the unhurried agency budgets: six processes on two loaded cores.</summary>
    private static readonly Dictionary<string, string> HubSettings = AgencyBudgets.UnhurriedProcess();

    private ProcessCluster? _cluster;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _cluster = await ProcessCluster.CreateAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task TwoOfEachProcess_OneOfEachKilledMidStream_EveryApplicationDecidedOnce_EveryReferralsResultKeptOnce_AuditIntact_CitizensSeeBothHubs()
    {
        var cluster = _cluster!;
        // How long each part took, for the output (the proof's wall time is watched: CI runs it on every change).
        var phases = new List<string>();
        var phaseStarted = TimeProvider.System.GetTimestamp();
        void Phase(string name)
        {
            phases.Add($"{name} {TimeProvider.System.GetElapsedTime(phaseStarted).TotalSeconds:0} s");
            phaseStarted = TimeProvider.System.GetTimestamp();
        }
        // Started at once, as a deployment's instances start: the schema is made once however many race to it.
        await Task.WhenAll(
            cluster.StartAsync("hub-1", "hub", HubSettings, Ct),
            cluster.StartAsync("hub-2", "hub", HubSettings, Ct),
            cluster.StartAsync("assistance-1", "assistance", AssistanceSettings, Ct),
            cluster.StartAsync("assistance-2", "assistance", AssistanceSettings, Ct),
            cluster.StartAsync("disability-1", "disability", DisabilitySettings, Ct),
            cluster.StartAsync("disability-2", "disability", DisabilitySettings, Ct));
        // Both hubs consume before the stream starts, or the first takes everything.
        await RabbitMqBroker.WaitForConsumersAsync(cluster.VirtualHost, GetHouseholdProfileConsumerDefinition.Queue, consumers: 2, TimeSpan.FromSeconds(90), Ct);

        Phase("start");
        var applicants = await ApplicantsAsync(cluster["hub-1"]);
        Assert.True(applicants.Count >= 3, $"only {applicants.Count} sample households are decided by the rules alone");
        var submissions = new KeyedSubmissions("/api/v1/assistance/applications", body => body.GetProperty("applicationNumber").GetString()!);
        var applicantOf = new Dictionary<string, string>();
        var all = Enumerable.Range(0, Applications).Select(i =>
        {
            var (fin, body) = applicants[i % applicants.Count];
            applicantOf[$"proof-{i:0000}"] = fin;
            return new KeyedSubmissions.Submission($"proof-{i:0000}", People.ShippedToken(People.Citizen(fin)), body);
        }).ToList();
        Uri Assistance(int i) => cluster[i % 2 == 0 ? "assistance-1" : "assistance-2"].Address;
        // The referrals: the same people (whose records the hub has), the number as the key.
        var referrals = new ReferralStream(cluster, applicants.Select(a => a.Fin).ToList(), Referrals, Senders);

        // The streams: each submission once, to the two processes in turn, Senders at a time each.
        var next = -1;
        var stream = KeyedSubmissions.InParallelAsync(Senders, async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < all.Count; i = Interlocked.Increment(ref next))
            {
                await submissions.SendAsync(Assistance(i), all[i]);
            }
        });
        var referralStream = referrals.SendEachOnceAsync();

        // A third of the way into each stream, SIGKILL one process of each kind, and start it again while the streams go on.
        async Task<int> KillAndRestartAsync(Func<int> answered, int total, Task ofStream, string what, params string[] names)
        {
            Assert.True(await Poll.UntilAsync(() => answered() >= total / 3 || ofStream.IsCompleted, TimeSpan.FromSeconds(180)),
                $"{answered()} {what} answered{Environment.NewLine}{cluster.Tails()}");
            Assert.False(ofStream.IsCompleted, $"the {what} stream ended before the kill: the test proved nothing");
            foreach (var name in names) cluster.Kill(name);
            var killedAt = answered();
            await Task.WhenAll(names.Select(name => cluster.RestartAsync(name, Ct)));
            return killedAt;
        }
        var kills = Task.WhenAll(
            KillAndRestartAsync(() => submissions.Answered.Count, Applications, stream, "applications", "hub-1", "assistance-1"),
            KillAndRestartAsync(() => referrals.Acknowledged.Count, Referrals, referralStream, "referrals", "disability-1"));
        await Within(Task.WhenAll(stream, referralStream, kills), TimeSpan.FromMinutes(6), () => "the streams and the kills did not end within 6 minutes" + Environment.NewLine + cluster.Tails());
        var killedAt = (await kills)[0];
        var referralsKilledAt = (await kills)[1];
        Assert.True(submissions.Refusals.IsEmpty, string.Join(Environment.NewLine, submissions.Refusals.Take(5)));
        Assert.True(submissions.Answered.Count > killedAt, "no application was answered after the kill");
        Assert.True(referrals.Acknowledged.Count > referralsKilledAt, "no referral was answered after the kill");

        var referralsAnswered = referrals.Acknowledged.Count;
        Phase("streams and kills");

        // Every key again: an answered one gives its own application back (200), one the kill cut off is there or made now.
        // At the same time every referral and its result again, until each has its one result.
        var acknowledged = new Dictionary<string, string>(submissions.Answered);
        var unanswered = all.Count - acknowledged.Count;
        var numbers = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        var again = -1;
        var applicationsAgain = KeyedSubmissions.InParallelAsync(Senders, async () =>
        {
            for (var i = Interlocked.Increment(ref again); i < all.Count; i = Interlocked.Increment(ref again))
            {
                var (submission, index) = (all[i], i);
                var answer = await submissions.SendUntilAnsweredAsync(attempt => Assistance(index + attempt), submission, TimeSpan.FromSeconds(60));
                Assert.True(answer is not null, $"{submission.Key} unanswered for 60 s{Environment.NewLine}{cluster.Tails()}");
                if (acknowledged.TryGetValue(submission.Key, out var first))
                {
                    Assert.Equal(HttpStatusCode.OK, answer.Value.Status);
                    Assert.Equal(first, answer.Value.Number);
                }
                numbers[submission.Key] = answer.Value.Number;
            }
        });
        await Within(Task.WhenAll(applicationsAgain, referrals.CompleteAsync()), TimeSpan.FromMinutes(5),
            () => "the applications and referrals sent again were not all answered within 5 minutes" + Environment.NewLine + cluster.Tails());
        Assert.True(submissions.Refusals.IsEmpty, string.Join(Environment.NewLine, submissions.Refusals.Take(5)));
        Assert.Equal(all.Count, numbers.Values.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal((long)all.Count, await cluster.Database.ExecuteAsync($"select count(*) from assistance_documents where collection = '{AssistanceStore.Applications}'"));

        // Each referral's one result, read from the database.
        await referrals.AssertEachResultKeptOnceAsync();
        Phase("all sent again");

        // Read from the database: each decided once, with its notices sent once. A case the killed process had taken
        // waits for its take to lapse (Assistance:TakeFor, above).
        await using var database = new PostgresDatabase(cluster.Database.ConnectionString);
        using var store = new AssistanceStore(new PostgresAssistanceDatabase(database));
        bool Done(string number) => store.DecisionsOf(number).Count > 0 && store.Notices(number) is { Count: 2 } n && n.All(x => x.SentAt is not null);
        var takeFor = TimeSpan.Parse(AssistanceSettings["Assistance:TakeFor"], System.Globalization.CultureInfo.InvariantCulture);
        var settled = await Poll.UntilAsync(() => numbers.Values.All(Done), takeFor + TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1));
        var open = numbers.Values.Where(n => !Done(n)).ToList();
        Assert.True(settled, $"{open.Count} of {numbers.Count} applications not decided and notified, e.g. {string.Join(", ", open.Take(5))}: "
            + string.Join("; ", open.Take(3).Select(n => store.Find(n) is { } a ? $"{n} {a.Status} attempts {a.Attempts}: {a.LastProblem}" : n)) + Environment.NewLine + cluster.Tails());
        foreach (var number in numbers.Values)
        {
            Assert.Single(store.DecisionsOf(number));
            var notices = store.Notices(number);
            Assert.Equal(new[] { "decision", "registration" }, notices.Select(n => n.Kind).Order(StringComparer.Ordinal));
        }

        Phase("decided and notified");
        // The audit verifies across every segment, asked of either hub.
        foreach (var hub in new[] { cluster["hub-1"], cluster["hub-2"] })
        {
            var verification = await ProcessCluster.AuditorGetAsync<AuditVerification>(hub, "/api/v1/audit/verify", Json, Ct);
            Assert.True(verification.Intact, verification.Message);
            Assert.True(verification.Segments?.Count >= 2, $"{verification.Segments?.Count} segments verified");
            Assert.True(verification.Verified >= numbers.Count + Referrals, $"{verification.Verified} records verified, {numbers.Count} applications decided, {Referrals} referrals");
        }

        // Every profile a decision rests on has its audit record (the application's number as the case), from either hub.
        var audited = new HashSet<(string Case, Guid Profile)>();
        var segmentOf = new Dictionary<(string Case, Guid Profile), string>();
        for (var page = 1; ; page++)
        {
            var records = await ProcessCluster.AuditorGetAsync<AuditPage>(cluster["hub-2"], $"/api/v1/audit/records?page={page}&pageSize=200", Json, Ct);
            foreach (var record in records.Items.Where(r => r.ProfileId is not null))
            {
                audited.Add((record.CaseNumber, record.ProfileId!.Value));
                segmentOf[(record.CaseNumber, record.ProfileId.Value)] = record.Segment;
            }
            if (page * 200 >= records.Total) break;
        }
        var servedBy = new Dictionary<string, string>();
        foreach (var number in numbers.Values)
        {
            var profile = JsonSerializer.Deserialize<HouseholdProfile>(store.DecisionsOf(number)[0].ProfileJson, AssistanceStore.Json)!;
            Assert.True(audited.Contains((number, profile.ProfileId)), $"the profile {profile.ProfileId} that decided {number} has no audit record");
            servedBy[number] = segmentOf[(number, profile.ProfileId)];
        }
        Assert.Equal(new[] { "hub-1", "hub-2" }, servedBy.Values.Distinct().Order(StringComparer.Ordinal));

        // Each applicant sees, through either hub, every one of their applications; their profiles came from both hubs.
        var applicationsOf = all.GroupBy(s => applicantOf[s.Key], s => numbers[s.Key]).ToList();
        Assert.Contains(applicationsOf, g => g.Select(n => servedBy[n]).Distinct().Count() == 2);
        foreach (var hub in new[] { cluster["hub-1"], cluster["hub-2"] })
        {
            foreach (var applicant in applicationsOf)
            {
                using var http = new HttpClient { BaseAddress = hub.Address }.WithToken(People.ShippedToken(People.Citizen(applicant.Key)));
                var view = await http.GetFromJsonAsync<CitizenAccesses>($"/api/v1/audit/citizens/{applicant.Key}/accesses?limit=1000", Json, Ct);
                var cases = view!.Accesses.Select(a => a.CaseNumber).ToHashSet();
                var unseen = applicant.Where(n => !cases.Contains(n)).ToList();
                Assert.True(unseen.Count == 0, $"{hub.Address}: the applicant's view misses {unseen.Count} of {applicant.Count()} applications, e.g. {string.Join(", ", unseen.Take(5))}");
            }
        }
        Phase("audit and views");
        TestContext.Current.TestOutputHelper?.WriteLine($"{all.Count} applications, {acknowledged.Count} answered in the stream ({unanswered} not), {killedAt} before the kill; "
            + $"{Referrals} referrals, {referralsAnswered} answered in the stream, {referralsKilledAt} before the kill, {referrals.ResultsAcknowledgedInTheStream} results acknowledged in the stream; "
            + string.Join(", ", phases));
    }

    /// <summary>Awaits <paramref name="task"/> for at most <paramref name="within"/>; then fails saying <paramref name="what"/> did not happen.</summary>
    private static async Task Within(Task task, TimeSpan within, Func<string> what)
    {
        try
        {
            await task.WaitAsync(within, Ct);
        }
        catch (TimeoutException)
        {
            Assert.Fail(what());
        }
    }

    /// <summary>
    /// Up to eight sample households whose profile the rules decide alone (no caseworker, nothing missing), with the application the
    /// portal pre-fills for each from a profile the hub assembles (the household and its incomes, on the e-cabinet).
    /// </summary>
    private async Task<List<(string Fin, object Body)>> ApplicantsAsync(HubProcess hub)
    {
        var samples = await hub.SamplesAsync<SampleCitizen>(Ct);
        using var http = new HttpClient { BaseAddress = hub.Address, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", "dev-assistance-key");
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var applicants = new List<(string Fin, object Body)>();
        foreach (var sample in samples)
        {
            if (applicants.Count == 8) break;
            using var response = await http.PostAsJsonAsync("/api/v1/profiles", new { applicant = sample.Fin, purpose = CaseWorker.Purpose, caseNumber = "PREFILL-" + sample.Fin }, Ct);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
            var profile = (await response.Content.ReadFromJsonAsync<HouseholdProfile>(Json, Ct))!;
            if (!profile.Complete || ProfileDeclaration.From(profile, new FeedbackChannel(ChannelKind.ECabinet, null)) is not { } declaration) continue;
            var outcome = MeansTest.Evaluate(declaration, profile, new RuleSet(), today).Outcome;
            if (outcome is not (MeansTestOutcome.Approved or MeansTestOutcome.Refused)) continue;
            applicants.Add((sample.Fin, new
            {
                applicant = sample.Fin,
                idCardNumber = sample.IdCardNumber,
                members = profile.Members.Where(m => m.Relation != RelationToApplicant.Applicant).Select(m => new { fin = m.Fin.Value, relation = m.Relation.ToString() }).ToList(),
                incomes = profile.Summary.MonthlyIncome.SelectMany(i => i.BySource.Select(s => new { fin = i.Fin.Value, source = s.Key, monthlyAmount = s.Value })).ToList(),
                channel = new { kind = "ecabinet" },
                consent = true,
            }));
        }
        return applicants;
    }
}

/// <summary>
/// Tests that run several processes of the hub binary: one at a time (each is a deployment on two cores). Ordered first
/// (<see cref="DefinedCollectionsFirst"/>) and run beside the other collections; run alone after them, the proof was the
/// last minute and a half of the run.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SeveralProcessesCollection
{
    public const string Name = "several processes";
}
