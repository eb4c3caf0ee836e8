using System.Security.Cryptography;
using IntegrationHub.Assistance.Applications.Storage;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace IntegrationHub.Assistance.Applications;

/// <summary>A caseworker's decision as entered: approve with an amount, or refuse with reasons; always with a justification.</summary>
public sealed record ManualDecision(MeansTestOutcome Outcome, decimal? MonthlyAmount, IReadOnlyList<string> Reasons, string Justification);

/// <summary>What a claim came to.</summary>
public enum ClaimOutcome
{
    Claimed,
    /// <summary>Another caseworker holds it and the claim has not expired.</summary>
    HeldByAnother,
    /// <summary>Nothing for a caseworker to do on it (decided, no open appeal or contest, or not yet with a caseworker).</summary>
    NotInQueue,
    Unknown,
}

public sealed record ClaimResult(ClaimOutcome Outcome, ApplicationRecord? Application = null, string? Holder = null, DateTimeOffset? Until = null);

/// <summary>What a caseworker's decision came to.</summary>
public enum ManualOutcome
{
    Decided,
    Unknown,
    /// <summary>The caseworker does not hold the case (never claimed, expired, or another's).</summary>
    NotClaimed,
    /// <summary>Decided already, and no appeal is open.</summary>
    AlreadyDecided,
    /// <summary>An appeal is reviewed by a caseworker other than the one who made the decision appealed.</summary>
    SameCaseworker,
    /// <summary>The case is not with a caseworker yet (the machine is still at it).</summary>
    NotInQueue,
}

public sealed record ManualResult(ManualOutcome Outcome, DecisionRecord? Decision = null, AppealRecord? Appeal = null);

/// <summary>What an appeal came to.</summary>
public enum AppealOutcome
{
    Created,
    /// <summary>The same citizen's open appeal on this application: returned as it is.</summary>
    Pending,
    Unknown,
    /// <summary>No refusal in force to appeal.</summary>
    NotAppealable,
    PeriodOver,
}

public sealed record AppealResult(AppealOutcome Outcome, AppealRecord? Appeal = null, DateOnly? LastDay = null);

/// <summary>Manual decisions, contests and appeals of one month with their outcomes (the people-in-the-loop statistics).</summary>
public sealed record PeopleCounts(
    string Month,
    IReadOnlyDictionary<string, int> ManualDecisions,
    IReadOnlyDictionary<string, int> Contests,
    IReadOnlyDictionary<string, int> Appeals,
    IReadOnlyDictionary<string, int> AppealOutcomes);

public sealed partial class AssistanceStore
{
    public const string Contests = "contests";
    public const string Appeals = "appeals";
    public const string Documents = "documents";

    public IReadOnlyList<ContestRecord> ContestsOf(string number) =>
        Database.Reader.GetCollection<ContestRecord>(Contests).Find(c => c.ApplicationNumber == number).OrderBy(c => c.CreatedAt).ToList();

    public ContestRecord? FindContest(string id) => Database.Reader.GetCollection<ContestRecord>(Contests).FindById(id);

    public DocumentRecord? FindDocument(string id) => Database.Reader.GetCollection<DocumentRecord>(Documents).FindById(id);

    public IReadOnlyList<AppealRecord> AppealsOf(string number) =>
        Database.Reader.GetCollection<AppealRecord>(Appeals).Find(a => a.ApplicationNumber == number).OrderBy(a => a.CreatedAt).ToList();

    /// <summary>The open appeal on the application, if any (one at a time).</summary>
    public AppealRecord? OpenAppeal(string number) => AppealsOf(number).FirstOrDefault(a => a.State == AppealStates.Open);

    /// <summary>
    /// The caseworker queue: cases with a caseworker (no decision), decided cases with an open appeal, and cases with an
    /// open contest; by due date (an appeal's own).
    /// </summary>
    public IReadOnlyList<ApplicationRecord> Queue()
    {
        var db = Database.Reader;
        var apps = db.GetCollection<ApplicationRecord>(Applications);
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var queue = new List<ApplicationRecord>();
        foreach (var app in apps.Find(a => a.Status == CaseStatus.WithCaseworker)) if (numbers.Add(app.Id)) queue.Add(app);
        foreach (var appeal in db.GetCollection<AppealRecord>(Appeals).Find(a => a.State == AppealStates.Open))
        {
            if (numbers.Add(appeal.ApplicationNumber) && apps.FindById(appeal.ApplicationNumber) is { } app) queue.Add(app);
        }
        foreach (var contest in db.GetCollection<ContestRecord>(Contests).Find(c => c.State == ContestStates.Open))
        {
            if (numbers.Add(contest.ApplicationNumber) && apps.FindById(contest.ApplicationNumber) is { } app) queue.Add(app);
        }
        return queue;
    }

    /// <summary>Whether a caseworker has something to do on the case (see <see cref="Queue"/>).</summary>
    private static bool InQueue(IAssistanceDocuments db, ApplicationRecord app) =>
        app.Status == CaseStatus.WithCaseworker
        || db.GetCollection<AppealRecord>(Appeals).Exists(a => a.ApplicationNumber == app.Id && a.State == AppealStates.Open)
        || db.GetCollection<ContestRecord>(Contests).Exists(c => c.ApplicationNumber == app.Id && c.State == ContestStates.Open);

    /// <summary>
    /// <paramref name="officer"/> takes the case for <paramref name="duration"/>: nobody else decides it meanwhile. Taking it
    /// again renews the claim; another's expired claim is taken over.
    /// </summary>
    public Task<ClaimResult> ClaimAsync(string number, string officer, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        Database.WriteAsync(db =>
        {
            var apps = db.GetCollection<ApplicationRecord>(Applications);
            if (apps.FindById(number) is not { } app) return new ClaimResult(ClaimOutcome.Unknown);
            if (!InQueue(db, app)) return new ClaimResult(ClaimOutcome.NotInQueue, app);
            if (app.ClaimedBy is { } holder && holder != officer && app.ClaimedUntil > now) return new ClaimResult(ClaimOutcome.HeldByAnother, app, holder, app.ClaimedUntil);
            app.ClaimedBy = officer;
            app.ClaimedUntil = now + duration;
            apps.Update(app);
            return new ClaimResult(ClaimOutcome.Claimed, app, officer, app.ClaimedUntil);
        }, cancellationToken);

    private static bool Holds(ApplicationRecord app, string officer, DateTimeOffset now) => app.ClaimedBy == officer && app.ClaimedUntil > now;

    /// <summary>
    /// A caseworker's decision, in one commit with the case's status, the claim's release and the notice on the declared
    /// channel. With an appeal open it is the appeal's outcome (kind appeal-outcome, superseding the decision appealed; its
    /// author must not be the one who made that decision); on an undecided case it is the first decision (kind manual). The
    /// figures the rules found (<see cref="ApplicationRecord.FindingsJson"/>, or the appealed decision's) are kept with it,
    /// the snapshot is the profile the caseworker saw.
    /// </summary>
    public Task<ManualResult> DecideManuallyAsync(string number, string officer, ManualDecision decision, RuleSet rules, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(rules);
        var rulesJson = JsonSerializer.Serialize(rules, Json);
        return Database.WriteAsync(db =>
        {
            var apps = db.GetCollection<ApplicationRecord>(Applications);
            if (apps.FindById(number) is not { } app) return new ManualResult(ManualOutcome.Unknown);
            var appeals = db.GetCollection<AppealRecord>(Appeals);
            var appeal = appeals.Find(a => a.ApplicationNumber == number && a.State == AppealStates.Open).FirstOrDefault();
            var current = CurrentIn(db, number);
            if (appeal is null && current is not null) return new ManualResult(ManualOutcome.AlreadyDecided, current);
            if (appeal is null && app.Status != CaseStatus.WithCaseworker) return new ManualResult(ManualOutcome.NotInQueue);
            if (!Holds(app, officer, now)) return new ManualResult(ManualOutcome.NotClaimed);
            if (appeal is not null && appeal.DecidedBy == officer) return new ManualResult(ManualOutcome.SameCaseworker, null, appeal);

            var basis = appeal is not null ? current : null;
            var findings = basis is not null ? JsonSerializer.Deserialize<MeansTestResult>(basis.ResultJson, Json)
                : app.FindingsJson is { Length: > 0 } f ? JsonSerializer.Deserialize<MeansTestResult>(f, Json) : null;
            var usedRules = basis is not null && FindRulesIn(db, basis.RuleVersion) is { } earlier ? earlier : rules;
            var result = ManualResultOf(findings, usedRules, app.ApplicationDate, decision);
            var ruleSets = db.GetCollection<RuleSetRecord>(RuleSets);
            if (ruleSets.FindById(usedRules.Version) is null) ruleSets.Insert(new RuleSetRecord { Id = usedRules.Version, Json = ReferenceEquals(usedRules, rules) ? rulesJson : JsonSerializer.Serialize(usedRules, Json), FirstUsedAt = now });

            var sequence = current is null ? 1 : Math.Max(current.Sequence, 1) + 1;
            var id = sequence == 1 ? number : string.Create(CultureInfo.InvariantCulture, $"{number}-{sequence}");
            var kind = appeal is null ? DecisionKinds.Manual : DecisionKinds.AppealOutcome;
            var textAz = DecisionTexts.Manual("az", number, result, decision.Justification, appeal is not null);
            var textEn = DecisionTexts.Manual("en", number, result, decision.Justification, appeal is not null);
            var record = new DecisionRecord
            {
                Id = id, ApplicationNumber = number, Sequence = sequence, Kind = kind, Author = officer,
                Justification = decision.Justification, Supersedes = current?.Id,
                Trigger = appeal is null ? null : "appeal " + appeal.Id,
                DeclarationJson = basis?.DeclarationJson, EvaluatedOn = basis?.EvaluatedOn,
                RuleVersion = usedRules.Version, Outcome = result.Outcome.ToString(), DecidedAt = now,
                ProfileJson = basis?.ProfileJson ?? app.SnapshotJson ?? "", ResultJson = JsonSerializer.Serialize(result, Json), TextAz = textAz, TextEn = textEn,
            };
            db.GetCollection<DecisionRecord>(Decisions).Insert(record);
            app.Status = result.Outcome == MeansTestOutcome.Approved ? CaseStatus.Approved : CaseStatus.Refused;
            app.AwardUntil = result.Outcome == MeansTestOutcome.Approved ? result.PeriodTo : null;
            app.DecidedAt ??= now;
            app.NextAttemptAt = null;
            app.ClaimedBy = null;
            app.ClaimedUntil = null;
            apps.Update(app);
            if (appeal is not null)
            {
                var before = JsonSerializer.Deserialize<MeansTestResult>(current!.ResultJson, Json)!;
                appeal.State = AppealStates.Decided;
                appeal.Outcome = result.Outcome.ToString() == current.Outcome && result.MonthlyAmount == before.MonthlyAmount ? AppealOutcomes.Upheld : AppealOutcomes.Changed;
                appeal.OutcomeDecisionId = id;
                appeal.ReviewedBy = officer;
                appeal.DecidedAt = now;
                appeals.Update(appeal);
            }
            db.GetCollection<OutboxRecord>(Outbox).Insert(Notice(id + ":decision", number, ChannelOf(app), app.Applicant, appeal is null ? "decision" : "appeal-decision",
                appeal is null ? $"VEMTAS {number}: qərar / decision" : $"VEMTAS {number}: şikayət üzrə qərar / decision on appeal", textAz, textEn, now));
            return new ManualResult(ManualOutcome.Decided, record, appeal);
        }, cancellationToken);
    }

    private static RuleSet? FindRulesIn(IAssistanceDocuments db, string version) =>
        db.GetCollection<RuleSetRecord>(RuleSets).FindById(version) is { } r ? JsonSerializer.Deserialize<RuleSet>(r.Json, Json) : null;

    /// <summary>A caseworker's decision as a means-test result: the rules' figures where they found some, the caseworker's outcome, amount and reasons.</summary>
    public static MeansTestResult ManualResultOf(MeansTestResult? findings, RuleSet rules, DateOnly applicationDate, ManualDecision decision)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(decision);
        var approved = decision.Outcome == MeansTestOutcome.Approved;
        var first = new DateOnly(applicationDate.Year, applicationDate.Month, 1);
        var reasons = approved ? [] : decision.Reasons
            .Select(code => findings?.Reasons.FirstOrDefault(r => r.Code == code) ?? new RefusalReason(code, 0, 0, [DecisionTexts.StatedByCaseworker]))
            .OrderBy(r => r.Number).ToList();
        return new MeansTestResult(
            decision.Outcome, rules.Version, applicationDate,
            findings?.Criterion ?? rules.CriterionFor(applicationDate.Year), findings?.LivingMinimum ?? rules.LivingMinimumFor(applicationDate.Year),
            findings?.Counted ?? [], findings?.NotCounted ?? [], findings?.TotalMonthlyIncome ?? 0, findings?.Threshold ?? 0,
            approved ? decision.MonthlyAmount : null, approved ? first : null, approved ? first.AddMonths(rules.AssignedMonths).AddDays(-1) : null,
            reasons, findings?.MissingData ?? [], findings?.Referrals);
    }

    /// <summary>
    /// A caseworker asks the citizen for a document, in one commit with its notice on the declared channel; the case stays
    /// with the caseworker (the clock runs on). Null when the case is unknown; false when the caseworker does not hold it.
    /// </summary>
    public Task<bool?> RequestDocumentAsync(string number, string officer, string document, string justification, DateTimeOffset now, CancellationToken cancellationToken) =>
        Database.WriteAsync<bool?>(db =>
        {
            var apps = db.GetCollection<ApplicationRecord>(Applications);
            if (apps.FindById(number) is not { } app) return null;
            if (!Holds(app, officer, now) || app.Status != CaseStatus.WithCaseworker) return false;
            app.DocumentRequest = document;
            app.DocumentRequestedAt = now;
            app.DocumentRequestedBy = officer;
            apps.Update(app);
            var n = db.GetCollection<OutboxRecord>(Outbox).Count(o => o.ApplicationNumber == number && o.Kind == "document-request") + 1;
            db.GetCollection<OutboxRecord>(Outbox).Insert(Notice(string.Create(CultureInfo.InvariantCulture, $"{number}:document-request:{n}"), number, ChannelOf(app), app.Applicant, "document-request",
                $"VEMTAS {number}: sənəd tələb olunur / document requested",
                DecisionTexts.DocumentRequest("az", number, document, justification), DecisionTexts.DocumentRequest("en", number, document, justification), now));
            return true;
        }, cancellationToken);

    /// <summary>
    /// The citizen appeals the refusal in force, within <paramref name="periodMonths"/> months of its day; reviewed by
    /// <paramref name="calendar"/>'s <paramref name="reviewWorkingDays"/> working days from today. One open appeal at a time.
    /// </summary>
    public Task<AppealResult> AppealAsync(string number, string fin, string grounds, DateTimeOffset now, int periodMonths, int reviewWorkingDays, WorkingCalendar calendar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Database.WriteAsync(db =>
        {
            var apps = db.GetCollection<ApplicationRecord>(Applications);
            if (apps.FindById(number) is not { } app || app.Applicant != fin) return new AppealResult(AppealOutcome.Unknown);
            var appeals = db.GetCollection<AppealRecord>(Appeals);
            if (appeals.Find(a => a.ApplicationNumber == number && a.State == AppealStates.Open).FirstOrDefault() is { } open) return new AppealResult(AppealOutcome.Pending, open);
            var current = CurrentIn(db, number);
            if (current is null || current.Outcome != nameof(MeansTestOutcome.Refused)) return new AppealResult(AppealOutcome.NotAppealable);
            var lastDay = LastDayToAppeal(current, periodMonths);
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            if (today > lastDay) return new AppealResult(AppealOutcome.PeriodOver, null, lastDay);
            var appeal = new AppealRecord
            {
                Id = Next(db, "appeals", "APL", now), ApplicationNumber = number, Fin = fin, DecisionId = current.Id, DecidedBy = current.Author,
                Grounds = grounds, CreatedAt = now, DueDate = calendar.AddWorkingDays(today, reviewWorkingDays),
            };
            appeals.Insert(appeal);
            return new AppealResult(AppealOutcome.Created, appeal, lastDay);
        }, cancellationToken);
    }

    /// <summary>The last day a refusal can be appealed: the decision's day plus the period, in calendar months.</summary>
    public static DateOnly LastDayToAppeal(DecisionRecord decision, int periodMonths)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return DateOnly.FromDateTime(decision.DecidedAt.UtcDateTime).AddMonths(periodMonths);
    }

    /// <summary>
    /// A citizen's contest of one item of the decision in force, in one commit with its document (if any): it enters the
    /// caseworker queue, and its correction request is sent to <see cref="ContestRecord.Agency"/> by the correction worker.
    /// </summary>
    public Task<ContestRecord> ContestAsync(ContestRecord contest, DocumentRecord? document, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contest);
        return Database.WriteAsync(db =>
        {
            contest.Id = Next(db, "contests", "CNT", now);
            contest.CreatedAt = now;
            contest.State = ContestStates.Open;
            contest.CorrectionState = CorrectionStates.Unsent;
            contest.CorrectionNextAt = now;
            if (document is not null)
            {
                document.Id = contest.Id + "-document";
                document.Sha256 = Convert.ToHexStringLower(SHA256.HashData(document.Bytes));
                document.StoredAt = now;
                db.GetCollection<DocumentRecord>(Documents).Insert(document);
                contest.DocumentId = document.Id;
                contest.DocumentType = document.ContentType;
                contest.DocumentSize = document.Bytes.Length;
            }
            db.GetCollection<ContestRecord>(Contests).Insert(contest);
            return contest;
        }, cancellationToken);
    }

    /// <summary>A caseworker closes a contest (upheld or rejected) with a justification. Null when unknown; false when not open or the caseworker does not hold the case.</summary>
    public Task<bool?> ResolveContestAsync(string id, string officer, string state, string resolution, DateTimeOffset now, CancellationToken cancellationToken) =>
        Database.WriteAsync<bool?>(db =>
        {
            var contests = db.GetCollection<ContestRecord>(Contests);
            if (contests.FindById(id) is not { } contest) return null;
            var app = db.GetCollection<ApplicationRecord>(Applications).FindById(contest.ApplicationNumber);
            if (contest.State != ContestStates.Open || app is null || !Holds(app, officer, now)) return false;
            contest.State = state;
            contest.Resolution = resolution;
            contest.ResolvedBy = officer;
            contest.ResolvedAt = now;
            contests.Update(contest);
            return true;
        }, cancellationToken);

    /// <summary>Contests whose correction request is due to be sent, or asked about: by when.</summary>
    public static readonly DueQuery<ContestRecord> DueCorrection = new(Contests, nameof(ContestRecord.CorrectionNextAt), c => c.CorrectionNextAt);

    /// <summary>Contests whose correction request is due to be sent, or asked about, now (on a shared database: taken for this instance).</summary>
    public IReadOnlyList<ContestRecord> DueCorrections(DateTimeOffset now, int max) => Database.TakeDue(DueCorrection, now, max);

    public DateTimeOffset? NextCorrectionDue() => Database.NextDue(DueCorrection);

    /// <summary>Records where a contest's correction request stands.</summary>
    public Task UpdateCorrectionAsync(string id, Action<ContestRecord> change, CancellationToken cancellationToken) =>
        Database.WriteAsync(db =>
        {
            var contests = db.GetCollection<ContestRecord>(Contests);
            var contest = contests.FindById(id) ?? throw new InvalidOperationException($"No contest {id}.");
            change(contest);
            contests.Update(contest);
        }, cancellationToken);

    /// <summary>Records the profile a case went to a caseworker with, and what the rules found on it (in one write with the case's other changes).</summary>
    public static void KeepSnapshot(ApplicationRecord application, string? profileJson, MeansTestResult? findings)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (profileJson is null) return;
        application.SnapshotJson = profileJson;
        application.FindingsJson = findings is null ? null : JsonSerializer.Serialize(findings, Json);
    }

    /// <summary>Manual decisions (by outcome), contests (by state) and appeals (by state, and decided ones by outcome) of <paramref name="month"/> (yyyy-MM, UTC).</summary>
    public PeopleCounts PeopleCountsOf(int year, int month)
    {
        var from = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
        var to = from.AddMonths(1);
        var db = Database.Reader;
        bool In(DateTimeOffset t) => t >= from && t < to;
        var manual = db.GetCollection<DecisionRecord>(Decisions).Find(d => d.Kind == DecisionKinds.Manual || d.Kind == DecisionKinds.AppealOutcome).ToList()
            .Where(d => In(d.DecidedAt)).GroupBy(d => d.Kind + ":" + d.Outcome.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var contests = db.GetCollection<ContestRecord>(Contests).FindAll().Where(c => In(c.CreatedAt))
            .GroupBy(c => c.State).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var appeals = db.GetCollection<AppealRecord>(Appeals).FindAll().Where(a => In(a.CreatedAt)).ToList();
        return new PeopleCounts(
            string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{month:00}"),
            manual,
            contests,
            appeals.GroupBy(a => a.State).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            appeals.Where(a => a.Outcome is not null).GroupBy(a => a.Outcome!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
    }

    /// <summary>Applications with an open contest or appeal (for the at-risk report).</summary>
    public IReadOnlyList<(ApplicationRecord Application, AppealRecord? Appeal, int OpenContests)> ContestedOrAppealed()
    {
        var db = Database.Reader;
        var apps = db.GetCollection<ApplicationRecord>(Applications);
        var appeals = db.GetCollection<AppealRecord>(Appeals).Find(a => a.State == AppealStates.Open).ToDictionary(a => a.ApplicationNumber, StringComparer.Ordinal);
        var contests = db.GetCollection<ContestRecord>(Contests).Find(c => c.State == ContestStates.Open).GroupBy(c => c.ApplicationNumber).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return appeals.Keys.Union(contests.Keys).Order(StringComparer.Ordinal)
            .Select(n => apps.FindById(n) is { } app ? (app, appeals.GetValueOrDefault(n), contests.GetValueOrDefault(n)) : default)
            .Where(t => t.app is not null).Select(t => (t.app, t.Item2, t.Item3)).ToList();
    }
}
