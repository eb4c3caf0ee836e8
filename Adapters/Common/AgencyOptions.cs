namespace IntegrationHub.Adapters.Common;

/// <summary>
/// Per-agency settings, bound from <c>Agencies:Defaults</c> and then <c>Agencies:{key}</c> (the agency's own
/// section wins). Validated at start-up by <see cref="AgencyOptionsValidator"/>.
/// </summary>
public sealed class AgencyOptions
{
    public const string SectionName = "Agencies";
    public const string DefaultsKey = "Defaults";

    /// <summary>The registry's base URL.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>How the hub authenticates to the registry: none, an API key, a bearer token or a client certificate.</summary>
    public AgencyAuthenticationOptions Authentication { get; set; } = new();

    /// <summary>
    /// A PEM file of the certificate authorities the registry's server certificate must chain to, in place of the
    /// machine's trust store (a registry on a government or private PKI). Empty: the machine's trust store.
    /// </summary>
    public string? TrustedCaFile { get; set; }

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Budget for one call including retries; the profile deadline may cut it shorter.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries after the first attempt, for transient faults only (5xx, 408, 429, connection errors, attempt timeouts).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First retry delay; later ones back off exponentially with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait the hub accepts from a Retry-After header; a longer one is not waited for.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of failed calls within <see cref="BreakerSamplingDuration"/> that opens the breaker.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed within the sampling window before the breaker may open: set it to the registry's real volume.</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the breaker stays open before it lets a trial call through.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The registry's quota: calls in flight at once from this hub instance.</summary>
    public int MaxConcurrentCalls { get; set; } = 64;

    /// <summary>Calls allowed to wait for a free slot; beyond it a call is rejected at once.</summary>
    public int MaxQueuedCalls { get; set; } = 1024;

    /// <summary>
    /// Most pages read of one paged answer (labour contracts, education, property, utilities): more means the
    /// registry's paging is broken, not that the person has thousands of records, and the call fails.
    /// </summary>
    public int MaxPages { get; set; } = 100;

    /// <summary>How long an answer is served from cache without asking the agency again.</summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How old a cached answer may be and still stand in when the agency fails (stale-if-error).</summary>
    public TimeSpan StaleLifetime { get; set; } = TimeSpan.FromHours(24);
}
