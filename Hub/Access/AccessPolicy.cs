using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Messaging;
using IntegrationHub.Hub.Aggregation;
using IntegrationHub.Hub.Security;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hub.Access;

/// <summary>
/// The access policy (section <c>Trust:Policy</c>): subsystem → purpose → the data sets (names as in
/// <see cref="AgencyDescriptor.DataSet"/>) it may receive for that purpose. Deny by default: a subsystem or
/// purpose not listed gets nothing.
/// </summary>
public sealed class AccessPolicyOptions
{
    public const string SectionName = "Trust:Policy";

    /// <summary>Subsystem → purpose → allowed data sets. Keys compare case-insensitively, like configuration.</summary>
    public Dictionary<string, Dictionary<string, List<string>>> Subsystems { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>What the policy says about one request: the data sets allowed, or why not.</summary>
public sealed record AccessDecision(IReadOnlySet<string>? Allowed, ProfileRefusal? Refusal);

/// <summary>
/// Decides who may see what. A known caller is one named in <c>Trust:Callers</c> (the callers the host
/// authenticates) or in the policy (a subsystem that only speaks over the bus needs no API key); a caller
/// known but without a policy entry for the purpose is refused <c>not-permitted</c>.
/// </summary>
public sealed class AccessPolicy
{
    private readonly Dictionary<string, Dictionary<string, IReadOnlySet<string>>> _policy;
    private readonly HashSet<string> _callers;

    public AccessPolicy(IOptions<AccessPolicyOptions> options, IOptions<CallersOptions> callers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(callers);
        _policy = options.Value.Subsystems.ToDictionary(
            s => s.Key,
            s => s.Value.ToDictionary(p => p.Key, p => (IReadOnlySet<string>)p.Value.ToHashSet(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase);
        _callers = new HashSet<string>(_policy.Keys, StringComparer.OrdinalIgnoreCase);
        _callers.UnionWith(callers.Value.Callers.Keys);
    }

    public bool IsKnownCaller(string? subsystem) => !string.IsNullOrWhiteSpace(subsystem) && _callers.Contains(subsystem);

    public AccessDecision Decide(string? subsystem, string? purpose)
    {
        if (!IsKnownCaller(subsystem))
        {
            return new AccessDecision(null, new ProfileRefusal(RefusalCodes.UnknownCaller, "The requesting subsystem is not a known caller of the hub.", "requestingSubsystem"));
        }
        if (purpose is not null
            && _policy.TryGetValue(subsystem!, out var purposes)
            && purposes.TryGetValue(purpose, out var allowed))
        {
            return new AccessDecision(allowed, null);
        }
        return new AccessDecision(null, new ProfileRefusal(RefusalCodes.NotPermitted, $"The access policy does not allow subsystem '{subsystem}' any data for purpose '{purpose}'.", "purpose"));
    }
}

/// <summary>Start-up check of the policy: every data set named exists, no list is empty.</summary>
internal sealed class AccessPolicyValidator(IEnumerable<IAgencyAdapter> adapters) : IValidateOptions<AccessPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessPolicyOptions options)
    {
        var known = adapters.Select(a => a.Agency.DataSet).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var (subsystem, purposes) in options.Subsystems)
        {
            if (purposes.Count == 0)
            {
                failures.Add($"{AccessPolicyOptions.SectionName}:{subsystem} lists no purpose; remove the subsystem or give it purposes.");
            }
            foreach (var (purpose, sets) in purposes)
            {
                var setting = $"{AccessPolicyOptions.SectionName}:{subsystem}:{purpose}";
                if (sets.Count == 0) failures.Add($"{setting} allows no data set; remove the purpose or list its data sets.");
                foreach (var unknown in sets.Where(s => !known.Contains(s)))
                {
                    failures.Add($"{setting} names unknown data set '{unknown}'; known: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
                }
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

public static class AccessPolicyExtensions
{
    public static IServiceCollection AddAccessPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AccessPolicyOptions>()
            .Configure(o =>
            {
                // Bound by hand: the section is the dictionary itself (Trust:Policy:{subsystem}:{purpose}:{n}).
                foreach (var subsystem in configuration.GetSection(AccessPolicyOptions.SectionName).GetChildren())
                {
                    var purposes = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
                    foreach (var purpose in subsystem.GetChildren())
                    {
                        purposes[purpose.Key] = purpose.GetChildren().Select(c => c.Value ?? "").Where(v => v.Length > 0).ToList();
                    }
                    o.Subsystems[subsystem.Key] = purposes;
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccessPolicyOptions>, AccessPolicyValidator>();
        services.AddSingleton<AccessPolicy>();
        return services;
    }
}
