namespace IntegrationHub.Mocks.LifeEvents;

/// <summary>
/// The country moving by itself: every <c>interval</c> on its clock, one change to someone it fits (births and
/// deaths, marriages and divorces, moves, contracts ended and begun, assessments, pensions), sent to the hub like
/// any other. Off unless an interval is given (tests ask for it).
/// </summary>
public sealed class LifeEventClock : IDisposable
{
    /// <summary>How often each kind comes up, roughly as a country's registries see them.</summary>
    private static readonly (string Kind, int Weight)[] Weights =
    [
        (SyntheticPopulation.KindBirth, 4), (SyntheticPopulation.KindDeath, 2), (SyntheticPopulation.KindMove, 3),
        (SyntheticPopulation.KindMarriage, 2), (SyntheticPopulation.KindDivorce, 1), (SyntheticPopulation.KindContractStarted, 4),
        (SyntheticPopulation.KindContractEnded, 4), (SyntheticPopulation.KindDisabilityAssessed, 1), (SyntheticPopulation.KindPensionGranted, 1),
    ];

    private readonly SyntheticPopulation _population;
    private readonly LifeEventSender _sender;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly ITimer _timer;
    private readonly Lock _tick = new();
    private long _changes;

    public LifeEventClock(SyntheticPopulation population, LifeEventSender sender, TimeProvider time, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _population = population;
        _sender = sender;
        _time = time;
        // Its own sequence, from the country's seed: the same country moves the same way.
        _random = new Random(population.Seed ^ 0x5eed);
        _timer = time.CreateTimer(_ => Tick(), null, interval, interval);
    }

    /// <summary>Changes made so far.</summary>
    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>One change now (what the timer does at each interval).</summary>
    public IReadOnlyList<SentEvent> Tick()
    {
        lock (_tick)
        {
            for (var tries = 0; tries < 5; tries++)
            {
                var kind = PickKind();
                if (_population.Candidate(kind, _random) is not { } fin) continue;
                try
                {
                    var changes = _population.Change(kind, fin, DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime));
                    Interlocked.Increment(ref _changes);
                    return _sender.Send(changes);
                }
                catch (LifeChangeRefusedException)
                {
                    // The person did not fit after all (a partner not found): try another change.
                }
            }
            return [];
        }
    }

    private string PickKind()
    {
        var roll = _random.Next(Weights.Sum(w => w.Weight));
        foreach (var (kind, weight) in Weights)
        {
            if ((roll -= weight) < 0) return kind;
        }
        return Weights[0].Kind;
    }

    public void Dispose() => _timer.Dispose();
}
