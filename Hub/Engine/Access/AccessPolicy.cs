using IntegrationHub.Adapters.Common;
using IntegrationHub.Hub.Engine.Aggregation;

namespace IntegrationHub.Hub.Engine.Access;

/// <summary>Whom a purpose may see: the applicant alone, or the applicant's household.</summary>
public enum PolicySubjects
{
    Applicant,
    Household,
}

/// <summary>
/// What one subsystem may see for one purpose (<c>Trust:Policy:{subsystem}:{purpose}</c>): whom
/// (<see cref="Subjects"/>), and which data sets (names as in <see cref="AgencyDescriptor.DataSet"/>) about the
/// applicant and, separately, about the other members.
/// </summary>
public sealed class PurposePolicyOptions
{
    public PolicySubjects? Subjects { get; set; }

    /// <summary>Data sets about the applicant.</summary>
    public List<string> Applicant { get; } = [];

    /// <summary>
    /// Data sets about every other member; only for <see cref="PolicySubjects.Household"/>. Also the only data sets with
    /// which people a declaration left out are asked about (identity, status-flags), and, with <see cref="Applicant"/>,
    /// what decides whether the agencies are asked about the applicant's address (both must allow the data set).
    /// </summary>
    public List<string> Members { get; } = [];

    /// <summary>What the configuration said, for the validator's messages (a value that is no subject, a key that is no setting, a bare list).</summary>
    internal string? RawSubjects { get; set; }

    internal List<string> UnknownSettings { get; } = [];
}

/// <summary>
/// The access policy (section <c>Trust:Policy</c>): subsystem → purpose → whom it may see and which data sets
/// about each. Deny by default: a subsystem or purpose not listed gets nothing.
/// </summary>
public sealed class AccessPolicyOptions
{
    public const string SectionName = "Trust:Policy";

    /// <summary>The callers the host authenticates, by name (their keys and roles are the host's business).</summary>
    public const string CallersSectionName = "Trust:Callers";

    /// <summary>Subsystem → purpose → policy. Keys compare case-insensitively, like configuration.</summary>
    public Dictionary<string, Dictionary<string, PurposePolicyOptions>> Subsystems { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The names in <see cref="CallersSectionName"/>: known callers, even those without a policy entry.</summary>
    public HashSet<string> Callers { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// One purpose's access, as the aggregator applies it: the data sets for the applicant and, when the household
/// is visible, for the other members.
/// </summary>
public sealed record PurposeAccess(PolicySubjects Subjects, IReadOnlySet<string> Applicant, IReadOnlySet<string> Members)
{
    public bool HouseholdVisible => Subjects == PolicySubjects.Household;

    /// <summary>The data sets that may be returned about one person of the profile.</summary>
    public IReadOnlySet<string> For(bool isApplicant) => isApplicant ? Applicant : Members;
}

/// <summary>What the policy says about one request: the access allowed, or why not.</summary>
public sealed record AccessDecision(PurposeAccess? Allowed, ProfileRefusal? Refusal);

/// <summary>
/// Decides who may see what. A known caller is one named in <c>Trust:Callers</c> (the callers the host
/// authenticates) or in the policy (a subsystem that only speaks over the bus needs no API key); a caller
/// known but without a policy entry for the purpose is refused <c>not-permitted</c>, and so is a request naming
/// household members for a purpose that sees the applicant alone.
/// </summary>
public sealed class AccessPolicy
{
    private readonly Dictionary<string, Dictionary<string, AccessDecision>> _policy;
    private readonly HashSet<string> _callers;

    public AccessPolicy(IOptions<AccessPolicyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _policy = options.Value.Subsystems.ToDictionary(
            s => s.Key,
            s => s.Value.ToDictionary(
                p => p.Key,
                p => new AccessDecision(new PurposeAccess(
                    p.Value.Subjects ?? PolicySubjects.Applicant,
                    p.Value.Applicant.ToHashSet(StringComparer.Ordinal),
                    p.Value.Subjects == PolicySubjects.Household ? p.Value.Members.ToHashSet(StringComparer.Ordinal) : new HashSet<string>()), null),
                StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase);
        _callers = new HashSet<string>(_policy.Keys, StringComparer.OrdinalIgnoreCase);
        _callers.UnionWith(options.Value.Callers);
    }

    public bool IsKnownCaller(string? subsystem) => !string.IsNullOrWhiteSpace(subsystem) && _callers.Contains(subsystem);

    private static readonly AccessDecision UnknownCaller =
        new(null, new ProfileRefusal(RefusalCodes.UnknownCaller, "The requesting subsystem is not a known caller of the hub.", "requestingSubsystem"));

    /// <summary>Two look-ups in tables built at start; an allowed decision is built once per subsystem and purpose, not per request.</summary>
    public AccessDecision Decide(string? subsystem, string? purpose)
    {
        if (!IsKnownCaller(subsystem)) return UnknownCaller;
        if (purpose is not null
            && _policy.TryGetValue(subsystem!, out var purposes)
            && purposes.TryGetValue(purpose, out var allowed))
        {
            return allowed;
        }
        return new AccessDecision(null, new ProfileRefusal(RefusalCodes.NotPermitted, $"The access policy does not allow subsystem '{subsystem}' any data for purpose '{purpose}'.", "purpose"));
    }

    /// <summary>Null when the parsed request stays within <paramref name="access"/>; otherwise why not.</summary>
    public static ProfileRefusal? Check(PurposeAccess access, ProfileQuery query)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(query);
        return !access.HouseholdVisible && query.DeclaredMembers is { Count: > 0 }
            ? new ProfileRefusal(RefusalCodes.NotPermitted, $"The access policy lets purpose '{query.Purpose}' see the applicant alone: declare no household members.", "declaredMembers")
            : null;
    }
}

/// <summary>
/// Start-up check of the policy, each failure naming its setting: a known subject kind, data sets that exist, no
/// empty list, no members' data sets for a purpose that sees the applicant alone, and nothing in the applicant's
/// data that names other people when only the applicant may be seen.
/// </summary>
internal sealed class AccessPolicyValidator(IEnumerable<IAgencyAdapter> adapters) : IValidateOptions<AccessPolicyOptions>
{
    /// <summary>A data set that names other people (the relatives' FINs): not for a purpose that sees the applicant alone.</summary>
    public const string FamilyRelations = "family-relations";

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
            foreach (var (purpose, policy) in purposes)
            {
                ValidatePurpose($"{AccessPolicyOptions.SectionName}:{subsystem}:{purpose}", policy, known, failures);
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidatePurpose(string setting, PurposePolicyOptions policy, HashSet<string> known, List<string> failures)
    {
        if (policy.UnknownSettings.Any(k => k.All(char.IsAsciiDigit)))
        {
            failures.Add($"{setting} is a plain list of data sets; give it Subjects (applicant or household), Applicant (the data sets about the applicant) and, for a household, Members (the data sets about the other members).");
            return;
        }
        foreach (var unknown in policy.UnknownSettings)
        {
            failures.Add($"{setting} has no setting '{unknown}'; its settings are Subjects, Applicant and Members.");
        }
        if (policy.Subjects is not { } subjects)
        {
            failures.Add(policy.RawSubjects is null
                ? $"{setting}:Subjects is missing; say whom the purpose may see: applicant (the applicant alone) or household."
                : $"{setting}:Subjects is '{policy.RawSubjects}'; it must be applicant (the applicant alone) or household.");
            return;
        }

        Sets($"{setting}:Applicant", policy.Applicant, "the applicant");
        if (subjects == PolicySubjects.Household)
        {
            Sets($"{setting}:Members", policy.Members, "the other members");
            return;
        }
        if (policy.Members.Count > 0)
        {
            failures.Add($"{setting}:Members lists data sets, but {setting}:Subjects is applicant: nobody else is seen. Remove Members, or set Subjects to household.");
        }
        if (policy.Applicant.Contains(FamilyRelations, StringComparer.Ordinal))
        {
            failures.Add($"{setting}:Applicant names '{FamilyRelations}', but {setting}:Subjects is applicant: the applicant's family relations name other people (their FINs). Remove it, or set Subjects to household.");
        }

        void Sets(string list, List<string> sets, string whom)
        {
            if (sets.Count == 0) failures.Add($"{list} allows no data set about {whom}; list its data sets.");
            foreach (var unknown in sets.Where(s => !known.Contains(s)))
            {
                failures.Add($"{list} names unknown data set '{unknown}'; known: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            }
        }
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
                // Bound by hand: the section is the dictionary itself (Trust:Policy:{subsystem}:{purpose}:{setting}),
                // and what the binder would drop silently (a misspelt setting, a value that is no subject) is kept for the validator.
                foreach (var subsystem in configuration.GetSection(AccessPolicyOptions.SectionName).GetChildren())
                {
                    var purposes = new Dictionary<string, PurposePolicyOptions>(StringComparer.OrdinalIgnoreCase);
                    foreach (var purpose in subsystem.GetChildren()) purposes[purpose.Key] = Read(purpose);
                    o.Subsystems[subsystem.Key] = purposes;
                }
                o.Callers.UnionWith(configuration.GetSection(AccessPolicyOptions.CallersSectionName).GetChildren().Select(c => c.Key));
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccessPolicyOptions>, AccessPolicyValidator>();
        services.AddSingleton<AccessPolicy>();
        return services;
    }

    private static PurposePolicyOptions Read(IConfigurationSection purpose)
    {
        var policy = new PurposePolicyOptions();
        foreach (var setting in purpose.GetChildren())
        {
            switch (setting.Key.ToUpperInvariant())
            {
                case "SUBJECTS":
                    policy.RawSubjects = setting.Value;
                    policy.Subjects = setting.Value?.ToUpperInvariant() switch
                    {
                        "APPLICANT" => PolicySubjects.Applicant,
                        "HOUSEHOLD" => PolicySubjects.Household,
                        _ => null,
                    };
                    break;
                case "APPLICANT":
                    policy.Applicant.AddRange(List(setting));
                    break;
                case "MEMBERS":
                    policy.Members.AddRange(List(setting));
                    break;
                default:
                    policy.UnknownSettings.Add(setting.Key);
                    break;
            }
        }
        return policy;
    }

    private static IEnumerable<string> List(IConfigurationSection section) =>
        section.GetChildren().Select(c => c.Value ?? "").Where(v => v.Length > 0);
}
