namespace IntegrationHub.Contracts.Messaging;

/// <summary>
/// Event: a labour contract started or ended in the ministry's employment registry, for the life-events flow. Only
/// what the flow needs to find the people concerned: the FIN, the kind (<c>contract-started</c>,
/// <c>contract-ended</c>), the day it takes effect and the source (<c>employment-registry</c>). No employer, no wage,
/// no name: a subscriber that needs more asks the hub, under its own purpose.
/// </summary>
public sealed record EmploymentContractChanged(string Fin, string Kind, DateOnly Date, string Source);
