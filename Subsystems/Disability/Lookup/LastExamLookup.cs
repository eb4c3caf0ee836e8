using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Disability.Lookup;

public enum LookupOutcome
{
    Answered,
    NoMatch,
    Limited,
    InvalidIdCard,
    InvalidBirthDate,
}

/// <summary>The last exam, as the anonymous lookup may tell it: the result and the next exam date or "indefinite", nothing more.</summary>
public sealed record LastExam(int Percent, DisabilityCategory Category, int? FormerDegree, DateOnly StartDate, DateOnly? NextExam, bool Indefinite);

public sealed record LookupAnswer(LookupOutcome Outcome, LastExam? Exam = null, TimeSpan RetryAfter = default);

/// <summary>
/// The anonymous last-exam lookup (web and call centre): ID card number + birth date → last result. It resists
/// enumeration: limits per client and per ID card number (every attempt counts; a card's count is durable, so no
/// amount of other traffic resets it), one answer for "no such card", "wrong birth date" and "no exam", the same
/// work and a minimum duration on every path, and a durable record of every lookup that was let through. Refusals
/// by a limit are counted in memory and written periodically (<see cref="FlushRefusalsAsync"/>), and records older
/// than <c>Lookup:Retention</c> are purged (<see cref="PurgeAsync"/>), both driven by <see cref="LookupMaintenance"/>.
/// </summary>
/// <remarks>
/// Five wrong birth dates by anyone lock a card's lookups for <c>PerIdWindow</c>: that is what stops a birth-date
/// search, so a stranger can lock the owner out here. The owner's way in that no stranger can block is their own
/// exam register, signed in (<see cref="LimitedDetail"/> says so).
/// </remarks>
public sealed class LastExamLookup
{
    public const string WebChannel = "web";
    public const string CallCentreChannel = "call-centre";

    /// <summary>Birth dates before this (0001-01-01 and the like) or after today are not dates of living people: refused as malformed.</summary>
    public static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    /// <summary>The 429's detail: when to come back, and the way in a limit here never blocks.</summary>
    public const string LimitedDetail =
        "Too many lookups of this ID card or from this address; try again after Retry-After. The card's owner can always see their exams " +
        "signed in, in the e-cabinet (GET /api/v1/disability/citizens/{their FIN}/exams with their own token), which no limit here blocks.";

    private readonly IDisabilityStore _store;
    private readonly TimeProvider _time;
    private readonly LookupOptions _options;
    private readonly ILookupLimits _limits;

    public LastExamLookup(IDisabilityStore store, IOptions<DisabilityOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _time = time;
        _options = options.Value.Lookup;
        // In this process's memory over its file, or in the shared database: as the store shares them.
        _limits = store.CreateLookupLimits(_options, time);
        Refusals = new RefusalCounter(time);
    }

    /// <summary>Lookups refused by a limit since the last flush.</summary>
    public RefusalCounter Refusals { get; }

    /// <summary>Cards whose recent lookups are in memory (the rest are read back from their records when seen).</summary>
    public int CardsInMemory => _limits.CardsInMemory;

    public async Task<LookupAnswer> FindAsync(string? idCardText, string? birthDateText, string client, string channel, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var typed = (idCardText ?? "").Trim().ToUpperInvariant();
        if (await _limits.TryClientAsync(channel + ":" + client, cancellationToken) is { } clientWait)
        {
            Refusals.Count(channel, Cut(client, 64), RefusalCounter.ClientLimit);
            return new(LookupOutcome.Limited, RetryAfter: clientWait);
        }
        LookupAnswer answer;
        if (!IdCardNumber.TryParse(typed, out var card, out _))
        {
            answer = new(LookupOutcome.InvalidIdCard);
        }
        else if (!DateOnly.TryParseExact(birthDateText?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var birthDate)
            || birthDate < EarliestBirthDate || birthDate > DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime))
        {
            answer = new(LookupOutcome.InvalidBirthDate);
        }
        else
        {
            // The exam is read before the card is counted, so that counting and recording the lookup (with its outcome)
            // are one step: in the shared database one transaction holding the card's row.
            var exam = Find(card.Value, birthDate);
            answer = exam is null ? new(LookupOutcome.NoMatch) : new(LookupOutcome.Answered, exam);
        }

        var record = Record(channel, client, typed, answer.Outcome);
        if (answer.Outcome is LookupOutcome.Answered or LookupOutcome.NoMatch)
        {
            // On disk before the answer: a card's count is these records.
            if (await _limits.TryCardAsync(record, cancellationToken) is { } idWait)
            {
                Refusals.Count(channel, Cut(client, 64), RefusalCounter.CardLimit);
                return new(LookupOutcome.Limited, RetryAfter: idWait);
            }
            var remaining = _options.MinimumDuration - Stopwatch.GetElapsedTime(started);
            if (remaining > TimeSpan.Zero) await Task.Delay(remaining, _time, cancellationToken);
        }
        else
        {
            await _store.AddLookupAsync(record, cancellationToken);
        }
        return answer;
    }

    /// <summary>Writes the refusals counted since the last flush, one record per channel, client and limit; returns how many refusals.</summary>
    public async Task<long> FlushRefusalsAsync(CancellationToken cancellationToken)
    {
        var (from, to, counts) = Refusals.Take();
        if (counts.Count == 0) return 0;
        var documents = counts.Select(c => new LookupRefusalDocument
        {
            Id = Guid.CreateVersion7(to),
            From = from,
            To = to,
            Channel = c.Key.Channel,
            Client = c.Key.Client,
            Limit = c.Key.Limit,
            Count = c.Value,
        }).ToList();
        try
        {
            await _store.AddRefusalsAsync(documents, cancellationToken);
        }
        catch
        {
            Refusals.Restore(counts, from);
            throw;
        }
        return counts.Values.Sum();
    }

    /// <summary>Deletes lookup and refusal records older than <c>Lookup:Retention</c>; returns how many went.</summary>
    public Task<int> PurgeAsync(CancellationToken cancellationToken) => _store.PurgeLookupsAsync(_time.GetUtcNow() - _options.Retention, cancellationToken);

    private LookupDocument Record(string channel, string client, string typed, LookupOutcome outcome) => new()
    {
        Id = Guid.CreateVersion7(_time.GetUtcNow()),
        At = _time.GetUtcNow(),
        Channel = channel,
        Client = Cut(client, 64),
        IdCardNumber = Cut(typed, 16),
        Outcome = outcome switch
        {
            LookupOutcome.Answered => LookupDocument.Answered,
            LookupOutcome.NoMatch => LookupDocument.NoMatch,
            _ => LookupDocument.Invalid,
        },
    };

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>
    /// The same steps whether or not the card is known: the cases of the card are read (none for an unknown card),
    /// and a birth date is compared in constant time against each, or against a stand-in when there is none.
    /// </summary>
    private LastExam? Find(string card, DateOnly birthDate)
    {
        var cases = _store.CasesByIdCard(card).Where(c => c.Status == CaseStatus.Decided && c.SupersededBy is null).ToList();
        var given = Encoding.ASCII.GetBytes(birthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var recorded = cases.Count > 0 ? cases[0].Person!.BirthDate : DateOnly.MinValue;
        var matches = CryptographicOperations.FixedTimeEquals(given, Encoding.ASCII.GetBytes(recorded.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        if (!matches || cases.Count == 0) return null;
        var last = cases.OrderByDescending(c => c.Result!.StartDate).ThenByDescending(c => c.Result!.DecidedAt).First().Result!;
        return new LastExam(last.Percent, last.Category, last.FormerDegree, last.StartDate, last.NextExam, last.Indefinite);
    }
}
