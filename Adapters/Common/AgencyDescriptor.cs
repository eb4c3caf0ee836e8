namespace IntegrationHub.Adapters.Common;

/// <summary>Names one agency: its configuration key, its display name and the data set it fills.</summary>
/// <param name="Key">Configuration and provenance key, e.g. <c>population</c>.</param>
/// <param name="Name">Display name, e.g. "Population register (Interior Ministry)".</param>
/// <param name="DataSet">The member data set it fills, e.g. <c>identity</c> (the access policy speaks of these).</param>
public sealed record AgencyDescriptor(string Key, string Name, string DataSet);
