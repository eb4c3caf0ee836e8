using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Tests.Infrastructure;
using IntegrationHub.Mocks.Population;

namespace IntegrationHub.Hub.Tests.Trust;

/// <summary>
/// The hub as a real process, killed with SIGKILL in the middle of a stream of profile requests and started
/// again: every profile a client received has its audit record, and the chain is intact.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hub-crash-" + Guid.NewGuid().ToString("N"));
    private readonly int _port = FreePort();

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task KilledMidStream_EveryReplyReceivedHasAnAuditRecord_AndTheChainVerifies()
    {
        var token = TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromSeconds(30) };
        var received = new ConcurrentBag<Guid>();

        using (var hub = Start())
        {
            var samples = await WaitUntilReadyAsync(http, hub, token);
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
                            var profile = await response.Content.ReadFromJsonAsync<HouseholdProfile>(HubFactory.Json, CancellationToken.None);
                            received.Add(profile!.ProfileId);
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
            hub.Kill(entireProcessTree: true); // SIGKILL: no graceful stop, no flush on the way out.
            await hub.WaitForExitAsync(token);
            stop.Cancel();
            await Task.WhenAll(workers);
        }
        Assert.True(received.Count >= 40, $"only {received.Count} profiles were received before the kill");

        using (var hub = Start())
        {
            var samples = await WaitUntilReadyAsync(http, hub, token);
            using (var after = await PostAsync(http, samples[0].Fin, "AFTER-RESTART", token))
            {
                Assert.Equal(HttpStatusCode.OK, after.StatusCode);
            }

            using var auditor = new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit/verify");
            auditor.Headers.Add("X-Api-Key", "dev-auditor-key");
            var verification = await (await http.SendAsync(auditor, token)).Content.ReadFromJsonAsync<AuditVerification>(HubFactory.Json, token);
            Assert.True(verification!.Intact, verification.Message);

            var audited = new HashSet<Guid>();
            for (var page = 1; ; page++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/audit/records?page={page}&pageSize=200");
                request.Headers.Add("X-Api-Key", "dev-auditor-key");
                var records = await (await http.SendAsync(request, token)).Content.ReadFromJsonAsync<AuditPage>(HubFactory.Json, token);
                foreach (var record in records!.Items.Where(r => r.ProfileId is not null)) audited.Add(record.ProfileId!.Value);
                if (page * 200 >= records.Total) break;
            }
            var missing = received.Where(id => !audited.Contains(id)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {received.Count} profiles received have no audit record");

            hub.Kill(entireProcessTree: true);
            await hub.WaitForExitAsync(token);
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

    private Process Start()
    {
        var bin = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            Path.Combine(bin, "IntegrationHub.Hub.dll"),
            "--Urls", $"http://127.0.0.1:{_port}",
            "--Storage:DataDirectory", _directory,
            "--Mocks:InProcess", "true",
            "--Mocks:Households", "60",
            "--Logging:LogLevel:Default", "Warning",
        })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        // Drain the output so the child never blocks on a full pipe.
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private readonly ConcurrentQueue<string> _output = new();

    private void Remember(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 40) _output.TryDequeue(out _);
    }

    private async Task<IReadOnlyList<SampleCitizen>> WaitUntilReadyAsync(HttpClient http, Process hub, CancellationToken token)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            Assert.False(hub.HasExited, $"the hub exited with code {(hub.HasExited ? hub.ExitCode : 0)}: {string.Join(Environment.NewLine, _output)}");
            try
            {
                var samples = await http.GetFromJsonAsync<List<SampleCitizen>>("/mocks/samples", HubFactory.Json, token);
                if (samples is { Count: > 0 }) return samples;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200, token);
        }
        throw new TimeoutException("the hub did not start within 90 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
