/// <summary>The driver's handle on one hub child process (see <see cref="HostMode"/>).</summary>
internal sealed class HubProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HubProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public int Pid => _process.Id;

    public static async Task<HubProcess> StartAsync(int agencies, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // The hub binary ships with Server GC (the web SDK's default, in its runtimeconfig.json); this stand-in for it
        // is a console program, so it is told the same here. BENCH_GC=workstation measures the other mode.
        start.Environment["DOTNET_gcServer"] = Environment.GetEnvironmentVariable("BENCH_GC") == "workstation" ? "0" : "1";
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(typeof(HubProcess).Assembly.Location);
        start.ArgumentList.Add("host");
        start.ArgumentList.Add("--agencies");
        start.ArgumentList.Add(agencies.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add("--set");
            start.ArgumentList.Add($"{key}={value}");
        }
        var process = Process.Start(start)!;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("URL ", StringComparison.Ordinal)) return new HubProcess(process, new Uri(line[4..].Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
        }
        throw new InvalidOperationException("the hub process ended before listening");
    }

    public async Task<HostStats> StatsAsync(bool collect = false)
    {
        await _process.StandardInput.WriteLineAsync(collect ? "gc" : "stats");
        var line = await ReadUntilAsync("STATS ");
        return JsonSerializer.Deserialize<HostStats>(line[6..])!;
    }

    public async Task RecordAsync(bool on)
    {
        await _process.StandardInput.WriteLineAsync(on ? "record on" : "record off");
        await ReadUntilAsync("OK");
    }

    /// <summary>The agency calls made since the last drain: start and end timestamps, URL.</summary>
    public async Task<List<(long Start, long End, string Url)>> DrainAsync()
    {
        await _process.StandardInput.WriteLineAsync("drain");
        var calls = new List<(long, long, string)>();
        while (await _process.StandardOutput.ReadLineAsync() is { } line && line != "END")
        {
            if (!line.StartsWith("CALL ", StringComparison.Ordinal)) continue;
            var parts = line.Split(' ', 4);
            calls.Add((long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture), parts[3]));
        }
        return calls;
    }

    private async Task<string> ReadUntilAsync(string prefix)
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal)) return line;
        }
        throw new InvalidOperationException("the hub process ended");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _process.StandardInput.WriteLineAsync("exit");
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
