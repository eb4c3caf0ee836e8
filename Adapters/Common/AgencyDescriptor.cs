using IntegrationHub.Contracts.Profiles;

namespace IntegrationHub.Adapters.Common;

/// <summary>Names one agency: its configuration key, its display name and the data set it fills.</summary>
/// <param name="Key">Configuration and provenance key, e.g. <c>population</c>.</param>
/// <param name="Name">Display name, e.g. "Population register (Interior Ministry)".</param>
public abstract record AgencyDescriptor(string Key, string Name)
{
    /// <summary>The name of the member data set it fills, e.g. <c>identity</c> (the access policy speaks of these).</summary>
    public abstract string DataSet { get; }
}

/// <summary>An agency and the kind of data set it fills: its name and where it lands on a member.</summary>
/// <typeparam name="T">The canonical data the agency answers with.</typeparam>
public sealed record AgencyDescriptor<T>(string Key, string Name, DataSetDescriptor<T> Set) : AgencyDescriptor(Key, Name)
    where T : class
{
    public override string DataSet => Set.Name;
}
