namespace IntegrationHub.Adapters.Common;

/// <summary>
/// An agency that also answers about a registered address, whoever its records there are in the name of (the
/// utilities gateway: accounts of a deceased member or a landlord that no member's FIN finds). The engine asks it
/// once per profile, about the applicant's address, without knowing which agency it is; the answer lands where its
/// data set's <see cref="Contracts.Profiles.DataSetDescriptor{T}.AtAddress"/> says.
/// </summary>
public interface IAddressAgencyAdapter<T> : IAgencyAdapter<T>
    where T : class
{
    /// <summary>The data held at the address in canonical form, or null when the agency holds nothing there. Throws when the agency fails.</summary>
    Task<T?> FetchAtAddressAsync(string addressId, AgencyQuery query, CancellationToken cancellationToken);
}
