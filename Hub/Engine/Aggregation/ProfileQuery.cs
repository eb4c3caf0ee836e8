namespace IntegrationHub.Hub.Engine.Aggregation;

/// <summary>A parsed, valid profile request: what the HTTP API and the message consumer both hand to the aggregator.</summary>
/// <param name="DeclaredMembers">Null when the applicant declared nothing and the hub proposes the household.</param>
/// <param name="Fresh">Every agency asked anew, no cached answer serving (a re-evaluation after a change).</param>
public sealed record ProfileQuery(Fin Applicant, IReadOnlyList<DeclaredMember>? DeclaredMembers, string Purpose, string CaseNumber, bool Fresh = false);
