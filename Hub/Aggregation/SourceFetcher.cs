using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Hub.Caching;
using IntegrationHub.Hub.Caching.Internal;
using IntegrationHub.Hub.Operations;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hub.Aggregation;

/// <summary>One agency's answer about one person, ready to be put into a member.</summary>
public sealed record SourceResult(IAgencyAdapter Adapter, Fin Fin, SourceStatus Status, object? Data, Provenance? Provenance, string? Detail)
{
    public T? DataAs<T>() where T : class => Status == SourceStatus.Ok ? Data as T : null;

    public MemberProfile ApplyTo(MemberProfile member) => Adapter.Apply(member, Status, Data, Provenance, Detail);
}

/// <summary>
/// The one place an agency is called during assembly: turns every outcome (data, not found, failure,
/// deadline) into a <see cref="SourceResult"/> and never throws, so one agency cannot fail a profile.
/// </summary>
/// <remarks>
/// In order: a fresh cached answer (the agency's <see cref="AgencyOptions.CacheLifetime"/>) is served
/// without a call; otherwise the call is made, joined by every concurrent request for the same person,
/// agency and window (single-flight); when it fails and an answer younger than the agency's
/// <see cref="AgencyOptions.StaleLifetime"/> is cached, that answer stands in, marked stale.
/// </remarks>
public sealed class SourceFetcher(
    AgencyCache cache,
    SingleFlight flights,
    AgencyStats stats,
    IOptionsMonitor<AgencyOptions> agencies,
    IOptions<CacheOptions> cacheOptions,
    TimeProvider time)
{
    public async Task<SourceResult> FetchAsync(IAgencyAdapter adapter, Fin fin, AgencyQuery query, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        var agency = adapter.Agency.Key;
        var policy = agencies.Get(agency);
        var key = AgencyCache.Key(agency, fin, query);
        var cached = cache.Get(key, adapter.DataType);
        if (cached is not null && cached.AgeAt(time.GetUtcNow()) < FreshFor(cached, policy))
        {
            stats.RecordLookup(agency, CacheLookup.Hit);
            return FromCache(adapter, fin, cached, stale: false, detail: null);
        }
        if (cache.Enabled) stats.RecordLookup(agency, CacheLookup.Miss);

        try
        {
            // WaitAsync (inside the flight): the deadline holds even if an adapter ignored its token.
            var answer = await flights.RunAsync(key, token => CallAsync(adapter, fin, query, key, token), deadline);
            var provenance = new Provenance(agency, answer.FetchedAt, FromCache: false, time.GetUtcNow() - answer.FetchedAt);
            return answer.NotFound
                ? new SourceResult(adapter, fin, SourceStatus.NotFound, null, provenance, NoRecord)
                : new SourceResult(adapter, fin, SourceStatus.Ok, answer.Data, provenance, null);
        }
        catch (Exception e)
        {
            var (status, detail) = AgencyFailure.Classify(e, deadline.IsCancellationRequested);
            if (status is SourceStatus.Failed or SourceStatus.TimedOut or SourceStatus.CircuitOpen
                && cached is not null && cached.AgeAt(time.GetUtcNow()) < policy.StaleLifetime)
            {
                stats.RecordLookup(agency, CacheLookup.StaleServed);
                return FromCache(adapter, fin, cached, stale: true, detail: $"{detail}; an earlier answer from the cache stands in");
            }
            return new SourceResult(adapter, fin, status, null, null, detail);
        }
    }

    private const string NoRecord = "the agency holds no record of this person";

    /// <summary>The real call, made once per flight: measured, and cached when it answers.</summary>
    private async Task<CachedAnswer> CallAsync(IAgencyAdapter adapter, Fin fin, AgencyQuery query, string key, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            var data = await adapter.FetchAsync(fin, query, cancellationToken).WaitAsync(cancellationToken);
            stats.RecordCall(adapter.Agency.Key, success: true, time.GetElapsedTime(started));
            var answer = new CachedAnswer(time.GetUtcNow(), data);
            cache.Put(key, answer, adapter.DataType);
            return answer;
        }
        catch
        {
            stats.RecordCall(adapter.Agency.Key, success: false, time.GetElapsedTime(started));
            throw;
        }
    }

    private TimeSpan FreshFor(CachedAnswer answer, AgencyOptions policy) =>
        answer.NotFound && cacheOptions.Value.NotFoundLifetime < policy.CacheLifetime ? cacheOptions.Value.NotFoundLifetime : policy.CacheLifetime;

    private SourceResult FromCache(IAgencyAdapter adapter, Fin fin, CachedAnswer answer, bool stale, string? detail)
    {
        var provenance = new Provenance(adapter.Agency.Key, answer.FetchedAt, FromCache: true, answer.AgeAt(time.GetUtcNow()), stale);
        return answer.NotFound
            ? new SourceResult(adapter, fin, SourceStatus.NotFound, null, provenance, detail ?? NoRecord)
            : new SourceResult(adapter, fin, SourceStatus.Ok, answer.Data, provenance, detail);
    }
}
