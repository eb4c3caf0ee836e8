using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Profiles;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hub.Aggregation;

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
    private readonly IReadOnlyList<IAgencyAdapter> _adapters = adapters.ToList();
    private readonly IReadOnlyList<IAddressAgencyAdapter> _addressAdapters = adapters.OfType<IAddressAgencyAdapter>().ToList();

    /// <param name="allowedDataSets">
    /// The data sets (<see cref="AgencyDescriptor.DataSet"/>) the caller may receive; null for all. Only their
    /// agencies are asked, and only they appear in the profile. Identity and family relations are still read
    /// to resolve the household, but left out of the profile unless allowed.
    /// </param>
    public async Task<Refusable<HouseholdProfile>> AssembleAsync(ProfileQuery query, IReadOnlySet<string>? allowedDataSets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        bool Allowed(IAgencyAdapter adapter) => allowedDataSets is null || allowedDataSets.Contains(adapter.Agency.DataSet);
        var started = time.GetTimestamp();
        var settings = options.Value;
        using var deadlineSource = new CancellationTokenSource(settings.Deadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadlineSource.Token);
        var deadline = linked.Token;
        var agencyQuery = AgencyQuery.For(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));

        var resolved = await resolver.ResolveAsync(query, agencyQuery, settings.MaxMembers, deadline);
        if (resolved.Refusal is { } refusal)
        {
            LogRefused(logger, query.CaseNumber, refusal.Code);
            return refusal;
        }
        var household = resolved.Value!;

        // Phase two: every agency for every member, in parallel; the per-agency quota lives in each
        // agency's own resilience pipeline (its concurrency limiter), not here.
        var pending = new List<Task<SourceResult>>();
        foreach (var member in household.Members)
        {
            foreach (var adapter in _adapters)
            {
                if (!Allowed(adapter) || member.Fetched.Any(f => f.Adapter == adapter)) continue;
                pending.Add(fetcher.FetchAsync(adapter, member.Fin, agencyQuery, deadline));
            }
        }
        var atAddress = _addressAdapters.Where(Allowed).Select(a => FetchAtAddressAsync(a, household.AddressId, agencyQuery, deadline)).ToList();
        var fetched = await Task.WhenAll(pending);
        var address = atAddress.Count == 0 ? null
            : (await Task.WhenAll(atAddress)).Aggregate(new AddressProfile(household.AddressId, null), (a, result) => result.ApplyTo(a));

        var results = household.Members.SelectMany(m => m.Fetched).Concat(fetched).Where(r => Allowed(r.Adapter)).ToList();
        var byMember = results.ToLookup(r => r.Fin);
        var members = household.Members
            .Select(m => byMember[m.Fin].Aggregate(new MemberProfile(m.Fin, m.Relation, m.FoundBy, m.Findings), (member, result) => result.ApplyTo(member)))
            .ToList();

        var sources = results
            .GroupBy(r => r.Adapter)
            .Select(g => new AgencyOutcome(
                g.Key.Agency.Key,
                g.Key.Agency.DataSet,
                g.Count(),
                g.Count(r => r.Status == SourceStatus.Ok),
                g.Count(r => r.Status == SourceStatus.NotFound),
                g.Count(r => r.Status is SourceStatus.Failed or SourceStatus.TimedOut or SourceStatus.CircuitOpen),
                g.Count(r => r.Provenance?.Stale == true),
                g.Count(r => r.Provenance?.FromCache == true)))
            .OrderBy(s => s.Agency, StringComparer.Ordinal)
            .ToList();

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
            HouseholdSummarizer.Summarize(members, agencyQuery, allowedDataSets, address),
            sources,
            address);
        LogAssembled(logger, profile.ProfileId, query.CaseNumber, members.Count, sources.Sum(s => s.Failed), elapsed.TotalMilliseconds);
        return profile;
    }

    /// <summary>The agency's records at the applicant's address; without a known address, a status saying why nothing was asked.</summary>
    private async Task<AddressResult> FetchAtAddressAsync(IAddressAgencyAdapter adapter, string? addressId, AgencyQuery agencyQuery, CancellationToken deadline) =>
        addressId is null
            ? new AddressResult(adapter, SourceStatus.NotFound, null, null, "the applicant's registered address is not known")
            : await fetcher.FetchAtAddressAsync(adapter, addressId, agencyQuery, deadline);

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile {ProfileId} for case {CaseNumber}: {Members} members, {FailedSources} sources without an answer, {ElapsedMs:F0} ms")]
    private static partial void LogAssembled(ILogger logger, Guid profileId, string caseNumber, int members, int failedSources, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile for case {CaseNumber} refused: {Code}")]
    private static partial void LogRefused(ILogger logger, string caseNumber, string code);
}
