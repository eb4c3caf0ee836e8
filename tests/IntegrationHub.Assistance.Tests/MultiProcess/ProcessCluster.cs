using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using IntegrationHub.Hub.Tests.Infrastructure;
using IntegrationHub.Tests.Shared.Hosting;

namespace IntegrationHub.Assistance.Tests.MultiProcess;

/// <summary>
/// Processes of the hub binary as a deployment runs several of each: one RabbitMQ virtual host and one PostgreSQL
/// database of their own (the test skips without the servers, or fails where CI requires them), one
/// <c>Audit:SigningKey</c>, a data directory per process. A process killed is started again on the same settings.
/// Each kind of process (hub, assistance, disability) starts with its role and settings through <see cref="StartAsync"/>.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ih-cluster-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentDictionary<string, (HubProcess Process, Dictionary<string, string> Settings)> _processes = new();
    private readonly string _signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem();

    private ProcessCluster(PostgresServer database, string virtualHost)
    {
        Database = database;
        VirtualHost = virtualHost;
    }

    public PostgresServer Database { get; }

    public string VirtualHost { get; }

    public static async Task<ProcessCluster> CreateAsync(CancellationToken cancellationToken)
    {
        RabbitMqBroker.Require();
        var database = await PostgresServer.CreateDatabaseAsync();
        return new ProcessCluster(database, await RabbitMqBroker.CreateVirtualHostAsync(cancellationToken));
    }

    /// <summary>The process named <paramref name="name"/> (its data directory is named after it).</summary>
    public HubProcess this[string name] => _processes[name].Process;

    /// <summary>Starts a process with <paramref name="roles"/>; <paramref name="settings"/> add to or override the shared ones.</summary>
    public async Task<HubProcess> StartAsync(string name, string roles, IReadOnlyDictionary<string, string>? settings, CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, string>
        {
            ["Roles"] = roles,
            ["Messaging:Transport"] = "RabbitMq",
            ["Messaging:RabbitMq:Host"] = RabbitMqBroker.Host,
            ["Messaging:RabbitMq:VirtualHost"] = VirtualHost,
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = Database.ConnectionString,
            ["Storage:DataDirectory"] = Path.Combine(_root, name),
            ["Audit:SigningKey"] = _signingKey,
            // The audit segment named after the process: a restarted process takes its own back, and a test sees which served.
            ["Audit:Segment"] = name,
            // Each process with the in-process mock country: the same seed, so the same people and agencies' data in each.
            ["Mocks:InProcess"] = "true",
            ["Mocks:Households"] = "60",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        var process = await HubProcess.StartAsync(all, cancellationToken);
        _processes[name] = (process, all);
        return process;
    }

    /// <summary>SIGKILL: no graceful stop, nothing flushed that was not already written.</summary>
    public void Kill(string name) => _processes[name].Process.Kill();

    /// <summary>Starts a killed process again on the same settings and data directory.</summary>
    public async Task<HubProcess> RestartAsync(string name, CancellationToken cancellationToken)
    {
        var (old, settings) = _processes[name];
        await old.DisposeAsync();
        var process = await HubProcess.StartAsync(settings, cancellationToken);
        _processes[name] = (process, settings);
        return process;
    }

    /// <summary>The processes' last log lines, for a failure message.</summary>
    public string Tails() => string.Join(Environment.NewLine, _processes.Select(p =>
        $"--- {p.Key}:{Environment.NewLine}{string.Join(Environment.NewLine, p.Value.Process.Output.Split('\n').TakeLast(40))}"));

    /// <summary>GET as the auditor (the development key), asked of <paramref name="process"/>.</summary>
    public static async Task<T> AuditorGetAsync<T>(HubProcess process, string path, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = process.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", "dev-auditor-key");
        using var response = await http.SendAsync(request, cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return (await response.Content.ReadFromJsonAsync<T>(json, cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _) in _processes.Values) await process.DisposeAsync();
        await RabbitMqBroker.DeleteVirtualHostAsync(VirtualHost);
        await Database.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>
/// Submissions with Idempotency-Keys as a client sends them to several processes: an answer (200, 201, or 202: taken and
/// still waiting on something) gives the number the body names; no answer (the process killed, a connection refused, a
/// timeout) leaves the key to send again; anything else is kept as a refusal for the test to report.
/// </summary>
public sealed class KeyedSubmissions(string path, Func<JsonElement, string> numberOf)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public ConcurrentDictionary<string, Submission> Sent { get; } = new();

    /// <summary>Key → the number answered the first time the key was answered.</summary>
    public ConcurrentDictionary<string, string> Answered { get; } = new();

    public ConcurrentBag<string> Refusals { get; } = [];

    public sealed record Submission(string Key, string Token, object Body);

    /// <summary>Sends once to <paramref name="target"/>: the status and number, or null when no answer came.</summary>
    public async Task<(HttpStatusCode Status, string Number)?> SendAsync(Uri target, Submission submission)
    {
        Sent[submission.Key] = submission;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, path)) { Content = JsonContent.Create(submission.Body) };
            request.Headers.Add("Idempotency-Key", submission.Key);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", submission.Token);
            using var response = await Http.SendAsync(request, CancellationToken.None);
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Accepted)
            {
                var number = numberOf(JsonDocument.Parse(body).RootElement);
                Answered.TryAdd(submission.Key, number);
                return (response.StatusCode, number);
            }
            // 503 is "not now" (a store or the hub unreachable for a moment): the key is sent again like an unanswered one.
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable) Refusals.Add($"{submission.Key}: {(int)response.StatusCode} {body}");
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return null; // The process was killed, or is not up yet: the key goes again.
        }
    }

    /// <summary><paramref name="senders"/> copies of <paramref name="send"/> at once (each taking the next submission in turn).</summary>
    public static Task InParallelAsync(int senders, Func<Task> send) => Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(send)));

    /// <summary>Sends until answered, to <paramref name="targets"/> in turn (by attempt), for at most <paramref name="within"/>.</summary>
    public async Task<(HttpStatusCode Status, string Number)?> SendUntilAnsweredAsync(Func<int, Uri> targets, Submission submission, TimeSpan within)
    {
        var attempt = 0;
        return await Poll.ReadUntilAsync(() => SendAsync(targets(attempt++), submission), answer => answer is not null, within, TimeSpan.FromMilliseconds(250));
    }
}
