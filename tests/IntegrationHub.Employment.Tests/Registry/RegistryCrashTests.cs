using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Mocks.Population;
using IntegrationHub.Tests.Shared;
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

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "employment-crash-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private Task<HubProcess> StartAsync(CancellationToken token) => HubProcess.StartAsync(new Dictionary<string, string>
    {
        ["Roles"] = "hub,employment",
        ["Storage:DataDirectory"] = _directory,
        ["Mocks:InProcess"] = "true",
        ["Mocks:Households"] = "60",
        // Generous, as in EmploymentFactory: every new contract's employee is checked with the population register
        // through the hub, and a loaded machine must not time that out.
        ["Aggregation:Deadline"] = "00:00:10",
        ["Agencies:Defaults:AttemptTimeout"] = "00:00:04",
        ["Agencies:Defaults:TotalTimeout"] = "00:00:08",
    }, token);

    [Fact]
    public async Task KilledMidStream_EveryNotificationAnswered201_IsThere_AndEveryKeySentAgainStandsOnce()
    {
        var token = TestContext.Current.CancellationToken;
        var sent = new ConcurrentDictionary<string, Dictionary<string, object?>>();
        var acknowledged = new ConcurrentDictionary<string, string>();

        await using (var hub = await StartAsync(token))
        {
            // Secondary contracts: a person may hold many with one employer, so every key is a new contract.
            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            var people = (await hub.SamplesAsync<SampleCitizen>(token)).Where(p => p.BirthDate.AddYears(18) <= today).ToList();
            Assert.NotEmpty(people);
            using var http = Employer(hub);
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var key = $"crash-{s}-{i}";
                    var body = NewContract(people[(s * 31 + i) % people.Count].Fin, today.AddDays(-3), wage: 800 + i, kind: "secondary");
                    sent[key] = body;
                    try
                    {
                        using var response = await SendAsync(http, key, body, CancellationToken.None);
                        if (response.StatusCode == HttpStatusCode.Created) acknowledged[key] = await NumberAsync(response);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        return; // The process is gone: that is the point.
                    }
                }
            }, token)).ToList();

            await Poll.UntilAsync(() => acknowledged.Count >= AcknowledgedBeforeKill || senders.All(t => t.IsCompleted), TimeSpan.FromSeconds(90));
            hub.Kill(); // SIGKILL: no graceful stop, nothing flushed on the way out.
            stop.Cancel();
            await Task.WhenAll(senders);
            Assert.True(acknowledged.Count >= AcknowledgedBeforeKill, $"only {acknowledged.Count} notifications were answered 201 before the kill:\n{hub.Output}");
        }

        await using (var hub = await StartAsync(token))
        {
            using var http = Employer(hub);
            foreach (var (key, number) in acknowledged)
            {
                var contract = await http.GetFromJsonAsync<JsonElement>($"/api/v1/employment/contracts/{number}", token);
                Assert.Equal(sent[key]["fin"], contract.GetProperty("fin").GetString());
            }

            // Each key sent again: an answered one gives its own contract back; one the kill cut off was either on disk
            // (given back, 200) or is registered now (201). Never a second contract for one key.
            var numbers = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, body) in sent)
            {
                using var response = await SendUntilCheckedAsync(http, key, body, token);
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created,
                    $"{key}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(token)}");
                var number = await NumberAsync(response);
                if (acknowledged.TryGetValue(key, out var first))
                {
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Equal(first, number);
                }
                Assert.True(numbers.Add(number), $"{key} was given contract {number}, which another key already has");
            }

            var list = await http.GetFromJsonAsync<JsonElement>("/api/v1/employment/contracts?pageSize=1", token);
            Assert.Equal(sent.Count, list.GetProperty("total").GetInt32());
        }
    }

    private static HttpClient Employer(HubProcess hub)
    {
        var http = new HttpClient { BaseAddress = hub.Address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", $"dev-{SampleEmployer}-key");
        return http;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string key, object body, CancellationToken token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/employment/contracts") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await http.SendAsync(request, token);
    }

    /// <summary>Sends again, as the answer asks, while the employee could not be checked (503 employee-check-unavailable): at most five times.</summary>
    private static async Task<HttpResponseMessage> SendUntilCheckedAsync(HttpClient http, string key, object body, CancellationToken token)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await SendAsync(http, key, body, token);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 5) return response;
            response.Dispose();
        }
    }

    private static async Task<string> NumberAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None)).RootElement.GetProperty("contract").GetProperty("number").GetString()!;
}
