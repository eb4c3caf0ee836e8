using IntegrationHub.Disability.Storage;
using IntegrationHub.Disability.Storage.Postgres;
using IntegrationHub.Storage.Postgres;
using IntegrationHub.Tests.Shared.Hosting;
using CaseStatus = IntegrationHub.Disability.Storage.CaseStatus;

namespace IntegrationHub.Assistance.Tests.MultiProcess;

/// <summary>
/// The disability half of the several-instances proof: referrals (form 88, <c>F88-PROOF-nnnn</c>) from a clinic doctor to
/// the processes <c>disability-1</c> and <c>disability-2</c> in turn, each one's result from a commission member sent to the
/// other process; then every referral and result again until each case has its result; then the check, read from the
/// database, that each case has the result sent for it and that a result once acknowledged (200) is the one kept.
/// </summary>
public sealed class ReferralStream
{
    private const string DecidedBy = "tsek-0001";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly ProcessCluster _cluster;
    private readonly int _count;
    private readonly int _senders;
    private readonly List<KeyedSubmissions.Submission> _referrals;
    private readonly string _member = People.ShippedToken(People.CommissionMember(DecidedBy));
    private readonly DateOnly _today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _decided = new();
    private readonly ConcurrentBag<string> _refusals = [];
    private readonly KeyedSubmissions _submissions = new("/api/v1/disability/referrals", body => body.GetProperty("referralNumber").GetString()!);

    /// <param name="people">The people referred, in turn (their records must be the hub's to give).</param>
    public ReferralStream(ProcessCluster cluster, IReadOnlyList<string> people, int count, int senders)
    {
        _cluster = cluster;
        _count = count;
        _senders = senders;
        var doctor = People.ShippedToken(People.ClinicDoctor());
        _referrals = Enumerable.Range(0, count).Select(i => new KeyedSubmissions.Submission(Number(i), doctor,
            new { referralNumber = Number(i), fin = people[i % people.Count], issuedOn = _today, diagnoses = new[] { "I63.9" } })).ToList();
    }

    /// <summary>Referral number → the number answered (2xx) the first time it was answered.</summary>
    public IReadOnlyDictionary<string, string> Acknowledged => _submissions.Answered;

    /// <summary>Results acknowledged (200) when <see cref="SendEachOnceAsync"/> ended.</summary>
    public int ResultsAcknowledgedInTheStream { get; private set; }

    private static string Number(int i) => $"F88-PROOF-{i:0000}";

    /// <summary>The percentage the commission enters for referral <paramref name="i"/>: 40-100 in steps of 5.</summary>
    private static int Percent(int i) => 40 + (5 * (i % 13));

    private Uri Disability(int i) => _cluster[i % 2 == 0 ? "disability-1" : "disability-2"].Address;

    /// <summary>Each referral once, and its result once to the other process when the referral was answered; <paramref name="senders"/> at a time.</summary>
    public async Task SendEachOnceAsync()
    {
        var next = -1;
        await KeyedSubmissions.InParallelAsync(_senders, async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < _count; i = Interlocked.Increment(ref next))
            {
                if (await _submissions.SendAsync(Disability(i), _referrals[i]) is not null) await DecideAsync(Disability(i + 1), i);
            }
        });
        ResultsAcknowledgedInTheStream = _decided.Count;
    }

    /// <summary>
    /// Every referral again until answered (one answered before: 200 with its case), then its result until it has one: 200,
    /// or 409 <c>already-decided</c>, which a referral whose result was acknowledged must get (its result is not recorded twice).
    /// </summary>
    public async Task CompleteAsync()
    {
        var acknowledged = new Dictionary<string, string>(_submissions.Answered);
        var decided = new Dictionary<string, DateTimeOffset>(_decided);
        var next = -1;
        await KeyedSubmissions.InParallelAsync(_senders, async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < _count; i = Interlocked.Increment(ref next))
            {
                var index = i;
                var referral = _referrals[index];
                var answer = await _submissions.SendUntilAnsweredAsync(attempt => Disability(index + attempt), referral, TimeSpan.FromSeconds(60));
                Assert.True(answer is not null, $"{referral.Key} unanswered for 60 s{Environment.NewLine}{_cluster.Tails()}");
                if (acknowledged.ContainsKey(referral.Key)) Assert.Equal(HttpStatusCode.OK, answer.Value.Status);
                Assert.Equal(referral.Key, answer.Value.Number);

                var attempt = 0;
                var result = await Poll.ReadUntilAsync(() => DecideAsync(Disability(index + 1 + attempt++), index),
                    r => r is not (ResultAnswer.NotYet or ResultAnswer.NoAnswer), TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(500));
                Assert.True(result is ResultAnswer.Recorded or ResultAnswer.AlreadyDecided,
                    $"{referral.Key}: no result recorded within 90 s (last: {result}) {string.Join("; ", _refusals.Take(3))}{Environment.NewLine}{_cluster.Tails()}");
                if (decided.ContainsKey(referral.Key)) Assert.Equal(ResultAnswer.AlreadyDecided, result);
            }
        });
        Assert.True(_refusals.IsEmpty, string.Join(Environment.NewLine, _refusals.Take(5)));
        Assert.True(_submissions.Refusals.IsEmpty, string.Join(Environment.NewLine, _submissions.Refusals.Take(5)));
    }

    /// <summary>Read from the database: one case per referral number, each decided with the result sent for it; an acknowledged result is the one kept.</summary>
    public async Task AssertEachResultKeptOnceAsync()
    {
        Assert.Equal((long)_count, await _cluster.Database.ExecuteAsync("select count(*) from disability_cases where referral_number like 'F88-PROOF-%'"));
        await using var database = new PostgresDatabase(_cluster.Database.ConnectionString);
        using var store = new PostgresDisabilityStore(database);
        for (var i = 0; i < _count; i++)
        {
            var c = store.FindCase(Number(i));
            Assert.True(c is { Status: CaseStatus.Decided, Result: not null }, $"{Number(i)}: {c?.Status.ToString() ?? "no case"}");
            var result = c!.Result!;
            Assert.Equal((Percent(i), DecidedBy), (result.Percent, result.DecidedBy));
            if (_decided.TryGetValue(Number(i), out var acknowledgedAt)) Assert.Equal(acknowledgedAt, result.DecidedAt);
        }
    }

    private enum ResultAnswer
    {
        /// <summary>200: this request recorded the result.</summary>
        Recorded,

        /// <summary>409 already-decided: a result was recorded before (an earlier request whose answer was lost, or acknowledged).</summary>
        AlreadyDecided,

        /// <summary>409 records-pending, or 503: not yet.</summary>
        NotYet,

        /// <summary>No answer: the process killed or not up, a timeout.</summary>
        NoAnswer,

        /// <summary>Anything else, kept for the test to report.</summary>
        Refused,
    }

    private async Task<ResultAnswer> DecideAsync(Uri target, int i)
    {
        var number = Number(i);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, $"/api/v1/disability/referrals/{number}/result"))
            {
                Content = JsonContent.Create(new { percent = Percent(i), cause = "GeneralIllness", startDate = _today, recommendations = "Reabilitasiya kursu." }),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _member);
            using var response = await Http.SendAsync(request, CancellationToken.None);
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            var json = string.IsNullOrEmpty(body) ? default : JsonDocument.Parse(body).RootElement;
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    var decidedAt = json.GetProperty("result").GetProperty("decidedAt").GetDateTimeOffset();
                    if (!_decided.TryAdd(number, decidedAt)) _refusals.Add($"{number}: a second result recorded ({decidedAt:O})");
                    return ResultAnswer.Recorded;
                case HttpStatusCode.Conflict when json.GetProperty("code").GetString() == "already-decided":
                    return ResultAnswer.AlreadyDecided;
                case HttpStatusCode.Conflict when json.GetProperty("code").GetString() == "records-pending":
                case HttpStatusCode.ServiceUnavailable:
                    return ResultAnswer.NotYet;
                default:
                    _refusals.Add($"{number}: {(int)response.StatusCode} {body}");
                    return ResultAnswer.Refused;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return ResultAnswer.NoAnswer;
        }
    }
}
