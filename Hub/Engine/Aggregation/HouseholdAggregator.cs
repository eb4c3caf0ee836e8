using System.Runtime.InteropServices;
using IntegrationHub.Adapters.Common;
using IntegrationHub.Hub.Engine.Access;

namespace IntegrationHub.Hub.Engine.Aggregation;

/// <summary>
/// Assembles a household profile: resolve the household (population and civil registries), then ask
/// every agency about every member in parallel, all under one deadline. An agency that fails or is late
/// leaves its data set with a status saying so; the profile is returned on time regardless.
/// </summary>
public sealed partial class HouseholdAggregator(
    IEnumerable<IAgencyAdapter> adapters,
    HouseholdResolver resolver,
    SourceFetcher fetcher,
    IOptions<AggregationOptions> options,
    TimeProvider time,
    ILogger<HouseholdAggregator> logger)
{
    private readonly IAgencyAdapter[] _adapters = adapters.ToArray();

    /// <param name="access">
    /// Whom the caller may see and which data sets (<see cref="AgencyDescriptor.DataSet"/>) about the applicant
    /// and about the other members. Only those agencies are asked, about those people, and only that appears in
    /// the profile. For a household, identity and family relations are still read to resolve it, but left out of
    /// the profile unless allowed; people a declaration leaves out are asked about with the members' data sets alone;
    /// what is held at the applicant's address is asked only when allowed about everyone. For the applicant alone
    /// nobody else is looked up at all: no excluded people, no address.
    /// </param>
    public async Task<Refusable<HouseholdProfile>> AssembleAsync(ProfileQuery query, PurposeAccess access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(access);
        bool Allowed(IAgencyAdapter adapter, Fin person) => access.For(person == query.Applicant).Contains(adapter.Agency.DataSet);
        // What is held at an address may be in anyone's name (a co-resident, a landlord, a deceased member): asked only
        // when the household is seen and the data set is allowed about the applicant and about the members alike.
        bool AllowedAtAddress(IAgencyAdapter adapter) =>
            access.HouseholdVisible && access.Applicant.Contains(adapter.Agency.DataSet) && access.Members.Contains(adapter.Agency.DataSet);
        var started = time.GetTimestamp();
        var settings = options.Value;
        using var deadlineSource = new CancellationTokenSource(settings.Deadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadlineSource.Token);
        var deadline = linked.Token;
        var agencyQuery = AgencyQuery.For(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)) with { Fresh = query.Fresh };

        var resolved = access.HouseholdVisible
            ? await resolver.ResolveAsync(query, agencyQuery, settings.MaxMembers, access.Members, deadline)
            : await resolver.ResolveApplicantAsync(query, agencyQuery, deadline);
        if (resolved.Refusal is { } refusal)
        {
            LogRefused(logger, query.CaseNumber, refusal.Code);
            return refusal;
        }
        var household = resolved.Value!;

        // Phase two: every agency for every member, in parallel; the per-agency quota lives in each
        // agency's own resilience pipeline (its concurrency limiter), not here.
        // A cached data set comes back completed, without a task of its own (ValueTask); only calls are awaited.
        var pending = new List<ValueTask<SourceResult>>(household.Members.Count * _adapters.Length);
        // Indexed loops over the household's lists: a foreach over an IReadOnlyList allocates its enumerator.
        for (var i = 0; i < household.Members.Count; i++)
        {
            var member = household.Members[i];
            var fetch = fetcher.For(member.Fin, agencyQuery, deadline);
            foreach (var adapter in _adapters)
            {
                if (!Allowed(adapter, member.Fin) || Fetched(member, adapter)) continue;
                pending.Add(adapter.Accept(fetch));
            }
        }
        var atAddress = _adapters.Where(AllowedAtAddress)
            .Select(a => a.Accept(new AtAddress(fetcher, household.AddressId, agencyQuery, deadline)))
            .OfType<Task<AddressResult>>()
            .ToList();
        var fetched = await AllAsync(pending);
        var address = atAddress.Count == 0 ? null
            : (await Task.WhenAll(atAddress)).Aggregate(new AddressProfile(household.AddressId, null), (a, result) => result.ApplyTo(a));

        // Plain loops from here on: a cached profile is assembled in well under a millisecond, and LINQ's lookups,
        // groupings and closures were a good part of what it allocated.
        var results = new List<SourceResult>(fetched.Length + household.Members.Count * 2);
        for (var i = 0; i < household.Members.Count; i++)
        {
            var member = household.Members[i];
            for (var j = 0; j < member.Fetched.Count; j++)
            {
                if (Allowed(member.Fetched[j].Adapter, member.Fetched[j].Fin)) results.Add(member.Fetched[j]);
            }
        }
        foreach (var result in fetched)
        {
            if (Allowed(result.Adapter, result.Fin)) results.Add(result);
        }
        var members = new List<MemberProfile>(household.Members.Count);
        for (var i = 0; i < household.Members.Count; i++)
        {
            var m = household.Members[i];
            var member = new MemberProfile(m.Fin, m.Relation, m.FoundBy, m.Findings);
            foreach (var result in results)
            {
                if (result.Fin == m.Fin) member = result.ApplyTo(member);
            }
            members.Add(member);
        }
        var sources = Outcomes(results);

        var elapsed = time.GetElapsedTime(started);
        var profile = new HouseholdProfile(
            Guid.CreateVersion7(time.GetUtcNow()),
            query.Applicant,
            query.Purpose,
            query.CaseNumber,
            time.GetUtcNow(),
            elapsed,
            household.Declared,
            members,
            household.Excluded,
            // A flag or total over the household only where every member's data for it may be seen: otherwise it would tell
            // something about the people whose data set is hidden, or pass a lower bound off as the whole.
            HouseholdSummarizer.Summarize(members, agencyQuery, household.Members.Count > 1 ? access.Applicant.Intersect(access.Members).ToHashSet(StringComparer.Ordinal) : access.Applicant, address),
            sources,
            address);
        LogAssembled(logger, profile.ProfileId, query.CaseNumber, members.Count, sources.Sum(s => s.Failed), elapsed.TotalMilliseconds);
        return profile;
    }

    /// <summary>The results in the order asked (two agencies of one data set write the same place: the later one stands).</summary>
    private static async Task<SourceResult[]> AllAsync(List<ValueTask<SourceResult>> pending)
    {
        var results = new SourceResult[pending.Count];
        Task<SourceResult>?[]? calls = null;
        for (var i = 0; i < pending.Count; i++)
        {
            if (pending[i].IsCompletedSuccessfully) results[i] = pending[i].Result;
            else (calls ??= new Task<SourceResult>?[pending.Count])[i] = pending[i].AsTask();
        }
        if (calls is null) return results;
        await Task.WhenAll(calls.OfType<Task<SourceResult>>());
        for (var i = 0; i < calls.Length; i++)
        {
            if (calls[i] is { } call) results[i] = call.Result;
        }
        return results;
    }

    private static bool Fetched(ResolvedMember member, IAgencyAdapter adapter)
    {
        for (var i = 0; i < member.Fetched.Count; i++)
        {
            if (member.Fetched[i].Adapter == adapter) return true;
        }
        return false;
    }

    /// <summary>Per agency, in the order of its key (ordinal), how many were asked and what came back.</summary>
    private static List<AgencyOutcome> Outcomes(List<SourceResult> results)
    {
        var tallies = new List<Tally>(16);
        foreach (var r in results)
        {
            var i = 0;
            while (i < tallies.Count && tallies[i].Adapter != r.Adapter) i++;
            if (i == tallies.Count) tallies.Add(new Tally { Adapter = r.Adapter });
            ref var t = ref CollectionsMarshal.AsSpan(tallies)[i];
            t.Asked++;
            if (r.Status == SourceStatus.Ok) t.Ok++;
            if (r.Status == SourceStatus.NotFound) t.NotFound++;
            if (r.Status is SourceStatus.Failed or SourceStatus.TimedOut or SourceStatus.CircuitOpen) t.Failed++;
            if (r.Provenance?.Stale == true) t.Stale++;
            if (r.Provenance?.FromCache == true) t.FromCache++;
        }
        // Inserted in order, stable as OrderBy was: an agency met first stays first among equal keys.
        var outcomes = new List<AgencyOutcome>(tallies.Count);
        foreach (var t in tallies)
        {
            var at = outcomes.Count;
            while (at > 0 && string.CompareOrdinal(outcomes[at - 1].Agency, t.Adapter.Agency.Key) > 0) at--;
            outcomes.Insert(at, new AgencyOutcome(t.Adapter.Agency.Key, t.Adapter.Agency.DataSet, t.Asked, t.Ok, t.NotFound, t.Failed, t.Stale, t.FromCache));
        }
        return outcomes;
    }

    private struct Tally
    {
        public IAgencyAdapter Adapter;
        public int Asked, Ok, NotFound, Failed, Stale, FromCache;
    }

    /// <summary>
    /// What an agency that answers by address holds at the applicant's address (null for any other agency); without a
    /// known address, a status saying why nothing was asked.
    /// </summary>
    private sealed class AtAddress(SourceFetcher fetcher, string? addressId, AgencyQuery query, CancellationToken deadline) : IAgencyVisitor<Task<AddressResult>?>
    {
        public Task<AddressResult>? Visit<T>(IAgencyAdapter<T> adapter) where T : class =>
            adapter is IAddressAgencyAdapter<T> atAddress ? FetchAsync(atAddress) : null;

        private async Task<AddressResult> FetchAsync<T>(IAddressAgencyAdapter<T> adapter) where T : class =>
            addressId is null
                ? new AddressResult<T>(adapter, new DataSet<T>(SourceStatus.NotFound, null, null, "the applicant's registered address is not known"))
                : await fetcher.FetchAtAddressAsync(adapter, addressId, query, deadline);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile {ProfileId} for case {CaseNumber}: {Members} members, {FailedSources} sources without an answer, {ElapsedMs:F0} ms")]
    private static partial void LogAssembled(ILogger logger, Guid profileId, string caseNumber, int members, int failedSources, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile for case {CaseNumber} refused: {Code}")]
    private static partial void LogRefused(ILogger logger, string caseNumber, string code);
}
