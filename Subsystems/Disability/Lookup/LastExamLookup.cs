using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Disability.Domain;
using IntegrationHub.Disability.Storage;
using Microsoft.Extensions.Options;

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
/// enumeration: limits per client and per ID card number (every attempt counts), one answer for "no such card",
/// "wrong birth date" and "no exam", the same work and a minimum duration on every path, and a durable record of
/// every lookup.
/// </summary>
public sealed class LastExamLookup
{
    public const string WebChannel = "web";
    public const string CallCentreChannel = "call-centre";

    /// <summary>Birth dates before this (0001-01-01 and the like) or after today are not dates of living people: refused as malformed.</summary>
    public static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    private readonly DisabilityStore _store;
    private readonly TimeProvider _time;
    private readonly LookupOptions _options;
    private readonly WindowLimiter _perClient;
    private readonly WindowLimiter _perId;

    public LastExamLookup(DisabilityStore store, IOptions<DisabilityOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _time = time;
        _options = options.Value.Lookup;
        _perClient = new WindowLimiter(_options.PerClientLimit, _options.PerClientWindow, _options.MaxTrackedKeys, time);
        _perId = new WindowLimiter(_options.PerIdLimit, _options.PerIdWindow, _options.MaxTrackedKeys, time);
    }

    public async Task<LookupAnswer> FindAsync(string? idCardText, string? birthDateText, string client, string channel, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var typed = (idCardText ?? "").Trim().ToUpperInvariant();
        LookupAnswer answer;
        if (!_perClient.TryAcquire(channel + ":" + client, out var clientWait))
        {
            answer = new(LookupOutcome.Limited, RetryAfter: clientWait);
        }
        else if (!IdCardNumber.TryParse(typed, out var card, out _))
        {
            answer = new(LookupOutcome.InvalidIdCard);
        }
        else if (!DateOnly.TryParseExact(birthDateText?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var birthDate)
            || birthDate < EarliestBirthDate || birthDate > DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime))
        {
            answer = new(LookupOutcome.InvalidBirthDate);
        }
        else if (!_perId.TryAcquire(card.Value, out var idWait))
        {
            answer = new(LookupOutcome.Limited, RetryAfter: idWait);
        }
        else
        {
            var exam = Find(card.Value, birthDate);
            answer = exam is null ? new(LookupOutcome.NoMatch) : new(LookupOutcome.Answered, exam);
        }

        await _store.WriteAsync(s => s.Lookups.Insert(new LookupDocument
        {
            Id = Guid.CreateVersion7(_time.GetUtcNow()),
            At = _time.GetUtcNow(),
            Channel = channel,
            Client = client.Length <= 64 ? client : client[..64],
            IdCardNumber = typed.Length <= 16 ? typed : typed[..16],
            Outcome = answer.Outcome switch
            {
                LookupOutcome.Answered => "answered",
                LookupOutcome.NoMatch => "no-match",
                LookupOutcome.Limited => "limited",
                _ => "invalid",
            },
        }), cancellationToken);

        if (answer.Outcome is LookupOutcome.Answered or LookupOutcome.NoMatch)
        {
            var remaining = _options.MinimumDuration - Stopwatch.GetElapsedTime(started);
            if (remaining > TimeSpan.Zero) await Task.Delay(remaining, _time, cancellationToken);
        }
        return answer;
    }

    /// <summary>
    /// The same steps whether or not the card is known: the cases of the card are read (none for an unknown card),
    /// and a birth date is compared in constant time against each, or against a stand-in when there is none.
    /// </summary>
    private LastExam? Find(string card, DateOnly birthDate)
    {
        var cases = _store.CasesByIdCard(card).Where(c => c.Status == CaseStatus.Decided).ToList();
        var given = Encoding.ASCII.GetBytes(birthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var recorded = cases.Count > 0 ? cases[0].Person!.BirthDate : DateOnly.MinValue;
        var matches = CryptographicOperations.FixedTimeEquals(given, Encoding.ASCII.GetBytes(recorded.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        if (!matches || cases.Count == 0) return null;
        var last = cases.OrderByDescending(c => c.Result!.StartDate).ThenByDescending(c => c.Result!.DecidedAt).First().Result!;
        return new LastExam(last.Percent, last.Category, last.FormerDegree, last.StartDate, last.NextExam, last.Indefinite);
    }
}
