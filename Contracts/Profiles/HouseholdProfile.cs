using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles.DataSets;

namespace IntegrationHub.Contracts.Profiles;

/// <summary>
/// The canonical household profile: every member with every agency's data set, each with status and
/// provenance, plus the summaries a caseworker needs.
/// </summary>
/// <param name="ProfileId">Unique per assembly; the audit record carries it.</param>
/// <param name="Declared">True when the household came from the applicant's declaration (or the purpose sees the applicant alone), false when the hub proposed it from the registries.</param>
/// <param name="Excluded">People the registries link to the applicant who are not members of the profile (deceased, or left out of the declaration), with the reason; always empty for a purpose that sees the applicant alone.</param>
/// <param name="Sources">Per agency: how many members it was asked about and what came back.</param>
/// <param name="Address">What the agencies hold about the applicant's registered address itself, whoever it is in the name of; null when no such data set was asked for (the policy allows it only for a household, and only when the data set is allowed about the applicant and the members alike).</param>
public sealed record HouseholdProfile(
    Guid ProfileId,
    Fin Applicant,
    string Purpose,
    string CaseNumber,
    DateTimeOffset AssembledAt,
    TimeSpan Elapsed,
    bool Declared,
    IReadOnlyList<MemberProfile> Members,
    IReadOnlyList<ExcludedPerson> Excluded,
    HouseholdSummary Summary,
    IReadOnlyList<AgencyOutcome> Sources,
    AddressProfile? Address = null)
{
    /// <summary>True when every agency asked answered (with data or "not found") for every member and for the address.</summary>
    public bool Complete => Sources.All(s => s.Failed == 0) && Address?.Utilities?.Status is null or SourceStatus.Ok or SourceStatus.NotFound or SourceStatus.NotPermitted;
}

/// <summary>Someone the registries tie to the household who is not a member of the profile.</summary>
/// <param name="Reason">In words, without personal data.</param>
/// <param name="Code">
/// <see cref="DeceasedCode"/>, <see cref="UndeclaredCoResident"/> (registered at the applicant's address, left out of the
/// declaration) or <see cref="UndeclaredRelative"/> (a spouse or a child under 18 on record, registered elsewhere, left
/// out); null in profiles assembled before the codes existed.
/// </param>
/// <param name="Relation">What the civil registry records them as to the applicant, when it records a tie.</param>
/// <param name="NotCounted">
/// Why the rules would not count them even if declared (<see cref="NotCountedReasons"/>), from the population register
/// and the status registries; null when they would count.
/// </param>
/// <param name="StatusUnverified">True when those registries did not answer about them, or the access policy does not let the hub ask them about members: whether they would count is unknown.</param>
public sealed record ExcludedPerson(Fin Fin, string Reason, string? Code = null, RelationToApplicant? Relation = null, string? NotCounted = null, bool StatusUnverified = false)
{
    public const string DeceasedCode = "deceased";
    public const string UndeclaredCoResident = "undeclared-co-resident";
    public const string UndeclaredRelative = "undeclared-relative";

    /// <summary>Dead, by its code, or by its reason text in profiles made before codes.</summary>
    public bool IsDeceased => Code == DeceasedCode || NotCounted == NotCountedReasons.Deceased
        || (Code is null && Reason.Contains("deceased", StringComparison.OrdinalIgnoreCase));
}

/// <summary>The applicant's registered address and what the agencies bill there, whoever the accounts are in the name of (a deceased member, a landlord).</summary>
/// <param name="AddressId">The population register's address code; null when the applicant has no registered address or the register did not answer.</param>
/// <param name="Utilities">The utilities accounts billed at the address and their charges over the income window.</param>
public sealed record AddressProfile(string? AddressId, DataSet<UtilitiesData>? Utilities);

/// <param name="Failed">Members for whom the agency gave no answer (failed, timed out or circuit open).</param>
/// <param name="Stale">Members whose answer came from a stale cache entry because the agency failed.</param>
public sealed record AgencyOutcome(string Agency, string DataSet, int Asked, int Ok, int NotFound, int Failed, int Stale, int FromCache);
