using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IntegrationHub.Employment.Events;

namespace IntegrationHub.Employment.Registry;

/// <summary>A notification's answer: accepted (new, or the same one again under its key), or refused.</summary>
/// <param name="Created">False when the same notification came again under its Idempotency-Key: nothing new was registered.</param>
public sealed record NotificationResult(ApiProblem? Problem, string? Notification = null, ContractRecord? Contract = null, bool Created = false);

/// <summary>
/// One notification at a time, as an employer's system or officer sends it: its form, the employee through the hub (a
/// new contract), then the registry's decision in one durable write, numbered, with the employer's Idempotency-Key
/// remembered in the same write. Answered once on disk.
/// </summary>
public sealed partial class NotificationService(
    IEmploymentStore store, PersonDirectory people, Registrar registrar, EventSignal events, IOptions<EmploymentOptions> options, TimeProvider time,
    ILogger<NotificationService> logger)
{
    private static readonly JsonSerializerOptions HashJson = new(JsonSerializerDefaults.Web);

    /// <param name="kind">The kind the endpoint stands for.</param>
    public async Task<NotificationResult> NotifyAsync(NotificationInput input, string kind, EmployerActor employer, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(employer);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var (notification, problem) = NotificationParser.Parse(input, employer.Voen, kind, today, options.Value.MaxDaysAhead);
        if (problem is not null) return new(problem);

        var keyId = idempotencyKey is null ? null : employer.Voen + "|" + idempotencyKey;
        var hash = Hash(notification!);
        if (keyId is not null && store.FindIdempotency(keyId) is { } seen)
        {
            return Replay(seen, hash);
        }

        PersonFacts? person = null;
        if (notification is NewContract created)
        {
            var found = await people.FindAsync(created.Fin, employer.Voen, employer.Officer, cancellationToken);
            switch (found.Outcome)
            {
                case PersonOutcome.Unknown:
                    return new(ApiProblem.Unprocessable(EmploymentCodes.UnknownEmployee, "The population register has no person with this FIN.", "fin"));
                case PersonOutcome.Unavailable:
                    LogUnavailable(logger, found.Why ?? "no answer");
                    return new(new ApiProblem(503, EmploymentCodes.EmployeeCheckUnavailable,
                        "The population register could not be asked about the employee just now; nothing was registered. Send the notification again shortly (the same Idempotency-Key is safe)."));
            }
            person = found.Person;
        }

        var result = await store.TransactAsync(tx =>
        {
            if (keyId is not null && tx.FindIdempotency(keyId) is { } raced) return Replay(raced, hash, tx);
            var outcome = registrar.Apply(tx, notification!, employer, person, now);
            if (outcome.Problem is not null) return new NotificationResult(outcome.Problem);
            if (keyId is not null) tx.Remember(new IdempotencyRecord(keyId, hash, outcome.Notification + "|" + outcome.Contract!.Number, now));
            return new NotificationResult(null, outcome.Notification, outcome.Contract, Created: true);
        }, cancellationToken);
        if (result.Created)
        {
            events.Raise();
            LogRegistered(logger, result.Notification!, notification!.Kind, result.Contract!.Number);
        }
        return result;
    }

    private NotificationResult Replay(IdempotencyRecord seen, string hash, IRegistryTransaction? tx = null)
    {
        if (seen.ContentHash != hash)
        {
            return new(ApiProblem.Conflict(EmploymentCodes.IdempotencyKeyReused,
                "This Idempotency-Key was used for another notification; use a new key for a new notification.", "Idempotency-Key"));
        }
        var parts = seen.Result.Split('|');
        var contract = tx is null ? store.FindContract(parts[1]) : tx.FindContract(parts[1]);
        return new(null, parts[0], contract, Created: false);
    }

    /// <summary>The notification's content, for "the same key, the same notification".</summary>
    private static string Hash(Notification notification) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(notification.Kind + JsonSerializer.Serialize(notification, notification.GetType(), HashJson))));

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Notification} ({Kind}) registered on contract {Contract}")]
    private static partial void LogRegistered(ILogger logger, string notification, string kind, string contract);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An employee could not be checked with the population register: {Why}")]
    private static partial void LogUnavailable(ILogger logger, string why);
}
