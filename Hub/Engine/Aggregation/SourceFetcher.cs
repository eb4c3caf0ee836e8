using IntegrationHub.Adapters.Common;
using IntegrationHub.Hub.Engine.Caching;
using IntegrationHub.Hub.Engine.Caching.Internal;
using IntegrationHub.Hub.Engine.Telemetry;

namespace IntegrationHub.Hub.Engine.Aggregation;

/// <summary>
/// The one place an agency is called during assembly: turns every outcome (data, not found, failure,
/// deadline) into a data set with its status and never throws, so one agency cannot fail a profile.
/// </summary>
/// <remarks>
/// In order: a fresh cached answer (the agency's <see cref="AgencyOptions.CacheLifetime"/>) is served
/// without a call; otherwise the call is made, joined by every concurrent request for the same person,
/// agency and window (single-flight); when it fails and an answer younger than the agency's
/// <see cref="AgencyOptions.StaleLifetime"/> is cached, that answer stands in, marked stale (just after
/// midnight that is yesterday's answer: the query's day is part of the key). A cached answer is not fresh for a
/// request that asks every agency anew (<see cref="AgencyQuery.Fresh"/>), nor once a life event about its person
/// came after it (<see cref="PersonChangeMarks"/>).
/// </remarks>
public sealed class SourceFetcher(
    AgencyCache cache,
    SingleFlight flights,
    PersonChangeMarks changes,
    AgencyStats stats,
    IOptionsMonitor<AgencyOptions> agencies,
    IOptions<CacheOptions> cacheOptions,
    TimeProvider time)
{
    /// <summary>
    /// Any agency's data set about the person (the aggregator's view of every agency alike): a visitor each agency
    /// accepts (<see cref="IAgencyAdapter.Accept{TResult}"/>); one serves every agency asked about the person. A fresh
    /// cached answer comes back completed, without a task of its own; never throws.
    /// </summary>
    public IAgencyVisitor<ValueTask<SourceResult>> For(Fin fin, AgencyQuery query, CancellationToken deadline) => new Fetch(this, fin, query, deadline);

    /// <summary>The agency's data set about the person; never throws.</summary>
    public Task<SourceResult<T>> FetchAsync<T>(IAgencyAdapter<T> adapter, Fin fin, AgencyQuery query, CancellationToken deadline)
        where T : class =>
        FromCache(adapter, fin, query, out var lookup) is { } cached ? Task.FromResult(cached) : CallAsync(adapter, fin, query, lookup, deadline);

    /// <summary>What an agency holds at a registered address, on the same terms as a person's data set (cache, single-flight, stale stand-in); never throws.</summary>
    public async Task<AddressResult<T>> FetchAtAddressAsync<T>(IAddressAgencyAdapter<T> adapter, string addressId, AgencyQuery query, CancellationToken deadline)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(adapter);
        var agency = adapter.Agency.Key;
        var subject = "address:" + addressId;
        var lookup = Look<T>(agency, agency + ":address", subject, query);
        var set = Fresh(lookup, "the agency holds no record at this address")
            ?? await CallAsync(lookup, token => adapter.FetchAtAddressAsync(addressId, query, token), "the agency holds no record at this address", deadline);
        return new AddressResult<T>(adapter, set);
    }

    /// <summary>
    /// A look-up that is not a data set of its own (the population register's co-residents), on the same
    /// terms as a data set: cached under the agency's lifetimes, single-flight, an earlier answer standing in
    /// when the agency fails. Null when the agency has no record or could not answer; never throws.
    /// </summary>
    public async Task<T?> LookUpAsync<T>(string agency, string lookup, Fin fin, AgencyQuery query, Func<CancellationToken, Task<T?>> call, CancellationToken deadline)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(fin);
        var looked = Look<T>(agency, agency + ":" + lookup, fin.Value, query);
        var set = Fresh(looked, NoRecord) ?? await CallAsync(looked, call, NoRecord, deadline);
        return set.Data;
    }

    /// <summary>The fetch of one agency's data set, with the agency's data type known.</summary>
    private sealed class Fetch(SourceFetcher fetcher, Fin fin, AgencyQuery query, CancellationToken deadline) : IAgencyVisitor<ValueTask<SourceResult>>
    {
        public ValueTask<SourceResult> Visit<T>(IAgencyAdapter<T> adapter) where T : class =>
            fetcher.FromCache(adapter, fin, query, out var lookup) is { } cached
                ? new ValueTask<SourceResult>(cached)
                : new ValueTask<SourceResult>(AsResultAsync(fetcher.CallAsync(adapter, fin, query, lookup, deadline)));

        private static async Task<SourceResult> AsResultAsync<T>(Task<SourceResult<T>> fetching) where T : class => await fetching;
    }

    /// <summary>The person's data set when a fresh cached answer serves (no task, closure or call made for it); else null, with what was looked up.</summary>
    private SourceResult<T>? FromCache<T>(IAgencyAdapter<T> adapter, Fin fin, AgencyQuery query, out Lookup<T> lookup)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(fin);
        var agency = adapter.Agency.Key;
        lookup = Look<T>(agency, agency, fin.Value, query);
        return Fresh(lookup, NoRecord) is { } set ? new SourceResult<T>(adapter, fin, set) : null;
    }

    private async Task<SourceResult<T>> CallAsync<T>(IAgencyAdapter<T> adapter, Fin fin, AgencyQuery query, Lookup<T> lookup, CancellationToken deadline)
        where T : class =>
        new(adapter, fin, await CallAsync(lookup, token => adapter.FetchAsync(fin, query, token), NoRecord, deadline));

    /// <summary>One cache look-up: what is cached under the key (whatever its age), and whether it is fresh for this query.</summary>
    /// <param name="Name">What is cached: the agency's data set, or the agency and a look-up of its own.</param>
    /// <param name="Subject">Whom or what it is about: a FIN, or <c>address:</c> and an address code.</param>
    /// <param name="Now">The one clock read of a hit, reused for the provenance's age; null when nothing fresh was cached.</param>
    private readonly record struct Lookup<T>(string Agency, string Name, string Subject, AgencyQuery Query, string Key, AgencyOptions Policy, CachedAnswer<T>? Cached, DateTimeOffset? Now)
        where T : class;

    /// <summary>The cached answer as this query's data set when it is fresh (counted as a hit); null otherwise.</summary>
    private DataSet<T>? Fresh<T>(in Lookup<T> lookup, string noRecord) where T : class
    {
        if (lookup.Now is not { } now) return null;
        stats.RecordLookup(lookup.Agency, CacheLookup.Hit);
        return Counted(lookup.Agency, FromCache(lookup.Agency, lookup.Cached!, stale: false, detail: null, noRecord, now));
    }

    private Lookup<T> Look<T>(string agency, string name, string subject, AgencyQuery query) where T : class
    {
        var policy = agencies.Get(agency);
        var key = AgencyCache.Key(name, subject, query);
        var cached = cache.Get<T>(key);
        // Not fresh when the request asks every agency anew, or a life event about the person came after the answer.
        // One clock read per hit (52 hits make a cached profile of four: each read is a system call on some machines).
        DateTimeOffset? fresh = cached is not null && !query.Fresh && time.GetUtcNow() is var now && cached.AgeAt(now) < FreshFor(cached, policy) && !changes.ChangedSince(subject, cached.FetchedAt)
            ? now : null;
        return new Lookup<T>(agency, name, subject, query, key, policy, cached, fresh);
    }

    /// <summary>The exported metric of every data set (Prometheus, OTLP); AgencyStats keeps the five-minute window the state endpoint shows.</summary>
    private static DataSet<T> Counted<T>(string agency, DataSet<T> set) where T : class
    {
        HubTelemetry.AgencyCalls.Add(1,
            new KeyValuePair<string, object?>("agency", agency),
            new KeyValuePair<string, object?>("status", (int)set.Status < StatusNames.Length ? StatusNames[(int)set.Status] : set.Status.ToString()),
            new KeyValuePair<string, object?>("source", set.Provenance?.FromCache == true ? "cache" : "network"));
        return set;
    }

    /// <summary>The statuses' names by value (they run from 0): the metric's tag without boxing the status for its name.</summary>
    private static readonly string[] StatusNames = Enum.GetNames<SourceStatus>();

    /// <summary>When no fresh answer is cached: the call (single-flight), or on its failure an earlier answer standing in.</summary>
    /// <param name="noRecord">What "not found" means here, for the data set's detail.</param>
    private async Task<DataSet<T>> CallAsync<T>(Lookup<T> lookup, Func<CancellationToken, Task<T?>> call, string noRecord, CancellationToken deadline)
        where T : class => Counted(lookup.Agency, await AnswerAsync(lookup, call, noRecord, deadline));

    private async Task<DataSet<T>> AnswerAsync<T>(Lookup<T> lookup, Func<CancellationToken, Task<T?>> call, string noRecord, CancellationToken deadline)
        where T : class
    {
        var (agency, name, subject, query, key, policy, cached, _) = lookup;
        if (cache.Enabled) stats.RecordLookup(agency, CacheLookup.Miss);

        try
        {
            // WaitAsync (inside the flight): the deadline holds even if an adapter ignored its token.
            var answer = await flights.RunAsync(key, token => CallAsync(agency, key, call, token), deadline);
            var provenance = new Provenance(agency, answer.FetchedAt, FromCache: false, time.GetUtcNow() - answer.FetchedAt);
            return answer.NotFound
                ? new DataSet<T>(SourceStatus.NotFound, null, provenance, noRecord)
                : new DataSet<T>(SourceStatus.Ok, answer.Data, provenance);
        }
        catch (Exception e)
        {
            var (status, detail) = AgencyFailure.Classify(e, deadline.IsCancellationRequested);
            // The day is part of the question (and of the key): just after midnight, yesterday's answer is the earlier one.
            cached ??= cache.Get<T>(AgencyCache.Key(name, subject, AgencyQuery.For(query.Today.AddDays(-1))));
            if (status is SourceStatus.Failed or SourceStatus.TimedOut or SourceStatus.CircuitOpen
                && cached is not null && cached.AgeAt(time.GetUtcNow()) < policy.StaleLifetime)
            {
                stats.RecordLookup(agency, CacheLookup.StaleServed);
                return FromCache(agency, cached, stale: true, detail: $"{detail}; an earlier answer from the cache stands in", noRecord, time.GetUtcNow());
            }
            return new DataSet<T>(status, null, null, detail);
        }
    }

    private const string NoRecord = "the agency holds no record of this person";

    /// <summary>The real call, made once per flight: measured, and cached when it answers.</summary>
    private async Task<CachedAnswer<T>> CallAsync<T>(string agency, string key, Func<CancellationToken, Task<T?>> call, CancellationToken cancellationToken)
        where T : class
    {
        var started = time.GetTimestamp();
        try
        {
            var data = await call(cancellationToken).WaitAsync(cancellationToken);
            var elapsed = time.GetElapsedTime(started);
            stats.RecordCall(agency, success: true, elapsed);
            HubTelemetry.AgencyCallDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("agency", agency));
            var answer = new CachedAnswer<T>(time.GetUtcNow(), data);
            cache.Put(key, answer);
            return answer;
        }
        catch
        {
            stats.RecordCall(agency, success: false, time.GetElapsedTime(started));
            throw;
        }
    }

    private TimeSpan FreshFor<T>(CachedAnswer<T> answer, AgencyOptions policy) where T : class =>
        answer.NotFound && cacheOptions.Value.NotFoundLifetime < policy.CacheLifetime ? cacheOptions.Value.NotFoundLifetime : policy.CacheLifetime;

    private static DataSet<T> FromCache<T>(string agency, CachedAnswer<T> answer, bool stale, string? detail, string noRecord, DateTimeOffset now) where T : class
    {
        var provenance = new Provenance(agency, answer.FetchedAt, FromCache: true, answer.AgeAt(now), stale);
        return answer.NotFound
            ? new DataSet<T>(SourceStatus.NotFound, null, provenance, detail ?? noRecord)
            : new DataSet<T>(SourceStatus.Ok, answer.Data, provenance, detail);
    }
}
