namespace IntegrationHub.Contracts.Messaging;

/// <summary>A member of the household as the applicant declared it.</summary>
/// <param name="Fin">The member's FIN.</param>
/// <param name="Relation">Spouse, Child, Parent, Sibling, Grandparent, Grandchild, OtherRelative or Other.</param>
public sealed record DeclaredMemberEntry(string Fin, string Relation);
