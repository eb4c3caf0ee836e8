namespace IntegrationHub.Hub.Engine.Aggregation;

/// <summary>A household member as the applicant declared them.</summary>
public sealed record DeclaredMember(Fin Fin, RelationToApplicant Relation);
