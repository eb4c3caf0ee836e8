using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Hub.Engine.Caching;

/// <summary>
/// Settings of the agency cache (section <c>Cache</c>). Lifetimes are per agency
/// (<c>Agencies:{key}:CacheLifetime</c> and <c>StaleLifetime</c>); these are the cache's own.
/// </summary>
public sealed class CacheOptions
{
    public const string SectionName = "Cache";

    /// <summary>Off: every request asks the agencies (single-flight still joins concurrent identical calls).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a "no record of this person" answer is served without asking again (capped by the agency's CacheLifetime): people get registered.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Cache:NotFoundLifetime must be between 0 and 1 day.")]
    public TimeSpan NotFoundLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Answers held in memory in front of the file; the least used are dropped beyond it.</summary>
    [Range(100, 10_000_000, ErrorMessage = "Cache:MemoryEntries must be between 100 and 10,000,000.")]
    public int MemoryEntries { get; set; } = 100_000;

    /// <summary>Answers older than this are deleted from the file at start-up.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00", ErrorMessage = "Cache:PurgeAfter must be between 1 minute and 365 days.")]
    public TimeSpan PurgeAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The cache file's name inside <c>Storage:DataDirectory</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Cache:FileName must not be empty.")]
    public string FileName { get; set; } = "cache.db";

    /// <summary>Bound from <c>Storage:DataDirectory</c> (default <c>./data</c>), the directory every LiteDB file of the hub lives in.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Storage:DataDirectory must not be empty.")]
    public string DataDirectory { get; set; } = "./data";
}
