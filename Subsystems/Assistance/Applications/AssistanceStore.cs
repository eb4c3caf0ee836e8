using System.Security.Cryptography;
using System.Text;
using JsonSerializer = System.Text.Json.JsonSerializer;
using IntegrationHub.Assistance.Applications.Storage;

namespace IntegrationHub.Assistance.Applications;

/// <summary>The same submission under an idempotency key already used for different content.</summary>
public sealed class IdempotencyConflictException(string applicationNumber)
    : Exception($"The idempotency key was already used for application {applicationNumber} with different content.")
{
    public string ApplicationNumber { get; } = applicationNumber;
}

/// <summary>
/// The module's durable state (<c>assistance.db</c>, or the shared PostgreSQL database): applications, decisions with
/// their snapshots, the rule versions used, the outbox. Every write goes through
/// <see cref="IAssistanceDatabase.WriteAsync{T}"/>, so what is acknowledged is durable, writes that belong together (a
/// decision and its notice) commit together, and a write is isolated from every other (of this or another instance).
/// </summary>
public sealed partial class AssistanceStore : IDisposable
{
    public const string Applications = "applications";
    public const string Decisions = "decisions";
    public const string RuleSets = "rules";
    public const string Outbox = "outbox";
    public const string Counters = "counters";
    public const string Changes = "changes";
    public const string ReEvaluations = "reevaluations";
    public const string Offers = "offers";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The embedded store in the LiteDB file at <paramref name="path"/> (one process).</summary>
    public AssistanceStore(string path, Microsoft.Extensions.Logging.ILogger? logger = null)
        : this(new LiteDbAssistanceDatabase(path, logger))
    {
    }

    /// <summary>The store on <paramref name="database"/> (the embedded file, or the database shared by several instances).</summary>
    public AssistanceStore(IAssistanceDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        Database = database;
        // Only a file written before households were kept can lack them; the shared database began with them.
        if (database is LiteDbAssistanceDatabase) BackfillHouseholds();
    }

    public IAssistanceDatabase Database { get; }

    /// <summary>Cases due for the case worker: by when to ask again.</summary>
    public static readonly DueQuery<ApplicationRecord> DueCase = new(Applications, nameof(ApplicationRecord.NextAttemptAt), a => a.NextAttemptAt);

    /// <summary>Notices not sent yet: by when to try, oldest first.</summary>
    public static readonly DueQuery<OutboxRecord> DueNotice = new(Outbox, nameof(OutboxRecord.NextAttemptAt), o => o.NextAttemptAt, o => o.SentAt == null, o => o.CreatedAt);

    /// <summary>Every collection whose records the workers take when due.</summary>
    public static IReadOnlyList<IDueQuery> DueQueries => [DueCase, DueNotice, DueReEvaluation, DueCorrection];

    private IDocuments<ApplicationRecord> Apps => Database.Reader.GetCollection<ApplicationRecord>(Applications);

    public ApplicationRecord? Find(string number) => Apps.FindById(number);

    /// <summary>A citizen's applications, newest first.</summary>
    public IReadOnlyList<ApplicationRecord> OfApplicant(string fin) =>
        Apps.Find(a => a.Applicant == fin).OrderByDescending(a => a.SubmittedAt).ToList();

    /// <summary>The first decision on the application (its id is the application number).</summary>
    public DecisionRecord? FindDecision(string number) => Database.Reader.GetCollection<DecisionRecord>(Decisions).FindById(number);

    public RuleSet? FindRules(string version) =>
        Database.Reader.GetCollection<RuleSetRecord>(RuleSets).FindById(version) is { } r ? JsonSerializer.Deserialize<RuleSet>(r.Json, Json) : null;

    /// <summary>Cases the worker should ask about now (on a shared database: taken for this instance, see <see cref="IAssistanceDatabase.TakeDue{T}"/>).</summary>
    public IReadOnlyList<ApplicationRecord> DueCases(DateTimeOffset now, int max) => Database.TakeDue(DueCase, now, max);

    /// <summary>When the next case falls due, if any.</summary>
    public DateTimeOffset? NextDue() => Database.NextDue(DueCase);

    public IReadOnlyList<ApplicationRecord> Open() =>
        Apps.Find(a => a.Status == CaseStatus.Registered || a.Status == CaseStatus.AwaitingData || a.Status == CaseStatus.WithCaseworker).ToList();

    /// <summary>Notices to send now (on a shared database: taken for this instance, so each is sent by one).</summary>
    public IReadOnlyList<OutboxRecord> PendingNotices(DateTimeOffset now, int max) => Database.TakeDue(DueNotice, now, max);

    public IReadOnlyList<OutboxRecord> Notices(string applicationNumber) =>
        Database.Reader.GetCollection<OutboxRecord>(Outbox).Find(o => o.ApplicationNumber == applicationNumber).ToList();

    public DateTimeOffset? NextNoticeDue() => Database.NextDue(DueNotice);

    /// <summary>The content key of a declaration: the same people, incomes, channel and consent give the same hash.</summary>
    public static string ContentHash(ApplicationDeclaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var canonical = declaration with
        {
            Members = declaration.Members.OrderBy(m => m.Fin.Value, StringComparer.Ordinal).ToList(),
            Incomes = declaration.Incomes.OrderBy(i => i.Fin.Value, StringComparer.Ordinal).ThenBy(i => i.Source, StringComparer.Ordinal).ThenBy(i => i.MonthlyAmount).ToList(),
        };
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(canonical, Json))));
    }

    /// <summary>
    /// Stores a new application and its registration notice in one commit, or returns the one this submission
    /// repeats: the same idempotency key, or, for a submission without a key, the same content within
    /// <paramref name="duplicateWindow"/>. <paramref name="assisted"/> names the post office and officer who
    /// submitted it with the citizen; null when the citizen applied themselves.
    /// </summary>
    public Task<(ApplicationRecord Application, bool Created)> SubmitAsync(
        ApplicationDeclaration declaration, string? idempotencyKey, DateTimeOffset now, WorkingCalendar calendar, TimeSpan duplicateWindow, CancellationToken cancellationToken,
        AssistedBy? assisted = null)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(calendar);
        var hash = ContentHash(declaration);
        var json = JsonSerializer.Serialize(declaration, Json);
        return Database.WriteAsync(db =>
        {
            var apps = db.GetCollection<ApplicationRecord>(Applications);
            // A key is the applicant's own: another citizen's key neither returns nor names their application. Keys compare
            // exactly (ordinal) on every provider: LiteDB's query ignores case, so it only narrows and this comparison decides.
            var applicant = declaration.Applicant.Value;
            if (idempotencyKey is not null
                && apps.Find(a => a.IdempotencyKey == idempotencyKey).FirstOrDefault(a => a.Applicant == applicant && string.Equals(a.IdempotencyKey, idempotencyKey, StringComparison.Ordinal)) is { } byKey)
            {
                return byKey.ContentHash == hash ? (byKey, false) : throw new IdempotencyConflictException(byKey.Id);
            }
            var since = now - duplicateWindow;
            // A key names one submission: a request with a new key is new even if its content repeats an earlier one.
            if (idempotencyKey is null && apps.Find(a => a.ContentHash == hash).Where(a => a.SubmittedAt >= since).OrderByDescending(a => a.SubmittedAt).FirstOrDefault() is { } same)
            {
                return (same, false);
            }

            var applied = DateOnly.FromDateTime(now.UtcDateTime);
            var record = new ApplicationRecord
            {
                Id = Next(db, "applications", "VEM", now),
                Applicant = declaration.Applicant.Value,
                IdempotencyKey = idempotencyKey,
                ContentHash = hash,
                DeclarationJson = json,
                SubmittedAt = now,
                ApplicationDate = applied,
                DueDate = calendar.DueDate(applied),
                Status = CaseStatus.Registered,
                RequestId = Guid.CreateVersion7(now),
                NextAttemptAt = now,
                Household = [declaration.Applicant.Value, .. declaration.Members.Select(m => m.Fin.Value)],
                Channel = assisted is null ? ApplicationChannel.Online : ApplicationChannel.PostOffice,
                Office = assisted?.Office,
                Officer = assisted?.Officer,
                IdentityCheck = assisted?.IdentityCheck,
            };
            apps.Insert(record);
            db.GetCollection<OutboxRecord>(Outbox).Insert(Notice(record, declaration, "registration",
                DecisionTexts.Registration("az", record.Id, record.DueDate), DecisionTexts.Registration("en", record.Id, record.DueDate), now));
            return (record, true);
        }, cancellationToken);
    }

    /// <summary>Records an attempt that gave no decision: when to ask again, and whether a caseworker should look.</summary>
    public Task UpdateCaseAsync(string number, Action<ApplicationRecord> change, CancellationToken cancellationToken) =>
        Database.WriteAsync(db =>
        {
            var apps = db.GetCollection<ApplicationRecord>(Applications);
            var record = apps.FindById(number) ?? throw new InvalidOperationException($"No application {number}.");
            if (record.Status is CaseStatus.Approved or CaseStatus.Refused) return;
            change(record);
            apps.Update(record);
        }, cancellationToken);

    /// <summary>
    /// Stores the first decision, the rules it used, the case's new status and the decision notice in one commit. A
    /// second first decision on the same case is ignored. <paramref name="household"/> (the profile's members) joins the
    /// people whose changes find the case; an application from an offer keeps <paramref name="declaration"/> as its own.
    /// </summary>
    public Task<bool> DecideAsync(string number, ApplicationDeclaration declaration, RuleSet rules, string profileJson, MeansTestResult result, DateTimeOffset now, CancellationToken cancellationToken,
        IReadOnlyCollection<string>? household = null)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(result);
        var textAz = DecisionTexts.Decision("az", number, result);
        var textEn = DecisionTexts.Decision("en", number, result);
        var resultJson = JsonSerializer.Serialize(result, Json);
        var rulesJson = JsonSerializer.Serialize(rules, Json);
        return Database.WriteAsync(db =>
        {
            var decisions = db.GetCollection<DecisionRecord>(Decisions);
            if (decisions.FindById(number) is not null) return false;
            var apps = db.GetCollection<ApplicationRecord>(Applications);
            var record = apps.FindById(number) ?? throw new InvalidOperationException($"No application {number}.");
            var ruleSets = db.GetCollection<RuleSetRecord>(RuleSets);
            if (ruleSets.FindById(rules.Version) is null) ruleSets.Insert(new RuleSetRecord { Id = rules.Version, Json = rulesJson, FirstUsedAt = now });
            decisions.Insert(new DecisionRecord
            {
                Id = number, ApplicationNumber = number, Sequence = 1, Kind = DecisionKinds.Automatic,
                RuleVersion = rules.Version, Outcome = result.Outcome.ToString(), DecidedAt = now,
                ProfileJson = profileJson, ResultJson = resultJson, TextAz = textAz, TextEn = textEn,
            });
            record.Status = result.Outcome == MeansTestOutcome.Approved ? CaseStatus.Approved : CaseStatus.Refused;
            record.AwardUntil = result.Outcome == MeansTestOutcome.Approved ? result.PeriodTo : null;
            record.DecidedAt = now;
            record.NextAttemptAt = null;
            record.LastProblem = null;
            record.AskFresh = false;
            if (string.IsNullOrEmpty(record.DeclarationJson)) record.DeclarationJson = JsonSerializer.Serialize(declaration, Json);
            Join(record, household ?? []);
            apps.Update(record);
            db.GetCollection<OutboxRecord>(Outbox).Insert(Notice(record, declaration, "decision", textAz, textEn, now));
            return true;
        }, cancellationToken);
    }

    public Task MarkSentAsync(string noticeId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Database.WriteAsync(db =>
        {
            var outbox = db.GetCollection<OutboxRecord>(Outbox);
            var notice = outbox.FindById(noticeId);
            if (notice is null || notice.SentAt is not null) return;
            notice.SentAt = now;
            notice.Attempts++;
            outbox.Update(notice);
        }, cancellationToken);

    public Task MarkFailedAsync(string noticeId, string error, DateTimeOffset nextAttempt, CancellationToken cancellationToken) =>
        Database.WriteAsync(db =>
        {
            var outbox = db.GetCollection<OutboxRecord>(Outbox);
            var notice = outbox.FindById(noticeId);
            if (notice is null || notice.SentAt is not null) return;
            notice.Attempts++;
            notice.LastError = error;
            notice.NextAttemptAt = nextAttempt;
            outbox.Update(notice);
        }, cancellationToken);

    private static OutboxRecord Notice(ApplicationRecord app, ApplicationDeclaration declaration, string kind, string textAz, string textEn, DateTimeOffset now) =>
        Notice(app.Id + ":" + kind, app.Id, declaration.Channel, declaration.Applicant.Value, kind, kind == "registration"
            ? $"VEMTAS {app.Id}: müraciət qeydə alındı / application registered"
            : $"VEMTAS {app.Id}: qərar / decision", textAz, textEn, now);

    /// <summary>A notice on <paramref name="channel"/> (the e-cabinet is addressed by the citizen's FIN).</summary>
    private static OutboxRecord Notice(string id, string number, FeedbackChannel channel, string fin, string kind, string subject, string textAz, string textEn, DateTimeOffset now) => new()
    {
        Id = id,
        ApplicationNumber = number,
        Kind = kind,
        Channel = channel.Kind,
        Address = channel.Address ?? fin,
        Subject = subject,
        TextAz = textAz,
        TextEn = textEn,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    public void Dispose() => Database.Dispose();
}
