using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Hub.Engine.Caching;
using IntegrationHub.Hub.Engine.Caching.Internal;
using IntegrationHub.Hub.Engine.Telemetry;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hub.Engine.Aggregation;

/// <summary>One agency's answer about one person, ready to be put into a member.</summary>
public sealed record SourceResult(IAgencyAdapter Adapter, Fin Fin, SourceStatus Status, object? Data, Provenance? Provenance, string? Detail)
{
    public T? DataAs<T>() where T : class => Status == SourceStatus.Ok ? Data as T : null;

    public MemberProfile ApplyTo(MemberProfile member) => Adapter.Apply(member, Status, Data, Provenance, Detail);
}

/// <summary>One agency's answer about the applicant's registered address, ready to be put into the profile.</summary>
public sealed record AddressResult(IAddressAgencyAdapter Adapter, SourceStatus Status, object? Data, Provenance? Provenance, string? Detail)
{
    public AddressProfile ApplyTo(AddressProfile address) => Adapter.Apply(address, Status, Data, Provenance, Detail);
}

/// <summary>
/// The one place an agency is called during assembly: turns every outcome (data, not found, failure,
/// deadline) into a <see cref="SourceResult"/> and never throws, so one agency cannot fail a profile.
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
    public async Task<SourceResult> FetchAsync(IAgencyAdapter adapter, Fin fin, AgencyQuery query, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(fin);
        var agency = adapter.Agency.Key;
        var fetched = await FetchCoreAsync(agency, agency, fin.Value, query, adapter.DataType,
            token => adapter.FetchAsync(fin, query, token), deadline);
        return new SourceResult(adapter, fin, fetched.Status, fetched.Data, fetched.Provenance, fetched.Detail);
    }

    /// <summary>What an agency holds at a registered address, on the same terms as a person's data set (cache, single-flight, stale stand-in); never throws.</summary>
    public async Task<AddressResult> FetchAtAddressAsync(IAddressAgencyAdapter adapter, string addressId, AgencyQuery query, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        var agency = adapter.Agency.Key;
        var fetched = await FetchCoreAsync(agency, agency + ":address", "address:" + addressId, query, adapter.DataType,
            token => adapter.FetchAtAddressAsync(addressId, query, token), deadline);
        var detail = fetched.Detail == NoRecord ? "the agency holds no record at this address" : fetched.Detail;
        return new AddressResult(adapter, fetched.Status, fetched.Data, fetched.Provenance, detail);
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
        var fetched = await FetchCoreAsync(agency, agency + ":" + lookup, fin.Value, query, typeof(T),
            async token => await call(token), deadline);
        return fetched.Data as T;
    }

    private readonly record struct Fetched(SourceStatus Status, object? Data, Provenance? Provenance, string? Detail);

    /// <param name="name">What is cached: the agency's data set, or the agency and a look-up of its own.</param>
    /// <param name="subject">Whom or what it is about: a FIN, or <c>address:</c> and an address code.</param>
    private async Task<Fetched> FetchCoreAsync(string agency, string name, string subject, AgencyQuery query, Type dataType, Func<CancellationToken, Task<object?>> call, CancellationToken deadline)
    {
        var policy = agencies.Get(agency);
        var key = AgencyCache.Key(name, subject, query);
        var cached = cache.Get(key, dataType);
        // Not fresh when the request asks every agency anew, or a life event about the person came after the answer.
        if (cached is not null && !query.Fresh && cached.AgeAt(time.GetUtcNow()) < FreshFor(cached, policy) && !changes.ChangedSince(subject, cached.FetchedAt))
        {
            stats.RecordLookup(agency, CacheLookup.Hit);
            return FromCache(agency, cached, stale: false, detail: null);
        }
        if (cache.Enabled) stats.RecordLookup(agency, CacheLookup.Miss);

        try
        {
            // WaitAsync (inside the flight): the deadline holds even if an adapter ignored its token.
            var answer = await flights.RunAsync(key, token => CallAsync(agency, key, dataType, call, token), deadline);
            var provenance = new Provenance(agency, answer.FetchedAt, FromCache: false, time.GetUtcNow() - answer.FetchedAt);
            return answer.NotFound
                ? new Fetched(SourceStatus.NotFound, null, provenance, NoRecord)
                : new Fetched(SourceStatus.Ok, answer.Data, provenance, null);
        }
        catch (Exception e)
        {
            var (status, detail) = AgencyFailure.Classify(e, deadline.IsCancellationRequested);
            // The day is part of the question (and of the key): just after midnight, yesterday's answer is the earlier one.
            cached ??= cache.Get(AgencyCache.Key(name, subject, AgencyQuery.For(query.Today.AddDays(-1))), dataType);
            if (status is SourceStatus.Failed or SourceStatus.TimedOut or SourceStatus.CircuitOpen
                && cached is not null && cached.AgeAt(time.GetUtcNow()) < policy.StaleLifetime)
            {
                stats.RecordLookup(agency, CacheLookup.StaleServed);
                return FromCache(agency, cached, stale: true, detail: $"{detail}; an earlier answer from the cache stands in");
            }
            return new Fetched(status, null, null, detail);
        }
    }

    private const string NoRecord = "the agency holds no record of this person";

    /// <summary>The real call, made once per flight: measured, and cached when it answers.</summary>
    private async Task<CachedAnswer> CallAsync(string agency, string key, Type dataType, Func<CancellationToken, Task<object?>> call, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            var data = await call(cancellationToken).WaitAsync(cancellationToken);
            stats.RecordCall(agency, success: true, time.GetElapsedTime(started));
            var answer = new CachedAnswer(time.GetUtcNow(), data);
            cache.Put(key, answer, dataType);
            return answer;
        }
        catch
        {
            stats.RecordCall(agency, success: false, time.GetElapsedTime(started));
            throw;
        }
    }

    private TimeSpan FreshFor(CachedAnswer answer, AgencyOptions policy) =>
        answer.NotFound && cacheOptions.Value.NotFoundLifetime < policy.CacheLifetime ? cacheOptions.Value.NotFoundLifetime : policy.CacheLifetime;

    private Fetched FromCache(string agency, CachedAnswer answer, bool stale, string? detail)
    {
        var provenance = new Provenance(agency, answer.FetchedAt, FromCache: true, answer.AgeAt(time.GetUtcNow()), stale);
        return answer.NotFound
            ? new Fetched(SourceStatus.NotFound, null, provenance, detail ?? NoRecord)
            : new Fetched(SourceStatus.Ok, answer.Data, provenance, detail);
    }
}
