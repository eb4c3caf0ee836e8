namespace IntegrationHub.Contracts.Profiles;

/// <summary>One agency's answer about one person, with its status and provenance.</summary>
/// <typeparam name="T">The canonical data of this data set.</typeparam>
/// <param name="Status">Whether there is data and, if not, why.</param>
/// <param name="Data">Present when <see cref="Status"/> is <see cref="SourceStatus.Ok"/>.</param>
/// <param name="Provenance">Present whenever an agency answered (now or from cache).</param>
/// <param name="Detail">A short, non-personal explanation when there is no data, e.g. "HTTP 503 after 2 retries".</param>
public sealed record DataSet<T>(SourceStatus Status, T? Data, Provenance? Provenance, string? Detail = null)
    where T : class;
