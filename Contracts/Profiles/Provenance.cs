namespace IntegrationHub.Contracts.Profiles;

/// <summary>Where a data set came from and how old it is.</summary>
/// <param name="Agency">Agency key, e.g. <c>population</c>.</param>
/// <param name="FetchedAt">When the agency produced this answer.</param>
/// <param name="FromCache">True when the answer was served from the hub's cache.</param>
/// <param name="Age">How old the answer was when the profile was assembled.</param>
/// <param name="Stale">True when the agency failed and an older cached answer was used instead.</param>
public sealed record Provenance(string Agency, DateTimeOffset FetchedAt, bool FromCache, TimeSpan Age, bool Stale = false);
