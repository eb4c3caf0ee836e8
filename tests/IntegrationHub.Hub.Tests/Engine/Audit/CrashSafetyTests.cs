using System.Security.Cryptography;
using IntegrationHub.Tests.Shared.Hosting;

namespace IntegrationHub.Hub.Tests.Engine.Audit;

/// <summary>
/// The hub as a real process, killed with SIGKILL in the middle of a stream of profile requests and started
/// again over the same data directory: every profile a client received has its audit record, with the hash of the
/// bytes the client received, and the chain is intact.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private readonly ScratchDirectory _directory = new("hub-crash-");

    public void Dispose()
    {
        _directory.Dispose();
    }

    private Task<HubProcess> StartAsync(CancellationToken token) => HubProcess.StartAsync(new Dictionary<string, string>
    {
        ["Roles"] = "hub",
        ["Storage:DataDirectory"] = _directory.Path,
        ["Mocks:InProcess"] = "true",
        ["Mocks:Households"] = "60",
    }, token);

    [Fact]
    public async Task KilledMidStream_EveryReplyReceivedHasAnAuditRecord_AndTheChainVerifies()
    {
        var token = TestContext.Current.CancellationToken;
        var received = new ConcurrentDictionary<Guid, string>();

        await using (var hub = await StartAsync(token))
        {
            using var http = new HttpClient { BaseAddress = hub.Address, Timeout = TimeSpan.FromSeconds(30) };
            var samples = await hub.SamplesAsync<SampleCitizen>(token);
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        using var response = await PostAsync(http, samples[(w * 7 + i) % samples.Count].Fin, $"CRASH-{w}-{i}", CancellationToken.None);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            var bytes = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                            var profile = JsonSerializer.Deserialize<HouseholdProfile>(bytes, HubFactory.Json);
                            received[profile!.ProfileId] = Convert.ToHexStringLower(SHA256.HashData(bytes));
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        // The hub is gone: that is the point.
                        return;
                    }
                }
            }, token)).ToList();

            var clock = Stopwatch.StartNew();
            while (received.Count < 40 && clock.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(20, token);
            hub.Kill(); // SIGKILL: no graceful stop, no flush on the way out.
            stop.Cancel();
            await Task.WhenAll(workers);
        }
        Assert.True(received.Count >= 40, $"only {received.Count} profiles were received before the kill");

        await using (var hub = await StartAsync(token))
        {
            using var http = new HttpClient { BaseAddress = hub.Address, Timeout = TimeSpan.FromSeconds(30) };
            var samples = await hub.SamplesAsync<SampleCitizen>(token);
            using (var after = await PostAsync(http, samples[0].Fin, "AFTER-RESTART", token))
            {
                Assert.Equal(HttpStatusCode.OK, after.StatusCode);
            }

            using var auditor = new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit/verify");
            auditor.Headers.Add("X-Api-Key", "dev-auditor-key");
            var verification = await (await http.SendAsync(auditor, token)).Content.ReadFromJsonAsync<AuditVerification>(HubFactory.Json, token);
            Assert.True(verification!.Intact, verification.Message);

            var audited = new Dictionary<Guid, string?>();
            for (var page = 1; ; page++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/audit/records?page={page}&pageSize=200");
                request.Headers.Add("X-Api-Key", "dev-auditor-key");
                var records = await (await http.SendAsync(request, token)).Content.ReadFromJsonAsync<AuditPage>(HubFactory.Json, token);
                foreach (var record in records!.Items.Where(r => r.ProfileId is not null)) audited[record.ProfileId!.Value] = record.ProfileHash;
                if (page * 200 >= records.Total) break;
            }
            var missing = received.Keys.Where(id => !audited.ContainsKey(id)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {received.Count} profiles received have no audit record");
            var otherBytes = received.Where(r => audited[r.Key] != r.Value).ToList();
            Assert.True(otherBytes.Count == 0, $"{otherBytes.Count} of {received.Count} audit records do not hold the hash of the bytes received");
        }
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string applicant, string caseNumber, CancellationToken token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/profiles")
        {
            Content = JsonContent.Create(new { applicant, purpose = "targeted-social-assistance", caseNumber }),
        };
        request.Headers.Add("X-Api-Key", "dev-assistance-key");
        return http.SendAsync(request, token);
    }

}
