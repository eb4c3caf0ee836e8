using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;

namespace IntegrationHub.Hub.Aggregation;

/// <summary>One agency's answer about one person, ready to be put into a member.</summary>
public sealed record SourceResult(IAgencyAdapter Adapter, Fin Fin, SourceStatus Status, object? Data, Provenance? Provenance, string? Detail)
{
    public T? DataAs<T>() where T : class => Status == SourceStatus.Ok ? Data as T : null;

    public MemberProfile ApplyTo(MemberProfile member) => Adapter.Apply(member, Status, Data, Provenance, Detail);
}

/// <summary>
/// The one place an agency is called during assembly: turns every outcome (data, not found, failure,
/// deadline) into a <see cref="SourceResult"/> and never throws, so one agency cannot fail a profile.
/// </summary>
public sealed class SourceFetcher(TimeProvider time)
{
    public async Task<SourceResult> FetchAsync(IAgencyAdapter adapter, Fin fin, AgencyQuery query, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        try
        {
            // WaitAsync: the deadline holds even if an adapter ignored its token.
            var data = await adapter.FetchAsync(fin, query, deadline).WaitAsync(deadline);
            var provenance = new Provenance(adapter.Agency.Key, time.GetUtcNow(), FromCache: false, TimeSpan.Zero);
            return data is null
                ? new SourceResult(adapter, fin, SourceStatus.NotFound, null, provenance, "the agency holds no record of this person")
                : new SourceResult(adapter, fin, SourceStatus.Ok, data, provenance, null);
        }
        catch (Exception e)
        {
            var (status, detail) = AgencyFailure.Classify(e, deadline.IsCancellationRequested);
            return new SourceResult(adapter, fin, status, null, null, detail);
        }
    }
}
