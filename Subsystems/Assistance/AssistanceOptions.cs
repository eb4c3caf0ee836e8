namespace IntegrationHub.Assistance;

/// <summary>The module's settings (section <c>Assistance</c>; the data directory is the shared <c>Storage:DataDirectory</c>).</summary>
public sealed class AssistanceOptions
{
    public const string SectionName = "Assistance";

    /// <summary>Where <c>assistance.db</c> and the readable outbox files live; set from <c>Storage:DataDirectory</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    public RuleSet Rules { get; set; } = new();

    public CalendarOptions Calendar { get; set; } = new();

    /// <summary>The same content submitted again within this window is the same application.</summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the worker looks for cases that are due, when nothing wakes it earlier.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait before asking the hub again after no answer or a partial profile; doubles up to <see cref="MaxRetryInterval"/>.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan MaxRetryInterval { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The wait after the <paramref name="attempts"/>-th attempt on a case or a re-evaluation: <see cref="RetryInterval"/>, doubled per attempt, at most <see cref="MaxRetryInterval"/>.</summary>
    public TimeSpan RetryAfter(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryInterval.Ticks, RetryInterval.Ticks * (1L << Math.Min(attempts - 1, 20))));

    /// <summary>Cases asked about at once.</summary>
    public int ConcurrentCases { get; set; } = 8;

    /// <summary>
    /// On the shared database (<c>Storage:Provider=Postgres</c>): how long a due case, re-evaluation, correction request
    /// or notice an instance took stays its own when it writes nothing meanwhile: longer than a case's work (the wait for
    /// the hub, <c>Messaging:RequestTimeout</c> + 5 s, or a notice's send), or another instance may take it too (still
    /// decided once; a notice may go twice); as short as a killed instance may hold its cases. 10 s to 1 h.
    /// </summary>
    public TimeSpan TakeFor { get; set; } = DefaultTakeFor;

    /// <summary>The default of <see cref="TakeFor"/>: two minutes.</summary>
    public static readonly TimeSpan DefaultTakeFor = TimeSpan.FromMinutes(2);

    /// <summary>The shortest and longest <see cref="TakeFor"/> accepted.</summary>
    public static readonly TimeSpan MinTakeFor = TimeSpan.FromSeconds(10), MaxTakeFor = TimeSpan.FromHours(1);

    public NotificationOptions Notifications { get; set; } = new();

    /// <summary>How often every award in force is re-evaluated against a fresh profile, events or not (nothing missed).</summary>
    public TimeSpan ReconciliationInterval { get; set; } = TimeSpan.FromDays(30);

    /// <summary>People in the loop: claims, contests, appeals (section <c>Assistance:Caseworkers</c>).</summary>
    public CaseworkerOptions Caseworkers { get; set; } = new();

    public IEnumerable<string> Problems()
    {
        foreach (var p in Rules.Problems()) yield return p;
        foreach (var p in WorkingCalendar.Problems(Calendar)) yield return p;
        if (PollInterval <= TimeSpan.Zero || RetryInterval <= TimeSpan.Zero) yield return "Assistance:PollInterval and RetryInterval must be positive.";
        if (MaxRetryInterval < RetryInterval) yield return "Assistance:MaxRetryInterval must be at least RetryInterval.";
        if (ConcurrentCases < 1) yield return "Assistance:ConcurrentCases must be at least 1.";
        if (TakeFor < MinTakeFor || TakeFor > MaxTakeFor) yield return $"Assistance:TakeFor must be between {MinTakeFor} and {MaxTakeFor}.";
        if (ReconciliationInterval < TimeSpan.FromMinutes(1) || ReconciliationInterval > TimeSpan.FromDays(45)) yield return "Assistance:ReconciliationInterval must be between 1 minute and 45 days.";
        foreach (var p in Notifications.Problems()) yield return p;
        foreach (var p in Caseworkers.Problems()) yield return p;
    }
}

/// <summary>Caseworkers' decisions, citizens' contests and appeals (section <c>Assistance:Caseworkers</c>).</summary>
public sealed class CaseworkerOptions
{
    /// <summary>How long a claim holds a case for the caseworker who took it; then anyone may take it.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The appeal period after a refusal, in calendar months from the day of the decision (the day itself counts: a decision of 10 March is appealable through 10 April).</summary>
    public int AppealPeriodMonths { get; set; } = 1;

    /// <summary>The working days a caseworker has to review an appeal, from the day it came.</summary>
    public int AppealReviewWorkingDays { get; set; } = 15;

    /// <summary>The largest document a citizen may attach to a contest.</summary>
    public int MaxDocumentBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Wait before sending a correction request again (the agency away) or asking the agency where it stands; doubles up to 16 times this.</summary>
    public TimeSpan CorrectionRetryInterval { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<string> Problems()
    {
        if (ClaimDuration < TimeSpan.FromMinutes(1) || ClaimDuration > TimeSpan.FromDays(7)) yield return "Assistance:Caseworkers:ClaimDuration must be between 1 minute and 7 days.";
        if (AppealPeriodMonths is < 1 or > 24) yield return "Assistance:Caseworkers:AppealPeriodMonths must be 1-24.";
        if (AppealReviewWorkingDays is < 1 or > 120) yield return "Assistance:Caseworkers:AppealReviewWorkingDays must be 1-120.";
        if (MaxDocumentBytes is < 1024 or > 10 * 1024 * 1024) yield return "Assistance:Caseworkers:MaxDocumentBytes must be between 1 KiB and 10 MiB.";
        if (CorrectionRetryInterval <= TimeSpan.Zero) yield return "Assistance:Caseworkers:CorrectionRetryInterval must be positive.";
    }
}

/// <summary>How notices leave (section <c>Assistance:Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>File the default SMS sender appends to (relative paths are under the data directory).</summary>
    public string SmsFile { get; set; } = "outbox-sms.log";

    /// <summary>File the default e-cabinet sender appends to (relative paths are under the data directory).</summary>
    public string ECabinetFile { get; set; } = "outbox-ecabinet.log";

    /// <summary>Wait before sending a failed notice again; doubles up to 16 times this.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Smtp.Host)) yield return "Assistance:Notifications:Smtp:Host is required.";
        if (Smtp.Port is < 1 or > 65535) yield return "Assistance:Notifications:Smtp:Port must be 1-65535.";
        if (string.IsNullOrWhiteSpace(Smtp.From) || !Smtp.From.Contains('@', StringComparison.Ordinal)) yield return "Assistance:Notifications:Smtp:From must be an e-mail address.";
        if (RetryInterval <= TimeSpan.Zero) yield return "Assistance:Notifications:RetryInterval must be positive.";
    }
}

/// <summary>The SMTP server e-mail notices go through.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    /// <summary><c>None</c>, <c>Auto</c>, <c>StartTls</c>, <c>StartTlsWhenAvailable</c> or <c>SslOnConnect</c> (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";

    public string From { get; set; } = "vemtas@sosial.gov.az";

    public string? Username { get; set; }

    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
