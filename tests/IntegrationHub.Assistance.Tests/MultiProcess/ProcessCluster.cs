using System.Security.Cryptography;
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
    private readonly ScratchDirectory _root = new("ih-cluster-");
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
            ["Storage:DataDirectory"] = _root.File(name),
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
        _root.Dispose();
    }
}
