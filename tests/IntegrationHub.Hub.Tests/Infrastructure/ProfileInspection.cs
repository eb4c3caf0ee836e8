using System.Reflection;
using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Profiles;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Hub.Tests.Infrastructure;

/// <summary>Reads one agency's data set off a member without the test naming the member property.</summary>
public static class ProfileInspection
{
    /// <summary>Every member's data set from <paramref name="agency"/> (status, provenance, detail), found through the adapter's data type.</summary>
    public static IReadOnlyList<(SourceStatus Status, Provenance? Provenance, string? Detail)> DataSets(this HubFactory hub, HouseholdProfile profile, string agency)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(profile);
        var adapter = hub.Services.GetServices<IAgencyAdapter>().Single(a => a.Agency.Key == agency);
        var setType = typeof(DataSet<>).MakeGenericType(adapter.DataType);
        var property = typeof(MemberProfile).GetProperties(BindingFlags.Public | BindingFlags.Instance).Single(p => p.PropertyType == setType);
        return profile.Members
            .Select(m => property.GetValue(m) ?? throw new InvalidOperationException($"member has no {agency} data set"))
            .Select(set => (
                (SourceStatus)setType.GetProperty("Status")!.GetValue(set)!,
                (Provenance?)setType.GetProperty("Provenance")!.GetValue(set),
                (string?)setType.GetProperty("Detail")!.GetValue(set)))
            .ToList();
    }

    /// <summary>Requests every agency of the hub's mock country has received so far.</summary>
    public static long TotalRequests(this HubFactory hub) => hub.Country.Agencies.Sum(a => a.Requests);
}
