using IntegrationHub.Adapters.Common;

namespace IntegrationHub.Hub.Tests.Infrastructure;

/// <summary>Reads one agency's data set off a member without the test naming the member property.</summary>
public static class ProfileInspection
{
    /// <summary>Every member's data set from <paramref name="agency"/> (status, provenance, detail), read where the agency's data set lands.</summary>
    public static IReadOnlyList<(SourceStatus Status, Provenance? Provenance, string? Detail)> DataSets(this HubFactory hub, HouseholdProfile profile, string agency)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(profile);
        return hub.Services.GetRequiredKeyedService<IAgencyAdapter>(agency).Accept(new MemberSets(profile, agency));
    }

    /// <summary>Requests every agency of the hub's mock country has received so far.</summary>
    public static long TotalRequests(this HubFactory hub) => hub.Country.Agencies.Sum(a => a.Requests);

    private sealed class MemberSets(HouseholdProfile profile, string agency) : IAgencyVisitor<IReadOnlyList<(SourceStatus, Provenance?, string?)>>
    {
        public IReadOnlyList<(SourceStatus, Provenance?, string?)> Visit<T>(IAgencyAdapter<T> adapter) where T : class =>
            profile.Members
                .Select(m => adapter.Agency.Set.Read(m) ?? throw new InvalidOperationException($"member has no {agency} data set"))
                .Select(set => (set.Status, set.Provenance, set.Detail))
                .ToList();
    }
}
