namespace IntegrationHub.ContactCentre;

/// <summary>The module's settings (section <c>ContactCentre</c>; the data directory is the shared <c>Storage:DataDirectory</c>).</summary>
public sealed class ContactCentreOptions
{
    public const string SectionName = "ContactCentre";

    /// <summary>
    /// The service level's target: a call answered within this wait counts as answered in time. 20 s is the usual
    /// contact-centre figure; the ministry's own target is not published (docs: the module's README).
    /// </summary>
    public TimeSpan AnswerTarget { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How far ahead a follow-up may be due.</summary>
    public int FollowUpHorizonDays { get; set; } = 90;

    public MonitorOptions Monitor { get; set; } = new();

    public IEnumerable<string> Problems()
    {
        if (AnswerTarget <= TimeSpan.Zero || AnswerTarget > TimeSpan.FromHours(1)) yield return "ContactCentre:AnswerTarget must be between 00:00:01 and 01:00:00.";
        if (FollowUpHorizonDays is < 1 or > 366) yield return "ContactCentre:FollowUpHorizonDays must be 1-366.";
        if (Monitor.MinimumInterval < TimeSpan.Zero || Monitor.MinimumInterval > TimeSpan.FromMinutes(1)) yield return "ContactCentre:Monitor:MinimumInterval must be between 00:00:00 and 00:01:00.";
        if (Monitor.RefreshInterval <= Monitor.MinimumInterval || Monitor.RefreshInterval > TimeSpan.FromMinutes(10)) yield return "ContactCentre:Monitor:RefreshInterval must be above MinimumInterval and at most 00:10:00.";
        if (Monitor.StreamLifetime < TimeSpan.FromSeconds(1) || Monitor.StreamLifetime > TimeSpan.FromHours(8)) yield return "ContactCentre:Monitor:StreamLifetime must be between 00:00:01 and 08:00:00.";
    }
}

/// <summary>How the supervisors' monitor is fed (section <c>ContactCentre:Monitor</c>).</summary>
public sealed class MonitorOptions
{
    /// <summary>At most one update per stream this often, however busy the centre (a burst of calls is one update).</summary>
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>At least one update this often, so the longest wait grows on the screen while nothing else moves.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A stream ends after this long and the page opens a new one: the supervisor's token is checked again (an
    /// expired token ends the watching) and no connection lives forever.
    /// </summary>
    public TimeSpan StreamLifetime { get; set; } = TimeSpan.FromMinutes(10);
}
