using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Hub.Audit;

/// <summary>Settings of the audit log (section <c>Audit</c>; the directory is <c>Storage:DataDirectory</c>).</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>How long records are kept; older ones are purged daily (the chain keeps an anchor).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "36500.00:00:00", ErrorMessage = "Audit:Retention must be between 1 day and 100 years.")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(5 * 365 + 1);

    /// <summary>
    /// This hub instance's segment name when several instances run: each writes its own file
    /// <c>audit-{name}.db</c>. Empty for the single-instance file <c>audit.db</c>.
    /// </summary>
    [RegularExpression("^[a-z0-9-]{0,32}$", ErrorMessage = "Audit:Segment must be at most 32 lower-case letters, digits or hyphens.")]
    public string Segment { get; set; } = "";

    /// <summary>Filled from <c>Storage:DataDirectory</c> (default <c>./data</c>).</summary>
    public string DataDirectory { get; set; } = "./data";

    public string FilePath => Path.Combine(DataDirectory, Segment.Length == 0 ? "audit.db" : $"audit-{Segment}.db");
}
