using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using IntegrationHub.Hub.Hosting;

namespace IntegrationHub.Tests.Shared.Hosting;

/// <summary>
/// The hub binary as a real process (<c>dotnet IntegrationHub.Hub.dll --Key=Value ...</c>), for what only a
/// process shows: several processes on one broker, a kill without a graceful stop. Waits until the host has
/// started and reads the HTTP address it bound from its log.
/// </summary>
public sealed partial class HubProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    private HubProcess(Process process) => _process = process;

    /// <summary>The address the process listens on, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Address { get; private set; } = null!;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The in-process mock country's sample citizens, read as a tester (<c>/mocks/samples</c> needs the role).</summary>
    public async Task<List<T>> SamplesAsync<T>(CancellationToken cancellationToken)
    {
        using var tester = new HttpClient { BaseAddress = Address };
        tester.DefaultRequestHeaders.Add("X-Api-Key", "dev-tester-key");
        return await tester.GetFromJsonAsync<List<T>>("/mocks/samples", Json, cancellationToken) ?? [];
    }

    /// <summary>The built hub next to this test build (same configuration and target framework).</summary>
    public static string HubDll
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = testBin.Name;
            var configuration = testBin.Parent!.Name;
            for (var dir = testBin; dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "Hub", "bin", configuration, framework, "IntegrationHub.Hub.dll");
                if (File.Exists(candidate)) return candidate;
            }
            throw new FileNotFoundException("IntegrationHub.Hub.dll not found: build the Hub project first.");
        }
    }

    public static async Task<HubProcess> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var hub = new HubProcess(Process.Start(StartInfo(settings, "Testing"))!);
        hub._process.OutputDataReceived += (_, e) => hub.Read(e.Data);
        hub._process.ErrorDataReceived += (_, e) => hub.Read(e.Data);
        hub._process.BeginOutputReadLine();
        hub._process.BeginErrorReadLine();
        try
        {
            var exited = hub._process.WaitForExitAsync(cancellationToken);
            var ready = Task.WhenAll(hub._started.Task, hub._listening.Task);
            var first = await Task.WhenAny(ready, exited).WaitAsync(TimeSpan.FromSeconds(90), cancellationToken);
            if (first != ready) throw new InvalidOperationException("The hub process exited during start-up:\n" + hub.Output);
            hub.Address = new Uri(await hub._listening.Task);
            return hub;
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the hub in <paramref name="environment"/> until it exits by itself (a refusal at start-up), at most 60 s.</summary>
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunToExitAsync(
        IReadOnlyDictionary<string, string> settings, string environment, CancellationToken cancellationToken)
    {
        using var process = Process.Start(StartInfo(settings, environment))!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        return (process.ExitCode, await output, await error);
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> settings, string environment)
    {
        var dll = HubDll;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        // The project folder as content root: appsettings.json and wwwroot (the dashboard) as `dotnet run` sees them.
        info.ArgumentList.Add("--contentRoot=" + Path.GetFullPath(Path.Combine(Path.GetDirectoryName(dll)!, "..", "..", "..")));
        var all = new Dictionary<string, string>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:Console:FormatterName"] = "simple",
            // The mock country changes only when a test says so.
            ["Mocks:LifeEventsEvery"] = "00:00:00",
            // Run as "Testing" with the development keys, issuer and mocks: a test deployment, said so.
            [DeploymentGuard.AcknowledgeSetting] = "true",
            // No seeded e-service history unless a test asks for it.
            ["Mocks:HistoryMonths"] = "0",
        };
        foreach (var (key, value) in settings) all[key] = value;
        foreach (var (key, value) in all) info.ArgumentList.Add($"--{key}={value}");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment["DOTNET_NOLOGO"] = "1";
        return info;
    }

    private void Read(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (Listening().Match(line) is { Success: true } m) _listening.TrySetResult(m.Groups["address"].Value);
        if (line.Contains("Application started", StringComparison.Ordinal)) _started.TrySetResult();
    }

    /// <summary>SIGKILL: no graceful stop, nothing flushed that was not already on disk.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(60))) throw new TimeoutException($"process {_process.Id} did not exit within 60 s of SIGKILL");
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"Now listening on: (?<address>http://[^\s""',]+)")]
    private static partial Regex Listening();
}
