using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles.DataSets;

namespace IntegrationHub.Contracts.Profiles;

/// <summary>
/// One household member: who they are to the applicant, how the hub found them, and one data set per
/// agency. A data set the caller may not see is absent (null), not blank.
/// </summary>
public sealed record MemberProfile(
    Fin Fin,
    RelationToApplicant Relation,
    IReadOnlyList<MemberSource> FoundBy,
    IReadOnlyList<MemberFinding> Findings)
{
    public DataSet<IdentityData>? Identity { get; init; }
    public DataSet<FamilyRelationsData>? FamilyRelations { get; init; }
    public DataSet<TaxIncomeData>? TaxIncome { get; init; }
    public DataSet<EmploymentData>? Employment { get; init; }
    public DataSet<PensionsBenefitsData>? PensionsBenefits { get; init; }
    public DataSet<JobSeekerData>? JobSeeker { get; init; }
    public DataSet<DisabilityData>? Disability { get; init; }
    public DataSet<EducationData>? Education { get; init; }
    public DataSet<VehiclesData>? Vehicles { get; init; }
    public DataSet<RealEstateData>? RealEstate { get; init; }
    public DataSet<LandData>? Land { get; init; }
    public DataSet<UtilitiesData>? Utilities { get; init; }
    public DataSet<HealthData>? Health { get; init; }
    public DataSet<StatusFlagsData>? StatusFlags { get; init; }
}

/// <summary>A check the hub made on a member against the registries, e.g. a declared relation the civil registry confirms or contradicts.</summary>
/// <param name="Code">Stable code: <c>relation-confirmed</c>, <c>relation-mismatch</c>, <c>relation-unconfirmed</c>, <c>address-confirmed</c>, <c>address-mismatch</c>, <c>deceased</c>.</param>
/// <param name="Message">The same in words, with no personal data.</param>
public sealed record MemberFinding(string Code, string Message);
