namespace IntegrationHub.ContactCentre.Tests.Infrastructure;

/// <summary>
/// A morning at the 142 contact centre, as a script: 2,000 calls over the six departments' topics in four waves a second
/// apart (32 lines at once), 300 callers calling a second time, 100 registrations repeated by the telephony system,
/// every tenth caller of each department hanging up while waiting, and in each department an operator answering four calls within the
/// answer target and three after it. The clock is the test's, so what the monitor must show is known exactly.
/// </summary>
public sealed class SimulatedMorning
{
    public const int Calls = 2000;
    public const int Waves = 4;
    public const int RepeatCallers = 300;
    public const int RetriedRegistrations = 100;
    public const int AnsweredInTime = 4;
    public const int AnsweredLate = 3;

    /// <summary>The six departments, in the order call <c>i</c> picks them (<c>i % 6</c>).</summary>
    public static readonly string[] Departments = ["social-security", "disability-assessment", "rehabilitation", "employment", "labour-law", "e-services"];

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>When the monitor is read: the first wave's calls still waiting have waited this long.</summary>
    public static readonly TimeSpan End = TimeSpan.FromSeconds(45);

    /// <summary>Call <paramref name="i"/>'s number: the last 300 calls come from the numbers of the first 300.</summary>
    public static string CallerNumber(int i) => "+99450" + (1_000_000 + (i >= Calls - RepeatCallers ? i - (Calls - RepeatCallers) : i)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Topic(int i) => Departments[i % Departments.Length];

    /// <summary>Every tenth caller of each department hangs up while waiting.</summary>
    public static bool HangsUp(int i) => i / Departments.Length % 10 == 7;

    /// <summary>Every registration's answer by script index (the first, not the telephony system's repeat).</summary>
    public CallRegisteredBody[] Registered { get; } = new CallRegisteredBody[Calls];

    /// <summary>The repeated registrations' answers, by script index.</summary>
    public Dictionary<int, CallRegisteredBody> Repeated { get; } = [];

    /// <summary>The calls operators answered, per department.</summary>
    public Dictionary<string, List<string>> Answered { get; } = Departments.ToDictionary(d => d, _ => new List<string>());

    public HashSet<string> Abandoned { get; } = [];

    /// <summary>What the monitor must show for <paramref name="department"/> at <see cref="End"/>.</summary>
    public Expected ExpectedFor(string department)
    {
        var registered = Enumerable.Range(0, Calls).Count(i => Topic(i) == department);
        var abandoned = Enumerable.Range(0, Calls).Count(i => Topic(i) == department && HangsUp(i));
        var answered = AnsweredInTime + AnsweredLate;
        return new Expected(registered - abandoned - answered, (long)End.TotalSeconds, answered, abandoned, AnsweredInTime,
            Math.Round(100m * AnsweredInTime / (answered + abandoned), 1, MidpointRounding.AwayFromZero));
    }

    /// <summary>Runs the morning on <paramref name="clock"/> (which must read <see cref="Start"/>).</summary>
    public static async Task<SimulatedMorning> RunAsync(
        FakeTimeProvider clock, HttpClient telephony, Func<string, HttpClient> operatorOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(operatorOf);
        Assert.Equal(Start, clock.GetUtcNow());
        var morning = new SimulatedMorning();
        var lines = new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken };
        const int perWave = Calls / Waves;
        for (var wave = 0; wave < Waves; wave++)
        {
            if (wave > 0) clock.Advance(TimeSpan.FromSeconds(1));
            await Parallel.ForEachAsync(Enumerable.Range(wave * perWave, perWave), lines, async (i, ct) =>
                morning.Registered[i] = await RegisterAsync(telephony, i, ct));
        }
        // The telephony system did not see the first answers of some registrations and sends them again.
        var repeated = new System.Collections.Concurrent.ConcurrentDictionary<int, CallRegisteredBody>();
        await Parallel.ForEachAsync(Enumerable.Range(0, RetriedRegistrations), lines, async (i, ct) => repeated[i] = await RegisterAsync(telephony, i, ct));
        foreach (var (i, body) in repeated) morning.Repeated[i] = body;

        clock.Advance(TimeSpan.FromSeconds(2));
        var hangUps = Enumerable.Range(0, Calls).Where(HangsUp).Select(i => morning.Registered[i].CallNumber).ToList();
        await Parallel.ForEachAsync(hangUps, lines, async (number, ct) =>
        {
            using var response = await telephony.PostAsync($"/api/v1/contact-centre/calls/{number}/hang-up", null, ct);
            await EnsureAsync(response, ct);
        });
        morning.Abandoned.UnionWith(hangUps);

        // Operators answer at 00:15 (within the 20 s target for the first wave) and at 00:45 (after it).
        clock.Advance(TimeSpan.FromSeconds(10));
        await AnswerAsync(morning, operatorOf, AnsweredInTime, cancellationToken);
        clock.Advance(End - TimeSpan.FromSeconds(15));
        await AnswerAsync(morning, operatorOf, AnsweredLate, cancellationToken);
        return morning;
    }

    private static async Task AnswerAsync(SimulatedMorning morning, Func<string, HttpClient> operatorOf, int count, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(Departments, cancellationToken, async (department, ct) =>
        {
            var client = operatorOf(department);
            for (var n = 0; n < count; n++)
            {
                using var taken = await client.PostAsync("/api/v1/contact-centre/queue/take", null, ct);
                await EnsureAsync(taken, ct);
                Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
                var call = (await taken.Content.ReadFromJsonAsync<CallBody>(ContactCentreFactory.Json, ct))!;
                using var closed = await client.PostAsync($"/api/v1/contact-centre/calls/{call.CallNumber}/close", null, ct);
                await EnsureAsync(closed, ct);
                lock (morning.Answered) morning.Answered[department].Add(call.CallNumber);
            }
        });

    private static async Task<CallRegisteredBody> RegisterAsync(HttpClient telephony, int i, CancellationToken cancellationToken)
    {
        using var response = await telephony.PostAsJsonAsync("/api/v1/contact-centre/calls",
            new { callId = $"pbx-morning-{i}", callerNumber = CallerNumber(i), topic = Topic(i) }, cancellationToken);
        await EnsureAsync(response, cancellationToken);
        return JsonSerializer.Deserialize<CallRegisteredBody>(await response.Content.ReadAsStringAsync(cancellationToken), ContactCentreFactory.Json)!;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode) Assert.Fail($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    /// <param name="WithinTargetPercent">Answered within the target ÷ (answered + abandoned), as the monitor rounds it.</param>
    public sealed record Expected(int Waiting, long LongestWaitSeconds, int Answered, int Abandoned, int AnsweredWithinTarget, decimal WithinTargetPercent);
}
