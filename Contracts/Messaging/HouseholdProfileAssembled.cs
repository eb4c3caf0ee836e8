using IntegrationHub.Contracts.Profiles;

namespace IntegrationHub.Contracts.Messaging;

/// <summary>
/// Event: a profile was assembled and handed out. Metadata only, no personal data (no FIN, no case
/// number), so any subsystem or dashboard may subscribe.
/// </summary>
/// <param name="Instance">The hub instance that assembled it (host:process), to see competing consumers share work.</param>
public sealed record HouseholdProfileAssembled(
    Guid RequestId,
    Guid ProfileId,
    string RequestingSubsystem,
    string Purpose,
    int Members,
    bool Complete,
    TimeSpan Elapsed,
    DateTimeOffset AssembledAt,
    IReadOnlyList<AgencyOutcome> Sources,
    string Instance);
