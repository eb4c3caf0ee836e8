using IntegrationHub.Contracts.Profiles;

namespace IntegrationHub.Adapters.Common;

/// <summary>
/// An agency that also answers about a registered address, whoever its records there are in the name of (the
/// utilities gateway: accounts of a deceased member or a landlord that no member's FIN finds). The engine asks it
/// once per profile, about the applicant's address, without knowing which agency it is.
/// </summary>
public interface IAddressAgencyAdapter : IAgencyAdapter
{
    /// <summary>The data held at the address in canonical form, or null when the agency holds nothing there. Throws when the agency fails.</summary>
    Task<object?> FetchAtAddressAsync(string addressId, AgencyQuery query, CancellationToken cancellationToken);

    /// <summary>The address with this agency's data set set to the given result.</summary>
    AddressProfile Apply(AddressProfile address, SourceStatus status, object? data, Provenance? provenance, string? detail);
}
