using IntegrationHub.Contracts.LifeEvents;
using IntegrationHub.Assistance.Applications.Storage;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace IntegrationHub.Assistance.Applications;

/// <summary>What a change in circumstances led to.</summary>
/// <param name="Seen">The change was handled before (a redelivery): nothing was done again.</param>
public sealed record ChangeOutcome(bool Seen, int Awards, int OpenCases, IReadOnlyList<string> Offers);

/// <summary>Re-evaluations and offers, by what prompted them and how they ended, for the dashboard.</summary>
public sealed record ReEvaluationCount(string Trigger, string State, int Count);

public sealed partial class AssistanceStore
{
        private const string ReconciliationCounter = "reconciliation-last";

    /// <summary>Every decision on the application, the first one first.</summary>
    public IReadOnlyList<DecisionRecord> DecisionsOf(string number)
    {
        var decisions = Database.Reader.GetCollection<DecisionRecord>(Decisions);
        var later = decisions.Find(d => d.ApplicationNumber == number).ToList();
        if (later.All(d => d.Id != number) && decisions.FindById(number) is { } first) later.Add(first);
        return later.OrderBy(d => Math.Max(d.Sequence, 1)).ToList();
    }

    /// <summary>The decision in force: the last one made; null before any.</summary>
    public DecisionRecord? CurrentDecision(string number) => DecisionsOf(number).LastOrDefault();

    /// <summary>The declaration <paramref name="decision"/> was made on: its own, or the application's.</summary>
    public static ApplicationDeclaration DeclarationOf(ApplicationRecord application, DecisionRecord? decision)
    {
        ArgumentNullException.ThrowIfNull(application);
        var json = decision?.DeclarationJson is { Length: > 0 } own ? own : application.DeclarationJson;
        return JsonSerializer.Deserialize<ApplicationDeclaration>(json, Json)!;
    }

    /// <summary>Where the applicant hears from the ministry: the declared channel, or the offer's before a declaration exists.</summary>
    public static FeedbackChannel ChannelOf(ApplicationRecord application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return !string.IsNullOrEmpty(application.DeclarationJson)
            ? JsonSerializer.Deserialize<ApplicationDeclaration>(application.DeclarationJson, Json)!.Channel
            : new FeedbackChannel(application.OfferChannel ?? ChannelKind.ECabinet, application.OfferChannelAddress);
    }

    public ApplicationRecord? FindByOffer(string offerId) => Database.Reader.GetCollection<ApplicationRecord>(Applications).FindOne(a => a.OfferId == offerId);

    /// <summary>
    /// Handles a change the hub reported, once per change id, in one commit: every award in force whose household holds
    /// one of the people gets a re-evaluation; every open case is asked about again, anew from every agency; and a birth
    /// into a household with neither gets a proactive offer to the parent, with its notice.
    /// </summary>
    public Task<ChangeOutcome> RecordChangeAsync(PersonChanged change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var id = change.ChangeId.ToString("N");
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var trigger = Trigger(change);
        return Database.WriteAsync(db =>
        {
            var changes = db.GetCollection<ChangeRecord>(Changes);
            if (changes.FindById(id) is not null) return new ChangeOutcome(true, 0, 0, []);
            var apps = db.GetCollection<ApplicationRecord>(Applications);
            var affected = change.Fins
                .SelectMany(fin => apps.WithElement(nameof(ApplicationRecord.Household), fin))
                .DistinctBy(a => a.Id).ToList();
            var awards = affected.Where(a => InForce(a, today)).ToList();
            var open = affected.Where(a => a.Status is CaseStatus.Registered or CaseStatus.AwaitingData or CaseStatus.WithCaseworker).ToList();

            var jobs = db.GetCollection<ReEvaluationRecord>(ReEvaluations);
            foreach (var award in awards)
            {
                var jobId = id + ":" + award.Id;
                if (jobs.FindById(jobId) is not null) continue;
                jobs.Insert(new ReEvaluationRecord
                {
                    Id = jobId, ApplicationNumber = award.Id, TriggerKind = change.Kind, Trigger = trigger, CreatedAt = now,
                    NextAttemptAt = now, RequestId = Guid.CreateVersion7(now),
                });
            }
            foreach (var app in open)
            {
                // Asked about again now, with a new request (the hub replays an id), and every agency asked anew.
                app.NextAttemptAt = now;
                app.RequestId = Guid.CreateVersion7(now);
                app.AskFresh = true;
                app.LastProblem = $"change in circumstances ({change.Kind}, {change.Date:yyyy-MM-dd}): asked again";
                apps.Update(app);
            }
            var offers = new List<string>();
            if (change.Kind == LifeEventKinds.Birth && awards.Count == 0 && open.Count == 0 && change.Fins.Count > 1)
            {
                offers.Add(Offer(db, change, id, now).Id);
            }
            changes.Insert(new ChangeRecord
            {
                Id = id, Kind = change.Kind, Fins = [.. change.Fins], Date = change.Date, Source = change.Source, ReceivedAt = now,
                Awards = awards.Count, OpenCases = open.Count, Offers = offers.Count,
            });
            return new ChangeOutcome(false, awards.Count, open.Count, offers);
        }, cancellationToken);
    }

    /// <summary>An award is in force while approved and its period has not ended.</summary>
    private static bool InForce(ApplicationRecord application, DateOnly today) =>
        application.Status == CaseStatus.Approved && application.AwardUntil is { } until && until >= today;

    /// <summary>The offer to the first parent named, on the channel of their last application (the e-cabinet otherwise).</summary>
    private static OfferRecord Offer(IAssistanceDocuments db, PersonChanged birth, string changeId, DateTimeOffset now)
    {
        var parent = birth.Fins[1];
        var last = db.GetCollection<ApplicationRecord>(Applications).Find(a => a.Applicant == parent).OrderByDescending(a => a.SubmittedAt).FirstOrDefault();
        var channel = last is null ? new FeedbackChannel(ChannelKind.ECabinet, null) : ChannelOf(last);
        var offer = new OfferRecord
        {
            Id = Next(db, "offers", "OFR", now),
            Fin = parent,
            ChangeId = changeId,
            BirthDate = birth.Date,
            CreatedAt = now,
            Channel = channel.Kind,
            ChannelAddress = channel.Address,
        };
        db.GetCollection<OfferRecord>(Offers).Insert(offer);
        db.GetCollection<OutboxRecord>(Outbox).Insert(Notice(offer.Id + ":offer", offer.Id, channel, parent, "offer",
            $"VEMTAS {offer.Id}: təklif / offer", DecisionTexts.Offer("az", offer.Id, birth.Date), DecisionTexts.Offer("en", offer.Id, birth.Date), now));
        return offer;
    }

    /// <summary>The next number of a series for the year: <c>{prefix}-yyyy-nnnnnn</c>, counted in <c>{counter}-yyyy</c>.</summary>
    private static string Next(IAssistanceDocuments db, string counter, string prefix, DateTimeOffset now)
    {
        var counters = db.GetCollection<CounterRecord>(Counters);
        var counterId = counter + "-" + now.Year.ToString(CultureInfo.InvariantCulture);
        var next = counters.FindById(counterId) ?? new CounterRecord { Id = counterId };
        next.Value++;
        counters.Upsert(next);
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{now.Year}-{next.Value:000000}");
    }

    private static string Trigger(PersonChanged change) =>
        string.Create(CultureInfo.InvariantCulture, $"{change.Kind} on {change.Date:yyyy-MM-dd}, reported by {change.Source} (change {change.ChangeId:N})");

    /// <summary>Re-evaluations due: by when to ask again.</summary>
    public static readonly DueQuery<ReEvaluationRecord> DueReEvaluation = new(ReEvaluations, nameof(ReEvaluationRecord.NextAttemptAt), r => r.NextAttemptAt);

    /// <summary>Re-evaluations to work now (on a shared database: taken for this instance).</summary>
    public IReadOnlyList<ReEvaluationRecord> DueReEvaluations(DateTimeOffset now, int max) => Database.TakeDue(DueReEvaluation, now, max);

    public DateTimeOffset? NextReEvaluationDue() => Database.NextDue(DueReEvaluation);

    /// <summary>The re-evaluations of one application, newest first.</summary>
    public IReadOnlyList<ReEvaluationRecord> ReEvaluationsOf(string number) =>
        Database.Reader.GetCollection<ReEvaluationRecord>(ReEvaluations).Find(r => r.ApplicationNumber == number).OrderByDescending(r => r.CreatedAt).ToList();

    /// <summary>Records an attempt that gave no result (no answer, missing data), or the end of one that needs no decision.</summary>
    public Task UpdateReEvaluationAsync(string id, Action<ReEvaluationRecord> change, CancellationToken cancellationToken) =>
        Database.WriteAsync(db =>
        {
            var jobs = db.GetCollection<ReEvaluationRecord>(ReEvaluations);
            var job = jobs.FindById(id) ?? throw new InvalidOperationException($"No re-evaluation {id}.");
            if (job.State != ReEvaluationStates.Pending) return;
            change(job);
            jobs.Update(job);
        }, cancellationToken);

    /// <summary>
    /// The outcome of a re-evaluation, in one commit. The same outcome and amount as the decision in force: recorded as
    /// checked. Otherwise a new decision (kind re-evaluation, "change in circumstances", superseding the one in force, with
    /// its rule version, snapshot and the declaration made from the agencies' data), the case's new status and award, and
    /// the notice on the declared channel. When the decision in force is no longer <paramref name="compared"/> (decided
    /// again meanwhile) nothing is decided: the re-evaluation is skipped. Returns the state it ended in.
    /// </summary>
    public Task<string> ReEvaluateAsync(
        ReEvaluationRecord job, string compared, ApplicationDeclaration declaration, RuleSet rules, string profileJson, MeansTestResult result,
        DateOnly evaluatedOn, IReadOnlyCollection<string> household, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(result);
        var resultJson = JsonSerializer.Serialize(result, Json);
        var rulesJson = JsonSerializer.Serialize(rules, Json);
        var declarationJson = JsonSerializer.Serialize(declaration, Json);
        return Database.WriteAsync(db =>
        {
            var jobs = db.GetCollection<ReEvaluationRecord>(ReEvaluations);
            var stored = jobs.FindById(job.Id);
            if (stored is null || stored.State != ReEvaluationStates.Pending) return stored?.State ?? ReEvaluationStates.Skipped;
            var apps = db.GetCollection<ApplicationRecord>(Applications);
            var app = apps.FindById(job.ApplicationNumber) ?? throw new InvalidOperationException($"No application {job.ApplicationNumber}.");
            var current = CurrentIn(db, app.Id);
            stored.NextAttemptAt = null;
            stored.CompletedAt = now;
            stored.Outcome = result.Outcome.ToString();
            stored.MonthlyAmount = result.MonthlyAmount;
            stored.LastProblem = null;
            if (current is null || current.Id != compared || !InForce(app, evaluatedOn))
            {
                stored.State = ReEvaluationStates.Skipped;
                stored.LastProblem = "the award was decided again or ended meanwhile";
                jobs.Update(stored);
                return stored.State;
            }
            Join(app, household);
            var before = JsonSerializer.Deserialize<MeansTestResult>(current.ResultJson, Json)!;
            if (result.Outcome.ToString() == current.Outcome && result.MonthlyAmount == before.MonthlyAmount)
            {
                stored.State = ReEvaluationStates.Unchanged;
                apps.Update(app);
                jobs.Update(stored);
                return stored.State;
            }

            var sequence = Math.Max(current.Sequence, 1) + 1;
            var id = string.Create(CultureInfo.InvariantCulture, $"{app.Id}-{sequence}");
            var ruleSets = db.GetCollection<RuleSetRecord>(RuleSets);
            if (ruleSets.FindById(rules.Version) is null) ruleSets.Insert(new RuleSetRecord { Id = rules.Version, Json = rulesJson, FirstUsedAt = now });
            var textAz = DecisionTexts.ReEvaluation("az", app.Id, job.TriggerKind, result);
            var textEn = DecisionTexts.ReEvaluation("en", app.Id, job.TriggerKind, result);
            db.GetCollection<DecisionRecord>(Decisions).Insert(new DecisionRecord
            {
                Id = id, ApplicationNumber = app.Id, Sequence = sequence, Kind = DecisionKinds.ReEvaluation, Author = null,
                Justification = "change in circumstances", Supersedes = current.Id, Trigger = job.Trigger,
                DeclarationJson = declarationJson, EvaluatedOn = evaluatedOn, PeriodEnd = app.AwardUntil,
                RuleVersion = rules.Version, Outcome = result.Outcome.ToString(), DecidedAt = now,
                ProfileJson = profileJson, ResultJson = resultJson, TextAz = textAz, TextEn = textEn,
            });
            app.Status = result.Outcome == MeansTestOutcome.Approved ? CaseStatus.Approved : CaseStatus.Refused;
            app.AwardUntil = result.Outcome == MeansTestOutcome.Approved ? result.PeriodTo : null;
            apps.Update(app);
            db.GetCollection<OutboxRecord>(Outbox).Insert(Notice(id + ":decision", app.Id, ChannelOf(app), app.Applicant, "re-evaluation",
                $"VEMTAS {app.Id}: qərara yenidən baxıldı / decision reviewed", textAz, textEn, now));
            stored.State = ReEvaluationStates.Changed;
            stored.DecisionId = id;
            jobs.Update(stored);
            return stored.State;
        }, cancellationToken);
    }

    private static DecisionRecord? CurrentIn(IAssistanceDocuments db, string number)
    {
        var decisions = db.GetCollection<DecisionRecord>(Decisions);
        var all = decisions.Find(d => d.ApplicationNumber == number).ToList();
        if (all.All(d => d.Id != number) && decisions.FindById(number) is { } first) all.Add(first);
        return all.OrderBy(d => Math.Max(d.Sequence, 1)).LastOrDefault();
    }

    /// <summary>
    /// The periodic reconciliation: when <paramref name="interval"/> has passed since the last one (the first one an
    /// interval after the store first saw this), every award in force gets a re-evaluation against a fresh profile.
    /// Returns how many; 0 when it is not due.
    /// </summary>
    public Task<int> ReconcileIfDueAsync(DateTimeOffset now, TimeSpan interval, CancellationToken cancellationToken) =>
        Database.WriteAsync(db =>
        {
            var counters = db.GetCollection<CounterRecord>(Counters);
            var last = counters.FindById(ReconciliationCounter);
            if (last is null)
            {
                counters.Insert(new CounterRecord { Id = ReconciliationCounter, Value = now.UtcTicks });
                return 0;
            }
            if (now.UtcTicks - last.Value < interval.Ticks) return 0;
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var jobs = db.GetCollection<ReEvaluationRecord>(ReEvaluations);
            var round = "reconciliation-" + now.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
            var count = 0;
            foreach (var award in db.GetCollection<ApplicationRecord>(Applications).Find(a => a.Status == CaseStatus.Approved).Where(a => InForce(a, today)))
            {
                var jobId = round + ":" + award.Id;
                if (jobs.FindById(jobId) is not null) continue;
                jobs.Insert(new ReEvaluationRecord
                {
                    Id = jobId, ApplicationNumber = award.Id, TriggerKind = "reconciliation", CreatedAt = now,
                    Trigger = string.Create(CultureInfo.InvariantCulture, $"periodic reconciliation of {today:yyyy-MM-dd}"),
                    NextAttemptAt = now, RequestId = Guid.CreateVersion7(now),
                });
                count++;
            }
            last.Value = now.UtcTicks;
            counters.Update(last);
            return count;
        }, cancellationToken);

    /// <summary>When the next reconciliation is due (null before the store first looked).</summary>
    public DateTimeOffset? NextReconciliation(TimeSpan interval) =>
        Database.Reader.GetCollection<CounterRecord>(Counters).FindById(ReconciliationCounter) is { } last
            ? new DateTimeOffset(last.Value, TimeSpan.Zero) + interval
            : null;

    /// <summary>A citizen's offers, newest first.</summary>
    public IReadOnlyList<OfferRecord> OffersOf(string fin) =>
        Database.Reader.GetCollection<OfferRecord>(Offers).Find(o => o.Fin == fin).OrderByDescending(o => o.CreatedAt).ToList();

    public OfferRecord? FindOffer(string id) => Database.Reader.GetCollection<OfferRecord>(Offers).FindById(id);

    /// <summary>
    /// Accepts <paramref name="fin"/>'s offer, in one commit: an application from the offer (its declaration is made from
    /// the agencies' data when the profile comes) with its registration notice. Accepting again returns the same
    /// application. Null when the offer is not this citizen's.
    /// </summary>
    public Task<(ApplicationRecord Application, bool Created)?> AcceptOfferAsync(string offerId, string fin, DateTimeOffset now, WorkingCalendar calendar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Database.WriteAsync<(ApplicationRecord, bool)?>(db =>
        {
            var offers = db.GetCollection<OfferRecord>(Offers);
            var apps = db.GetCollection<ApplicationRecord>(Applications);
            if (offers.FindById(offerId) is not { } offer || offer.Fin != fin) return null;
            if (offer.ApplicationNumber is { } existing && apps.FindById(existing) is { } made) return (made, false);
            var applied = DateOnly.FromDateTime(now.UtcDateTime);
            var record = new ApplicationRecord
            {
                // The applications' own series: an application from an offer is numbered like any other.
                Id = Next(db, "applications", "VEM", now),
                Applicant = fin,
                ContentHash = "offer:" + offer.Id,
                DeclarationJson = "",
                SubmittedAt = now,
                ApplicationDate = applied,
                DueDate = calendar.DueDate(applied),
                Status = CaseStatus.Registered,
                RequestId = Guid.CreateVersion7(now),
                NextAttemptAt = now,
                Household = [fin],
                Origin = ApplicationOrigins.Offer,
                OfferId = offer.Id,
                OfferChannel = offer.Channel,
                OfferChannelAddress = offer.ChannelAddress,
            };
            apps.Insert(record);
            db.GetCollection<OutboxRecord>(Outbox).Insert(Notice(record.Id + ":registration", record.Id, new FeedbackChannel(offer.Channel, offer.ChannelAddress), fin, "registration",
                $"VEMTAS {record.Id}: müraciət qeydə alındı / application registered",
                DecisionTexts.Registration("az", record.Id, record.DueDate), DecisionTexts.Registration("en", record.Id, record.DueDate), now));
            offer.State = OfferStates.Accepted;
            offer.ApplicationNumber = record.Id;
            offer.AcceptedAt = now;
            offers.Update(offer);
            return (record, true);
        }, cancellationToken);
    }

    /// <summary>Re-evaluations by what prompted them (a life event's kind, or reconciliation) and how they ended; and offers by state.</summary>
    public (IReadOnlyList<ReEvaluationCount> ReEvaluations, IReadOnlyDictionary<string, int> Offers) LifeEventCounts()
    {
        var jobs = Database.Reader.GetCollection<ReEvaluationRecord>(ReEvaluations).FindAll()
            .GroupBy(r => (r.TriggerKind, r.State))
            .Select(g => new ReEvaluationCount(g.Key.TriggerKind, g.Key.State, g.Count()))
            .OrderBy(c => c.Trigger, StringComparer.Ordinal).ThenBy(c => c.State, StringComparer.Ordinal).ToList();
        var offers = Database.Reader.GetCollection<OfferRecord>(Offers).FindAll().GroupBy(o => o.State).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return (jobs, offers);
    }

    /// <summary>Adds <paramref name="fins"/> to the people whose changes find the application.</summary>
    private static void Join(ApplicationRecord application, IEnumerable<string> fins)
    {
        foreach (var fin in fins)
        {
            if (!application.Household.Contains(fin, StringComparer.Ordinal)) application.Household.Add(fin);
        }
    }

    /// <summary>
    /// Applications stored before households and awards were kept get them from their declaration and first decision, so a
    /// change about one of their people finds them and the reconciliation sees their award.
    /// </summary>
    private void BackfillHouseholds()
    {
        var missing = Apps.FindAll().Where(a => a.Household.Count == 0 && !string.IsNullOrEmpty(a.DeclarationJson)).ToList();
        if (missing.Count == 0) return;
        Database.WriteAsync(db =>
        {
            var apps = db.GetCollection<ApplicationRecord>(Applications);
            var decisions = db.GetCollection<DecisionRecord>(Decisions);
            foreach (var app in missing)
            {
                var declaration = JsonSerializer.Deserialize<ApplicationDeclaration>(app.DeclarationJson, Json)!;
                Join(app, [declaration.Applicant.Value, .. declaration.Members.Select(m => m.Fin.Value)]);
                if (decisions.FindById(app.Id) is { } decision && app.Status == CaseStatus.Approved)
                {
                    app.AwardUntil = JsonSerializer.Deserialize<MeansTestResult>(decision.ResultJson, Json)?.PeriodTo;
                }
                apps.Update(app);
            }
        }).GetAwaiter().GetResult();
    }
}
