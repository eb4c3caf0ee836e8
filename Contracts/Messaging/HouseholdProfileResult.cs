using IntegrationHub.Contracts.Profiles;

namespace IntegrationHub.Contracts.Messaging;

/// <summary>Reply: the assembled profile, cut to what the access policy lets the requester see.</summary>
public sealed record HouseholdProfileResult(Guid RequestId, HouseholdProfile Profile);
