using System.Net.Http.Headers;
using System.Security.Cryptography;
using IntegrationHub.Tests.Shared.Hosting;
using IntegrationHub.Hub.Api;
using IntegrationHub.Hub.Commands;

namespace IntegrationHub.Hub.Tests.Engine.Audit.Postgres;

/// <summary>
/// The proof of the shared audit: two hub processes (Storage:Provider=Postgres, one database, the in-process mock
/// country each) serving profiles at once; one killed with SIGKILL mid-stream and started again. Afterwards the audit
/// verifies across both segments, every profile a client received has its record with the hash of the bytes received,
/// and a citizen's view, asked of either instance, lists the accesses made through both.
/// </summary>
public sealed class SharedAuditProcessTests : IAsyncLifetime
{
    private readonly ScratchDirectory _root = new("hub-shared-audit-");
    private readonly ConcurrentDictionary<Guid, Received> _received = new();
    private PostgresServer? _server;

    // Both instances sign their checkpoints with one key (as a deployment configures Audit:SigningKey), so either verifies the other's.
    private readonly string _signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem();

    private sealed record Received(string Instance, string Applicant, string CaseNumber, string Hash);

    public async ValueTask InitializeAsync() => _server = await PostgresServer.CreateDatabaseAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _root.Dispose();
    }

    private Task<HubProcess> StartAsync(string instance, CancellationToken token) => HubProcess.StartAsync(new Dictionary<string, string>
    {
        ["Roles"] = "hub",
        ["Storage:DataDirectory"] = _root.File(instance),
        ["Storage:Provider"] = "Postgres",
        ["Storage:ConnectionString"] = _server!.ConnectionString,
        ["Audit:SigningKey"] = _signingKey,
        ["Mocks:InProcess"] = "true",
        ["Mocks:Households"] = "60",
    }, token);

    [Fact]
    public async Task TwoInstances_OneKilledMidStreamAndRestarted_AuditIntactAcrossSegments_EveryReplyAudited_CitizensSeeBoth()
    {
        var token = TestContext.Current.CancellationToken;
        await using var b = await StartAsync("b", token);
        var samples = await b.SamplesAsync<SampleCitizen>(token);
        using var stopB = new CancellationTokenSource();
        var streamB = Stream(b, "B", samples, 4, stopB.Token);

        await using (var a = await StartAsync("a", token))
        {
            using var stopA = new CancellationTokenSource();
            var streamA = Stream(a, "A", samples, 4, stopA.Token);
            Assert.True(await Poll.UntilAsync(() => Count("A") >= 40, TimeSpan.FromSeconds(90)), $"instance A answered {Count("A")} profiles");
            a.Kill(); // SIGKILL mid-stream: no graceful stop, no flush on the way out.
            stopA.Cancel();
            await streamA;
        }
        var beforeRestart = Count("A");

        await using var restarted = await StartAsync("a", token);
        using (var stopAgain = new CancellationTokenSource())
        {
            var again = Stream(restarted, "A", samples, 4, stopAgain.Token);
            Assert.True(await Poll.UntilAsync(() => Count("A") >= beforeRestart + 20, TimeSpan.FromSeconds(90)), "the restarted instance answered too few profiles");
            stopAgain.Cancel();
            await again;
        }
        stopB.Cancel();
        await streamB;
        Assert.True(Count("B") >= 40, $"instance B answered {Count("B")} profiles");

        // Verify, asked of either instance, walks both segments.
        foreach (var hub in new[] { b, restarted })
        {
            var verification = await AuditorAsync<AuditVerification>(hub, "/api/v1/audit/verify", token);
            Assert.True(verification.Intact, verification.Message);
            Assert.Equal(2, verification.Segments?.Count);
            Assert.True(verification.Verified >= _received.Count, $"{verification.Verified} records verified, {_received.Count} profiles received");
        }
        var command = new StringWriter();
        Assert.True(AuditCommand.Run(["verify", "--Storage:Provider", "Postgres", "--Storage:ConnectionString", _server!.ConnectionString, "--Audit:SigningKey", _signingKey], command, TimeProvider.System) == 0, command.ToString());

        // Every profile received has its record, holding the hash of the bytes received.
        var audited = new Dictionary<Guid, (string? Hash, string Segment)>();
        for (var page = 1; ; page++)
        {
            var records = await AuditorAsync<AuditPage>(b, $"/api/v1/audit/records?page={page}&pageSize=200", token);
            foreach (var record in records.Items.Where(r => r.ProfileId is not null)) audited[record.ProfileId!.Value] = (record.ProfileHash, record.Segment);
            if (page * 200 >= records.Total) break;
        }
        var missing = _received.Keys.Where(id => !audited.ContainsKey(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {_received.Count} profiles received have no audit record");
        Assert.All(_received, r => Assert.Equal(r.Value.Hash, audited[r.Key].Hash));
        Assert.Equal(2, _received.Select(r => audited[r.Key].Segment).Distinct().Count());

        // A citizen who applied through both instances sees, through either, every one of their applications.
        var citizen = _received.Values.GroupBy(r => r.Applicant).First(g => g.Any(r => r.Instance == "A") && g.Any(r => r.Instance == "B"));
        var bearer = CitizenToken(citizen.Key);
        foreach (var hub in new[] { b, restarted })
        {
            using var http = new HttpClient { BaseAddress = hub.Address };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            var view = await http.GetFromJsonAsync<CitizenAccesses>($"/api/v1/audit/citizens/{citizen.Key}/accesses?limit=1000", HubFactory.Json, token);
            var cases = view!.Accesses.Select(x => x.CaseNumber).ToHashSet();
            var unseen = citizen.Where(r => !cases.Contains(r.CaseNumber)).Select(r => r.CaseNumber).ToList();
            Assert.True(unseen.Count == 0, $"the citizen's view misses {unseen.Count} of {citizen.Count()} applications: {string.Join(", ", unseen.Take(5))}");
        }
    }

    private int Count(string instance) => _received.Values.Count(r => r.Instance == instance);

    private Task Stream(HubProcess hub, string instance, List<SampleCitizen> samples, int workers, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = hub.Address, Timeout = TimeSpan.FromSeconds(30) };
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var applicant = samples[(w * 7 + i) % Math.Min(samples.Count, 6)].Fin;
                var caseNumber = $"{instance}-{Guid.NewGuid():N}"[..20];
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/profiles")
                    {
                        Content = JsonContent.Create(new { applicant, purpose = "targeted-social-assistance", caseNumber }),
                    };
                    request.Headers.Add("X-Api-Key", "dev-assistance-key");
                    using var response = await http.SendAsync(request, CancellationToken.None);
                    if (response.StatusCode != HttpStatusCode.OK) continue;
                    var bytes = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                    var profile = JsonSerializer.Deserialize<HouseholdProfile>(bytes, HubFactory.Json);
                    _received[profile!.ProfileId] = new Received(instance, applicant, caseNumber, Convert.ToHexStringLower(SHA256.HashData(bytes)));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    // The instance was killed: that is the point.
                    return;
                }
            }
        })));

    private static async Task<T> AuditorAsync<T>(HubProcess hub, string path, CancellationToken token)
    {
        using var http = new HttpClient { BaseAddress = hub.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", "dev-auditor-key");
        using var response = await http.SendAsync(request, token);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(token)}");
        return (await response.Content.ReadFromJsonAsync<T>(HubFactory.Json, token))!;
    }

    private static string CitizenToken(string fin)
    {
        var output = new StringWriter();
        Assert.Equal(0, TokenCommand.Run(["citizen", fin], output, new StringWriter(), TimeProvider.System));
        return output.ToString().Trim().Split('\n')[^1].Trim();
    }
}
