using IntegrationHub.Hub.Messaging;
using IntegrationHub.Tests.Shared.Hosting;
using MassTransit;

namespace IntegrationHub.Hub.Tests.Messaging.RabbitMq;

/// <summary>
/// The RabbitMQ path for real: the hub as separate processes on a real broker, this test process as the
/// subsystem asking. In the broker's collection (<see cref="RabbitMqCollection"/>), because one of them restarts the broker.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqEndToEndTests : IAsyncLifetime
{
    private readonly List<HubProcess> _hubs = [];
    private int _hubRoles;
    private readonly ConcurrentBag<HouseholdProfileAssembled> _announced = [];
    private string _vhost = "";
    private IBusControl? _bus;

    public async ValueTask InitializeAsync()
    {
        RabbitMqBroker.Require();
        _vhost = await RabbitMqBroker.CreateVirtualHostAsync(TestContext.Current.CancellationToken);
        _bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(RabbitMqBroker.Host, RabbitMqBroker.Port, _vhost, h => { h.Username("guest"); h.Password("guest"); });
            cfg.ReceiveEndpoint("test-observer-" + Guid.NewGuid().ToString("N")[..8], e =>
            {
                e.AutoDelete = true;
                e.Handler<HouseholdProfileAssembled>(context =>
                {
                    _announced.Add(context.Message);
                    return Task.CompletedTask;
                });
            });
        });
        await _bus.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hub in _hubs) await hub.DisposeAsync();
        if (_bus is not null) await _bus.StopAsync(CancellationToken.None);
        if (_vhost.Length > 0) await RabbitMqBroker.DeleteVirtualHostAsync(_vhost);
    }

    private async Task<HubProcess> StartHubAsync(string roles = "hub", string? dataDirectory = null)
    {
        var hub = await HubProcess.StartAsync(new Dictionary<string, string>
        {
            ["Roles"] = roles,
            ["Messaging:Transport"] = "RabbitMq",
            ["Messaging:RabbitMq:Host"] = RabbitMqBroker.Host,
            ["Messaging:RabbitMq:VirtualHost"] = _vhost,
            ["Mocks:InProcess"] = "true",
            ["Mocks:Households"] = "120",
            ["Storage:DataDirectory"] = dataDirectory ?? Path.Combine(Path.GetTempPath(), "ih-rmq-" + Guid.NewGuid().ToString("N")),
        }, TestContext.Current.CancellationToken);
        _hubs.Add(hub);
        // "Application started" can come before the hub's bus consumes (MassTransit starts it in the background), and in a
        // fresh virtual host a request published before the hub's queue is bound is dropped: the likely cause, not
        // reproduced, of one that waited out its 30 s in CI. So a hub is asked once it consumes, as a deployment sends
        // traffic to an instance once it is ready.
        if (roles.Split(',').Contains("hub", StringComparer.Ordinal))
        {
            _hubRoles++;
            await RabbitMqBroker.WaitForConsumersAsync(_vhost, GetHouseholdProfileConsumerDefinition.Queue, consumers: _hubRoles, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        }
        return hub;
    }

    private static async Task<IReadOnlyList<string>> SampleFinsAsync(HubProcess hub)
    {
        var samples = await hub.SamplesAsync<SampleDto>(TestContext.Current.CancellationToken);
        return samples.Select(s => s.Fin).ToList();
    }

    private sealed record SampleDto(string Fin, string IdCardNumber, string HouseholdKind);

    private static GetHouseholdProfile Request(string applicant) =>
        new(Guid.NewGuid(), applicant, null, "targeted-social-assistance", "RMQ-" + applicant, "assistance");

    [Fact]
    public async Task AHubProcess_AnswersRequestsAndRefusals_OverTheBroker()
    {
        var hub = await StartHubAsync();
        var fin = (await SampleFinsAsync(hub))[0];
        var client = _bus!.CreateRequestClient<GetHouseholdProfile>(RequestTimeout.After(s: 30));

        var answer = await client.GetResponse<HouseholdProfileResult, HouseholdProfileRefused>(Request(fin), TestContext.Current.CancellationToken);
        var refusal = await client.GetResponse<HouseholdProfileResult, HouseholdProfileRefused>(Request("bad"), TestContext.Current.CancellationToken);

        Assert.True(answer.Is(out Response<HouseholdProfileResult>? result));
        Assert.Equal(fin, result.Message.Profile.Applicant.Value);
        Assert.True(refusal.Is(out Response<HouseholdProfileRefused>? refused));
        Assert.Equal(RefusalCodes.InvalidFin, refused.Message.Reason);
    }

    [Fact]
    public async Task TwoHubProcesses_ShareTheRequests_AsCompetingConsumers()
    {
        var first = await StartHubAsync();
        // Both instances consume before the stream starts (StartHubAsync waits for it), or the first takes everything.
        await StartHubAsync();
        var fins = await SampleFinsAsync(first);
        var client = _bus!.CreateRequestClient<GetHouseholdProfile>(RequestTimeout.After(s: 60));
        var requests = Enumerable.Range(0, 40).Select(i => Request(fins[i % fins.Count])).ToList();

        var replies = await Task.WhenAll(requests.Select(r => client.GetResponse<HouseholdProfileResult>(r, TestContext.Current.CancellationToken)));

        Assert.Equal(requests.Select(r => r.RequestId).Order(), replies.Select(r => r.Message.RequestId).Order());
        await WaitUntilAsync(() => requests.All(r => _announced.Any(a => a.RequestId == r.RequestId)));
        var perInstance = _announced.Where(a => requests.Any(r => r.RequestId == a.RequestId)).GroupBy(a => a.Instance).ToList();
        Assert.Equal(2, perInstance.Count);
        Assert.All(perInstance, g => Assert.True(g.Count() >= 5, $"instance {g.Key} took only {g.Count()} of 40 requests"));
    }

    [Fact]
    public async Task ABrokerRestart_InTheMiddleOfAStream_LosesNoRequest()
    {
        var hub = await StartHubAsync();
        var fins = await SampleFinsAsync(hub);
        var client = _bus!.CreateRequestClient<GetHouseholdProfile>(RequestTimeout.After(s: 8));
        var requests = new ConcurrentQueue<GetHouseholdProfile>();
        var answered = new ConcurrentDictionary<Guid, Guid>();
        // When each request was first sent and when it was answered: the proof that some were in flight while the broker was down.
        var lifetimes = new ConcurrentDictionary<Guid, (long Sent, long Answered)>();
        var restarted = false;
        var attempts = 0;

        async Task AskUntilAnsweredAsync(GetHouseholdProfile request)
        {
            var sent = Stopwatch.GetTimestamp();
            while (true)
            {
                Interlocked.Increment(ref attempts);
                // Each attempt has a budget of its own, as a caller's would: a send caught by the restart can wait
                // for a publisher confirm that never comes, and the request timeout only counts from the send. The
                // budget is kept from outside (WaitAsync): GetResponse heeds its token only after its send, and three
                // requests stuck in their sends held this test for 12 minutes in CI.
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(20));
                try
                {
                    var reply = await client.GetResponse<HouseholdProfileResult>(request, attempt.Token).WaitAsync(attempt.Token);
                    answered[request.RequestId] = reply.Message.Profile.ProfileId;
                    lifetimes[request.RequestId] = (sent, Stopwatch.GetTimestamp());
                    return;
                }
                catch (Exception e) when (e is not RequestFaultException && !TestContext.Current.CancellationToken.IsCancellationRequested)
                {
                    // The caller's side of the contract: no answer in time, or no broker to send through (timeouts,
                    // MassTransit's and RabbitMQ.Client's connection errors while it restarts) → ask again with the
                    // same request id. Only a fault the hub itself reported is not retried.
                    if (Stopwatch.GetElapsedTime(sent) > TimeSpan.FromSeconds(120))
                    {
                        throw new InvalidOperationException(
                            $"request {request.RequestId} unanswered for 120 s ({attempts} attempts in all); the broker has:{Environment.NewLine}{await RabbitMqBroker.DescribeAsync(_vhost)}{Environment.NewLine}the hub wrote:{Environment.NewLine}{Tail(hub.Output)}", e);
                    }
                    await Task.Delay(500, TestContext.Current.CancellationToken);
                }
            }
        }

        // A stream that keeps flowing, three requests at a time, until the broker has restarted and ten more
        // requests went through after it: some are always in flight while the broker is down.
        var stream = Task.Run(async () =>
        {
            var afterRestart = 0;
            for (var i = 0; afterRestart < 10 && i < 3000; i += 3)
            {
                var wasRestarted = Volatile.Read(ref restarted);
                var chunk = Enumerable.Range(i, 3).Select(n => Request(fins[n % fins.Count])).ToList();
                foreach (var r in chunk) requests.Enqueue(r);
                await Task.WhenAll(chunk.Select(AskUntilAnsweredAsync));
                if (wasRestarted) afterRestart += chunk.Count;
            }
        }, TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => answered.Count >= 6 || stream.IsCompleted, () => $"{answered.Count} answered after {attempts} attempts; the hub wrote:{Environment.NewLine}{Tail(hub.Output)}");
        if (stream.IsCompleted) await stream; // a failure before the restart, surfaced as it is
        var (down, up) = await RabbitMqBroker.RestartAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Volatile.Write(ref restarted, true);
        await stream;

        Assert.Equal(requests.Count, answered.Count);
        Assert.All(requests, r => Assert.True(answered.ContainsKey(r.RequestId)));
        Assert.False(hub.HasExited, "the hub process died with the broker instead of reconnecting:\n" + hub.Output);
        // Either a request failed and was asked again, or one waited through the restart (MassTransit held it until
        // the broker was back): without either the stream never met the restart, and the test proved nothing.
        var waitedThrough = lifetimes.Values.Count(l => l.Sent < up && l.Answered > down);
        Assert.True(attempts > requests.Count || waitedThrough > 0, "no request was in flight while the broker was down; the test proved nothing");

        // And the hub reconnected by itself: a new request after the restart is answered (asked like any other).
        var after = Request(fins[0]);
        await AskUntilAnsweredAsync(after);
        Assert.True(answered.ContainsKey(after.RequestId));
    }

    [Fact]
    public async Task AnApplication_GoesFromSubmissionToDecisionAndNotice_WithTheHubAndTheAssistanceModuleInSeparateProcesses()
    {
        var ct = TestContext.Current.CancellationToken;
        var hub = await StartHubAsync();
        var assistanceData = Path.Combine(Path.GetTempPath(), "ih-rmq-assist-" + Guid.NewGuid().ToString("N"));
        var assistance = await StartHubAsync("assistance", assistanceData);
        using var hubHttp = new HttpClient { BaseAddress = hub.Address };
        hubHttp.DefaultRequestHeaders.Add("X-Api-Key", "dev-assistance-key");
        var samples = await hub.SamplesAsync<SampleDto>(ct);
        var applicant = samples.First(s => s.HouseholdKind == "low-income-family");

        // What the citizen portal would pre-fill: the household and its incomes, from a complete profile. The processes run
        // on the production agency budgets, so a cold process's first profile on a loaded machine can miss a data set; a
        // prefill from it declares too little and is refused for the mismatch. Asked again, as a portal would, until complete.
        HouseholdProfile profile = null!;
        var complete = await Poll.UntilAsync(async () =>
        {
            using var response = await hubHttp.PostAsJsonAsync("/api/v1/profiles", new { applicant = applicant.Fin, purpose = "targeted-social-assistance", caseNumber = "PREFILL-1" }, ct);
            profile = await HubFactory.ReadProfileAsync(response);
            return profile.Complete;
        }, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1));
        Assert.True(complete, "no complete profile to prefill from within 60 s: " + string.Join(", ", profile.Sources.Where(s => s.Failed > 0).Select(s => $"{s.Agency} failed for {s.Failed}")) + $"; address utilities {profile.Address?.Utilities?.Status}");
        var application = new
        {
            applicant = applicant.Fin,
            idCardNumber = applicant.IdCardNumber,
            members = profile.Members.Where(m => m.Fin.Value != applicant.Fin).Select(m => new { fin = m.Fin.Value, relation = m.Relation.ToString() }).ToList(),
            incomes = profile.Summary.MonthlyIncome.SelectMany(i => i.BySource.Select(s => new { fin = i.Fin.Value, source = s.Key, monthlyAmount = s.Value })).ToList(),
            channel = new { kind = "ecabinet" },
            consent = true,
        };

        // The citizen applies as themselves, with a token of the shipped development issuer.
        using var portal = new HttpClient { BaseAddress = assistance.Address }.WithToken(People.ShippedToken(People.Citizen(applicant.Fin)));
        var submitted = await portal.PostAsJsonAsync("/api/v1/assistance/applications", application, ct);
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync(ct));
        var number = (await submitted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(HubFactory.Json, ct)).GetProperty("applicationNumber").GetString()!;

        string status = "", decided = "";
        await WaitUntilAsync(() =>
        {
            var body = portal.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/assistance/applications/{number}", HubFactory.Json, ct).GetAwaiter().GetResult();
            status = body.GetProperty("status").GetString()!;
            decided = body.GetRawText();
            return status is "approved" or "refused";
        });
        // A refusal is shown with its reasons.
        Assert.True(status == "approved", $"{status}: {decided}");

        // The decision notice went out on the declared channel (the e-cabinet sender's readable file).
        var notices = Path.Combine(assistanceData, "outbox-ecabinet.log");
        await WaitUntilAsync(() => File.Exists(notices) && File.ReadAllText(notices).Contains(number + ":decision", StringComparison.Ordinal));
        // The profile was assembled by the hub process (its log names the case), not by the assistance process.
        Assert.Contains(number, hub.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Hub.Aggregation", assistance.Output, StringComparison.Ordinal);
    }

    private static string Tail(string output) => string.Join(Environment.NewLine, output.Split('\n').TakeLast(80));

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string>? describe = null)
    {
        if (!await Poll.UntilAsync(condition, TimeSpan.FromSeconds(60)))
        {
            Assert.Fail("condition not met within 60 s" + (describe is null ? "" : Environment.NewLine + describe()));
        }
    }
}

/// <summary>
/// Every test of this assembly that uses the broker: they run one after another, because one restarts the broker (its
/// connections drop, its ports close for a while) and the exposure test reads its ports. The collection runs beside the
/// assembly's other collections, which do not use the broker; run alone after them, it was the last minute of the run.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RabbitMqCollection
{
    public const string Name = "RabbitMQ broker";
}
