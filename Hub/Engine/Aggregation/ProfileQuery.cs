using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;

namespace IntegrationHub.Hub.Engine.Aggregation;

/// <summary>A parsed, valid profile request: what the HTTP API and the message consumer both hand to the aggregator.</summary>
/// <param name="DeclaredMembers">Null when the applicant declared nothing and the hub proposes the household.</param>
/// <param name="Fresh">Every agency asked anew, no cached answer serving (a re-evaluation after a change).</param>
public sealed record ProfileQuery(Fin Applicant, IReadOnlyList<DeclaredMember>? DeclaredMembers, string Purpose, string CaseNumber, bool Fresh = false);

public sealed record DeclaredMember(Fin Fin, RelationToApplicant Relation);

/// <summary>Why the hub will not assemble a profile; <see cref="Code"/> is stable and documented.</summary>
/// <param name="Field">The request field at fault, when there is one (e.g. <c>declaredMembers[1].fin</c>).</param>
public sealed record ProfileRefusal(string Code, string Detail, string? Field = null);
