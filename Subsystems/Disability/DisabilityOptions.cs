using System.ComponentModel.DataAnnotations;
using IntegrationHub.Extracts;
using IntegrationHub.Modules.Calendar;

namespace IntegrationHub.Disability;

/// <summary>The disability module's settings (section <c>Disability</c>), validated at start-up.</summary>
public sealed class DisabilityOptions
{
    public const string SectionName = "Disability";

    /// <summary>The public address the QR code and the printed verification link point to (scheme and host, optionally a path).</summary>
    [Required]
    [Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>How often referrals still waiting for the person's records are asked for again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RecordsRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    [Required]
    public ExamRules Rules { get; set; } = new();

    [Required]
    public LookupOptions Lookup { get; set; } = new();

    [Required]
    public AppealOptions Appeals { get; set; } = new();

    /// <summary>The verification address of one code, as printed and put in the QR code.</summary>
    public string VerificationUrl(string code) => ExtractLog.VerificationUrl(PublicBaseUrl, "api/v1/disability/verify", code);
}

/// <summary>Limits of the anonymous last-exam lookup (section <c>Disability:Lookup</c>).</summary>
public sealed class LookupOptions
{
    /// <summary>Lookups one client address (or one call-centre caller) may make per <see cref="PerClientWindow"/>.</summary>
    [Range(1, 100_000)]
    public int PerClientLimit { get; set; } = 10;

    public TimeSpan PerClientWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Lookups of one ID card number per <see cref="PerIdWindow"/>, from anywhere: a birth-date search on one card stops here.</summary>
    [Range(1, 100_000)]
    public int PerIdLimit { get; set; } = 5;

    public TimeSpan PerIdWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Every answer (match or not) takes at least this long, so timing does not tell "no such card" from "wrong birth date".</summary>
    public TimeSpan MinimumDuration { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>
    /// Most client addresses, and most ID cards, counted in memory at once. Beyond it the oldest addresses' windows
    /// are dropped (a flood of addresses can free one address's count); a card dropped from memory is read back
    /// from its durable lookup records, so no traffic resets a card's count.
    /// </summary>
    [Range(100, 10_000_000)]
    public int MaxTrackedKeys { get; set; } = 200_000;

    /// <summary>How long lookup records (and refusal counts) are kept; at least <see cref="PerIdWindow"/>, which counts from them.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often the refusals counted in memory are written (and old records purged).</summary>
    public TimeSpan RefusalFlushInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Appeals against exam results (section <c>Disability:Appeals</c>). The defaults are uncertain (our reading): keep
/// them to the rules in force.
/// </summary>
public sealed class AppealOptions
{
    /// <summary>How long after the result was decided the citizen may appeal it.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Working days the central commission has to decide, counted from the day after the appeal.</summary>
    public int DecisionWorkingDays { get; set; } = 10;

    /// <summary>A pending appeal with this many working days or fewer left is at risk.</summary>
    public int AtRiskWorkingDays { get; set; } = 3;

    /// <summary>Recurring holidays as <c>MM-dd</c>.</summary>
    public List<string> FixedHolidays { get; set; } = [.. WorkingDays.DefaultFixedHolidays];

    /// <summary>Further non-working days as <c>yyyy-MM-dd</c> (moveable holidays, days moved by decree).</summary>
    public List<string> Holidays { get; set; } = [];

    public IEnumerable<string> Problems()
    {
        if (Period <= TimeSpan.Zero) yield return "Disability:Appeals:Period must be positive.";
        if (DecisionWorkingDays is < 1 or > 100) yield return "Disability:Appeals:DecisionWorkingDays must be 1-100.";
        if (AtRiskWorkingDays < 0 || AtRiskWorkingDays >= DecisionWorkingDays) yield return "Disability:Appeals:AtRiskWorkingDays must be 0 or more and below DecisionWorkingDays.";
        foreach (var p in WorkingDays.Problems(FixedHolidays, Holidays, "Disability:Appeals")) yield return p;
    }
}
