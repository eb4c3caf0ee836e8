namespace IntegrationHub.ContactCentre.Statistics;

/// <summary>One topic in one month.</summary>
/// <param name="Calls">Calls registered with this topic (the caller's menu choice) that month.</param>
/// <param name="Answered">Of those, answered by an operator (at least once).</param>
/// <param name="AnsweredWithinTarget">Answered with a first wait within <c>ContactCentre:AnswerTarget</c>.</param>
/// <param name="Abandoned">The caller hung up while waiting.</param>
/// <param name="VoiceMenu">Answered by the voice menu alone (the last disability exam).</param>
/// <param name="FollowUpsOpened">Follow-ups opened that month on calls of this topic.</param>
/// <param name="FollowUpsDone">Of those, done by now.</param>
/// <param name="FollowUpsOverdue">Of those, still open after their due date.</param>
public sealed record TopicMonth(
    string Month, string Topic, int Calls, int Answered, int AnsweredWithinTarget, int Abandoned, int VoiceMenu,
    int FollowUpsOpened, int FollowUpsDone, int FollowUpsOverdue);

/// <summary>Calls per topic and month, answered within target, follow-ups: read from the stored calls, so exact and durable.</summary>
public sealed class CallStatistics(ICallStore store, IOptions<ContactCentreOptions> options, TimeProvider time)
{
    /// <summary>Every topic of every month from <paramref name="first"/> to <paramref name="last"/> (1st days), zeros included.</summary>
    public IReadOnlyList<TopicMonth> Months(DateOnly first, DateOnly last)
    {
        var target = (long)options.Value.AnswerTarget.TotalMilliseconds;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var calls = store.ArrivedIn(Month(first), Month(last)).ToLookup(c => (c.Month, c.Topic));
        var followUps = store.FollowUpsOpenedIn(Month(first), Month(last)).ToLookup(f => (f.Month, f.Topic));
        var rows = new List<TopicMonth>();
        for (var m = first; m <= last; m = m.AddMonths(1))
        {
            var month = Month(m);
            foreach (var topic in Topics.All)
            {
                var these = calls[(month, topic.Key)].ToList();
                var opened = followUps[(month, topic.Key)].ToList();
                rows.Add(new TopicMonth(month, topic.Key, these.Count,
                    these.Count(c => c.FirstWaitMilliseconds is not null),
                    these.Count(c => c.FirstWaitMilliseconds <= target),
                    these.Count(c => c.Status == CallStatus.Abandoned),
                    these.Count(c => c.Status == CallStatus.SelfService),
                    opened.Count,
                    opened.Count(f => f.Status == FollowUpStatus.Done),
                    opened.Count(f => f.Status == FollowUpStatus.Open && f.DueDate < today)));
            }
        }
        return rows;
    }

    private static string Month(DateOnly m) => m.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
