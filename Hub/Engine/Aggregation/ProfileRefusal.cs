namespace IntegrationHub.Hub.Engine.Aggregation;

/// <summary>Why the hub will not assemble a profile; <see cref="Code"/> is stable and documented.</summary>
/// <param name="Field">The request field at fault, when there is one (e.g. <c>declaredMembers[1].fin</c>).</param>
public sealed record ProfileRefusal(string Code, string Detail, string? Field = null);
