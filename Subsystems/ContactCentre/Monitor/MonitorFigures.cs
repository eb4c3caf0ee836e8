namespace IntegrationHub.ContactCentre.Monitor;

/// <summary>One department on the supervisors' monitor.</summary>
/// <param name="Waiting">Calls in its queue now.</param>
/// <param name="LongestWaitSeconds">How long the first call in its queue has waited; null when nobody waits.</param>
/// <param name="AnsweredLastHour">Calls an operator took from its queue in the last hour.</param>
/// <param name="AbandonedLastHour">Callers who hung up waiting in its queue in the last hour.</param>
/// <param name="AnsweredWithinTarget">Of those answered, answered within the target wait.</param>
/// <param name="WithinTargetPercent">
/// The service level: answered within the target ÷ (answered + abandoned) in the last hour, in per cent to one
/// decimal; null when no call stopped waiting in the last hour.
/// </param>
/// <param name="FollowUpsOverdue">Its open follow-ups whose due date has passed.</param>
public sealed record DepartmentFigures(
    string Department, string NameAz, string NameEn, int Waiting, long? LongestWaitSeconds,
    int AnsweredLastHour, int AbandonedLastHour, int AnsweredWithinTarget, decimal? WithinTargetPercent, int FollowUpsOverdue);

/// <summary>What the supervisors' monitor shows: every department, and the centre as a whole.</summary>
/// <param name="At">When the figures were taken.</param>
/// <param name="TargetSeconds">The answer target (<c>ContactCentre:AnswerTarget</c>).</param>
/// <param name="OperatorsOnCalls">Operators holding a call now.</param>
public sealed record MonitorFigures(DateTimeOffset At, int TargetSeconds, int OperatorsOnCalls, IReadOnlyList<DepartmentFigures> Departments, DepartmentFigures Total);

/// <summary>Computes <see cref="MonitorFigures"/> from the live board and the open follow-ups. Counts only: no caller, no number.</summary>
public sealed class MonitorService(LiveBoard board, ICallStore store, IOptions<ContactCentreOptions> options, TimeProvider time)
{
    public LiveBoard Board => board;

    public MonitorFigures Figures()
    {
        var now = time.GetUtcNow();
        var target = options.Value.AnswerTarget;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var overdue = store.OpenFollowUps().Where(f => f.DueDate < today).GroupBy(f => f.Department).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var rows = board.Snapshot(now - LiveBoard.Window).Select(d =>
        {
            var topic = Topics.All.First(t => t.Department == d.Department);
            var answered = d.Recent.Count(o => o.Answered);
            var within = d.Recent.Count(o => o.Answered && o.Wait <= target);
            return new DepartmentFigures(d.Department, topic.NameAz, topic.NameEn, d.Waiting, d.OldestQueuedAt is { } oldest ? Seconds(now - oldest) : null,
                answered, d.Recent.Count - answered, within, Percent(within, d.Recent.Count), overdue.GetValueOrDefault(d.Department));
        }).ToList();
        var total = new DepartmentFigures("all", "Bütün şöbələr", "All departments", rows.Sum(r => r.Waiting), rows.Max(r => r.LongestWaitSeconds),
            rows.Sum(r => r.AnsweredLastHour), rows.Sum(r => r.AbandonedLastHour), rows.Sum(r => r.AnsweredWithinTarget),
            Percent(rows.Sum(r => r.AnsweredWithinTarget), rows.Sum(r => r.AnsweredLastHour + r.AbandonedLastHour)), rows.Sum(r => r.FollowUpsOverdue));
        return new MonitorFigures(now, (int)target.TotalSeconds, board.OperatorsOnCalls, rows, total);
    }

    private static long Seconds(TimeSpan span) => (long)Math.Max(0, Math.Floor(span.TotalSeconds));

    private static decimal? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);
}
