namespace IntegrationHub.Contracts.Messaging;

/// <summary>Reply: the hub will not assemble the profile, and says why.</summary>
/// <param name="Reason">A stable code from <see cref="RefusalCodes"/>.</param>
/// <param name="Detail">Human-readable explanation.</param>
/// <param name="Field">The request field at fault, when one is (e.g. <c>declaredMembers[1].fin</c>).</param>
public sealed record HouseholdProfileRefused(Guid RequestId, string Reason, string Detail, string? Field = null);
