using IntegrationHub.Tests.Shared.Hosting;
using static IntegrationHub.Employment.Tests.Infrastructure.EmploymentFactory;

namespace IntegrationHub.Employment.Tests.Registry;

/// <summary>
/// The registry as a real process (hub and employment roles), killed with SIGKILL while employers' systems send
/// notifications, and started again over the same data directory: every notification answered 201 is there, and
/// every notification sent again under its Idempotency-Key (answered or not before the kill) stands once.
/// </summary>
public sealed class RegistryCrashTests : IDisposable
{
    private const int Senders = 8;
    private const int AcknowledgedBeforeKill = 60;

    private readonly ScratchDirectory _directory = new("employment-crash-");

    public void Dispose()
    {
        _directory.Dispose();
    }

    // Unhurried budgets, as in EmploymentFactory: every new contract's employee is checked with the population register
    // through the hub, and a loaded machine must not time that out.
    private Task<HubProcess> StartAsync(CancellationToken token) => HubProcess.StartAsync(new Dictionary<string, string>(AgencyBudgets.UnhurriedProcess())
    {
        ["Roles"] = "hub,employment",
        ["Storage:DataDirectory"] = _directory.Path,
        ["Mocks:InProcess"] = "true",
        ["Mocks:Households"] = "60",
    }, token);

    [Fact]
    public async Task KilledMidStream_EveryNotificationAnswered201_IsThere_AndEveryKeySentAgainStandsOnce()
    {
        var token = TestContext.Current.CancellationToken;
        var submissions = new KeyedSubmissions(
            "/api/v1/employment/contracts",
            body => body.GetProperty("contract").GetProperty("number").GetString()!,
            (headers, apiKey) => headers.Add("X-Api-Key", apiKey));
        var apiKey = $"dev-{SampleEmployer}-key";

        await using (var hub = await StartAsync(token))
        {
            // Secondary contracts: a person may hold many with one employer, so every key is a new contract.
            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            var people = (await hub.SamplesAsync<SampleCitizen>(token)).Where(p => p.BirthDate.AddYears(18) <= today).ToList();
            Assert.NotEmpty(people);
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
            {
                // Until the kill and a moment after: an unanswered send (the process gone) is the point, not a failure.
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var body = NewContract(people[(s * 31 + i) % people.Count].Fin, today.AddDays(-3), wage: 800 + i, kind: "secondary");
                    await submissions.SendAsync(hub.Address, new KeyedSubmissions.Submission($"crash-{s}-{i}", apiKey, body));
                }
            }, token)).ToList();

            await Poll.UntilAsync(() => submissions.Answered.Count >= AcknowledgedBeforeKill || senders.All(t => t.IsCompleted), TimeSpan.FromSeconds(90));
            hub.Kill(); // SIGKILL: no graceful stop, nothing flushed on the way out.
            stop.Cancel();
            await Task.WhenAll(senders).WaitAsync(TimeSpan.FromSeconds(60), token);
            Assert.True(submissions.Answered.Count >= AcknowledgedBeforeKill, $"only {submissions.Answered.Count} notifications were answered 201 before the kill:\n{hub.Output}");
        }

        var acknowledged = submissions.Answered.ToDictionary();
        await using (var hub = await StartAsync(token))
        {
            using var http = new HttpClient { BaseAddress = hub.Address, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
            foreach (var (key, number) in acknowledged)
            {
                var contract = await http.GetFromJsonAsync<JsonElement>($"/api/v1/employment/contracts/{number}", token);
                Assert.Equal(((Dictionary<string, object?>)submissions.Sent[key].Body)["fin"], contract.GetProperty("fin").GetString());
            }

            // Each key sent again: an answered one gives its own contract back; one the kill cut off was either on disk
            // (given back, 200) or is registered now (201), sent again while the employee could not be checked (503).
            // Never a second contract for one key.
            var numbers = new HashSet<string>(StringComparer.Ordinal);
            foreach (var submission in submissions.Sent.Values)
            {
                var answer = await submissions.SendUntilAnsweredAsync(_ => hub.Address, submission, TimeSpan.FromSeconds(30));
                Assert.True(answer is not null, $"{submission.Key} was not answered 200 or 201 again: {string.Join("; ", submissions.Refusals)}");
                var (status, number) = answer.Value;
                if (acknowledged.TryGetValue(submission.Key, out var first))
                {
                    Assert.Equal(HttpStatusCode.OK, status);
                    Assert.Equal(first, number);
                }
                Assert.True(numbers.Add(number), $"{submission.Key} was given contract {number}, which another key already has");
            }
            Assert.Empty(submissions.Refusals);

            var list = await http.GetFromJsonAsync<JsonElement>("/api/v1/employment/contracts?pageSize=1", token);
            Assert.Equal(submissions.Sent.Count, list.GetProperty("total").GetInt32());
        }
    }
}
