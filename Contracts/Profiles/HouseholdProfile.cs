using IntegrationHub.Contracts.Identifiers;

namespace IntegrationHub.Contracts.Profiles;

/// <summary>
/// The canonical household profile: every member with every agency's data set, each with status and
/// provenance, plus the summaries a caseworker needs.
/// </summary>
/// <param name="ProfileId">Unique per assembly; the audit record carries it.</param>
/// <param name="Declared">True when the household came from the applicant's declaration (or the purpose sees the applicant alone), false when the hub proposed it from the registries.</param>
/// <param name="Excluded">People the registries link to the applicant who are not counted (e.g. deceased), with the reason.</param>
/// <param name="Sources">Per agency: how many members it was asked about and what came back.</param>
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
    IReadOnlyList<AgencyOutcome> Sources)
{
    /// <summary>True when every agency asked answered (with data or "not found") for every member.</summary>
    public bool Complete => Sources.All(s => s.Failed == 0);
}

public sealed record ExcludedPerson(Fin Fin, string Reason);

/// <param name="Failed">Members for whom the agency gave no answer (failed, timed out or circuit open).</param>
/// <param name="Stale">Members whose answer came from a stale cache entry because the agency failed.</param>
public sealed record AgencyOutcome(string Agency, string DataSet, int Asked, int Ok, int NotFound, int Failed, int Stale, int FromCache);
