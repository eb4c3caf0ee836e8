using System.ComponentModel.DataAnnotations;
using IntegrationHub.Extracts;

namespace IntegrationHub.Employment;

/// <summary>The employment module's settings (section <c>Employment</c>), validated at start-up.</summary>
public sealed class EmploymentOptions
{
    public const string SectionName = "Employment";

    /// <summary>The public address the certificate's QR code and printed verification link point to.</summary>
    [Required]
    [Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>How far ahead of today a notified date (start, change, suspension, termination) may lie.</summary>
    [Range(0, 366)]
    public int MaxDaysAhead { get; set; } = 60;

    /// <summary>The minimum monthly wage by the date it applies from (docs/domain.md); a wage for fewer hours than <see cref="NormalWeeklyHours"/> is compared with its share.</summary>
    public List<MinimumWage> MinimumWages { get; set; } = [];

    /// <summary>The normal working week (Labour Code art. 89: at most 40 hours) the minimum wage is for.</summary>
    [Range(1, 60)]
    public decimal NormalWeeklyHours { get; set; } = 40;

    /// <summary>
    /// The employers known to the registry, by VÖEN, with the name the registry prints and serves. An employer's system
    /// (<c>Trust:Callers:{name}:Voen</c>) or officer (token claim <c>voen</c>) of a VÖEN not listed is refused
    /// (<c>unknown-employer</c>).
    /// </summary>
    public Dictionary<string, EmployerOptions> Employers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long the answer about an employee from the population register (known, birth date, name) is reused.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan PersonCacheLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Most people remembered at once from the population register.</summary>
    [Range(100, 10_000_000)]
    public int PersonCacheEntries { get; set; } = 200_000;

    [Required]
    public BulkOptions Bulk { get; set; } = new();

    /// <summary>How often events not yet published (contract started or ended) are looked for, besides right after each write.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan EventDispatchInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The verification address of one certificate code, as printed and put in the QR code.</summary>
    public string VerificationUrl(string code) => ExtractLog.VerificationUrl(PublicBaseUrl, "api/v1/employment/verify", code);
}

/// <summary>One figure of the minimum monthly wage (AZN, for a normal working week) and the day it applies from.</summary>
public sealed class MinimumWage
{
    public DateOnly From { get; set; }

    public decimal Amount { get; set; }
}

public sealed class EmployerOptions
{
    /// <summary>The employer's name as the registry prints it on certificates and serves it to the hub.</summary>
    [Required]
    public string Name { get; set; } = "";
}

/// <summary>Limits of bulk notification files (section <c>Employment:Bulk</c>).</summary>
public sealed class BulkOptions
{
    /// <summary>Most lines in one file (the header not counted).</summary>
    [Range(1, 1_000_000)]
    public int MaxLines { get; set; } = 50_000;

    /// <summary>Most bytes in one file.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Lines committed together (one durable write, one group commit).</summary>
    [Range(1, 10_000)]
    public int LinesPerCommit { get; set; } = 500;

    /// <summary>Employees asked about at once from the population register (through the hub) while a file is worked.</summary>
    [Range(1, 1024)]
    public int LookupConcurrency { get; set; } = 32;

    /// <summary>How long a file's work waits when the hub does not answer about its employees, before trying again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(10);
}
