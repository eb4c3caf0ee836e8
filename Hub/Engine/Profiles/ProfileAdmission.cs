using IntegrationHub.Hub.Engine.Access;
using IntegrationHub.Hub.Engine.Aggregation;

namespace IntegrationHub.Hub.Engine.Profiles;

/// <summary>A request let in: the parsed query and what the policy allows; or the refusal, with the query when it parsed.</summary>
public sealed record Admission(ProfileQuery? Query, PurposeAccess? Allowed, ProfileRefusal? Refusal);

/// <summary>
/// Whether a profile request may be assembled, in order: a caller the policy knows, a request that parses, a purpose the
/// caller may use, and nothing asked beyond what that purpose allows.
/// </summary>
public sealed class ProfileAdmission(AccessPolicy policy, IOptions<AggregationOptions> options)
{
    /// <param name="refused">A refusal decided before the request is looked at (its envelope: the request id), given to a known caller.</param>
    public Admission Admit(ProfileRequest request, ProfileCaller caller, ProfileRefusal? refused)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var decision = policy.Decide(caller.Subsystem, request.Purpose);
        // A stranger learns nothing, not even whether the request was well formed.
        if (decision.Refusal is { Code: RefusalCodes.UnknownCaller } unknown) return new Admission(null, null, unknown);

        var parsed = ProfileRequestParser.Parse(request, options.Value.MaxMembers);
        var query = parsed.Value;
        var refusal = refused ?? parsed.Refusal ?? decision.Refusal ?? AccessPolicy.Check(decision.Allowed!, query!);
        return new Admission(query, refusal is null ? decision.Allowed : null, refusal);
    }
}
