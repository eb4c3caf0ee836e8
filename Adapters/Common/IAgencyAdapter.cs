using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;

namespace IntegrationHub.Adapters.Common;

/// <summary>
/// What the hub's engine sees of an agency: fetch one person's data set in canonical form, and put a
/// data set into a member. The engine never knows which agency it is talking to.
/// </summary>
public interface IAgencyAdapter
{
    AgencyDescriptor Agency { get; }

    /// <summary>The canonical type of the data set (for caching).</summary>
    Type DataType { get; }

    /// <summary>
    /// The person's data in canonical form, or null when the agency holds nothing on them. Throws when the
    /// agency fails (<see cref="AgencyFailure.Classify"/> turns the exception into a status).
    /// </summary>
    Task<object?> FetchAsync(Fin fin, AgencyQuery query, CancellationToken cancellationToken);

    /// <summary>The member with this agency's data set set to the given result.</summary>
    MemberProfile Apply(MemberProfile member, SourceStatus status, object? data, Provenance? provenance, string? detail);
}
