using System.Text.RegularExpressions;
using IntegrationHub.Contracts.LifeEvents;

namespace IntegrationHub.Hub.Engine.LifeEvents;

/// <summary>The agencies that may send life events and how the hub keeps and passes them on (section <c>LifeEvents</c>; docs/life-events.md).</summary>
public sealed class LifeEventOptions
{
    public const string SectionName = "LifeEvents";

    /// <summary>Agency key (as in <c>Agencies:{key}</c>) → the kinds it may report and the public keys its events are signed with.</summary>
    public Dictionary<string, EventSourceOptions> Sources { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The largest event body taken; a CloudEvent of a change names a few people and a date.</summary>
    public int MaxEventBytes { get; set; } = 64 * 1024;

    /// <summary>Attempts to pass an event on before it becomes a dead letter (an operator can retry it).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait after a failed attempt; doubles with each attempt, up to 32 times this.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the processor looks at the inbox when nothing wakes it earlier.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an event the processor took stays its own when not written meanwhile: another instance (or this one
    /// after a restart) takes it again once this has passed.
    /// </summary>
    public TimeSpan TakeFor { get; set; } = DefaultTakeFor;

    /// <summary>The default of <see cref="TakeFor"/>: two minutes.</summary>
    public static readonly TimeSpan DefaultTakeFor = TimeSpan.FromMinutes(2);

    /// <summary>The shortest and longest <see cref="TakeFor"/> accepted.</summary>
    public static readonly TimeSpan MinTakeFor = TimeSpan.FromSeconds(10), MaxTakeFor = TimeSpan.FromHours(1);

    /// <summary>Off: events are taken and kept but not passed on (an instance that only receives, or a test of the inbox).</summary>
    public bool RunProcessor { get; set; } = true;

    /// <summary>Most people one event may name.</summary>
    public const int MaxPersons = 10;
}

/// <summary>One agency as an event source.</summary>
public sealed class EventSourceOptions
{
    /// <summary>The kinds it may report (<see cref="LifeEventKinds"/>): the population register births, deaths and moves, and so on.</summary>
    public List<string> Kinds { get; } = [];

    /// <summary>Its public keys (several while one is rotated in); an event names the one it is signed with.</summary>
    public List<EventKeyOptions> Keys { get; } = [];
}

/// <summary>An agency's signing key: its id (the <c>X-Agency-Key</c> header) and its public half.</summary>
public sealed class EventKeyOptions
{
    public string Id { get; set; } = "";

    /// <summary>EC P-256, as PEM or base64 SubjectPublicKeyInfo.</summary>
    public string PublicKey { get; set; } = "";
}

/// <summary>
/// Which subsystems hear of which kinds of change (section <c>Trust:LifeEvents</c>: subsystem → kinds). Deny by
/// default: a subsystem not listed, or a kind not in its list, is never told.
/// </summary>
public sealed class LifeEventPolicyOptions
{
    public const string SectionName = "Trust:LifeEvents";

    public Dictionary<string, List<string>> Subsystems { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Start-up check of the sources, each failure naming its setting.</summary>
internal sealed partial class LifeEventOptionsValidator : IValidateOptions<LifeEventOptions>
{
    public ValidateOptionsResult Validate(string? name, LifeEventOptions options)
    {
        var failures = new List<string>();
        var section = LifeEventOptions.SectionName;
        if (options.MaxEventBytes is < 1024 or > 1024 * 1024) failures.Add($"{section}:MaxEventBytes must be between 1024 and 1048576.");
        if (options.MaxAttempts < 1) failures.Add($"{section}:MaxAttempts must be at least 1.");
        if (options.RetryInterval <= TimeSpan.Zero || options.PollInterval <= TimeSpan.Zero) failures.Add($"{section}:RetryInterval and PollInterval must be positive.");
        if (options.TakeFor < LifeEventOptions.MinTakeFor || options.TakeFor > LifeEventOptions.MaxTakeFor)
        {
            failures.Add($"{section}:TakeFor must be between {LifeEventOptions.MinTakeFor} and {LifeEventOptions.MaxTakeFor}.");
        }
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (agency, source) in options.Sources)
        {
            var setting = $"{section}:Sources:{agency}";
            if (!AgencyPattern().IsMatch(agency)) failures.Add($"{setting}: an agency key is lower-case letters, digits and hyphens.");
            if (source.Kinds.Count == 0) failures.Add($"{setting}:Kinds lists no kind; known: {string.Join(", ", LifeEventKinds.All)}.");
            foreach (var kind in source.Kinds.Where(k => !LifeEventKinds.All.Contains(k)))
            {
                failures.Add($"{setting}:Kinds names unknown kind '{kind}'; known: {string.Join(", ", LifeEventKinds.All)}.");
            }
            if (source.Keys.Count == 0) failures.Add($"{setting}:Keys lists no key: its events could never be verified.");
            for (var i = 0; i < source.Keys.Count; i++)
            {
                var key = source.Keys[i];
                if (!KeyIdPattern().IsMatch(key.Id)) failures.Add($"{setting}:Keys:{i}:Id must be 1-64 letters, digits, '.', '_' or '-'.");
                else if (!ids.TryAdd(key.Id, agency)) failures.Add($"{setting}:Keys:{i}:Id '{key.Id}' is also a key of '{ids[key.Id]}': an event's key must name one agency.");
                if (AgencyEventKeys.TryParsePublicKey(key.PublicKey, out _, out var error) is false) failures.Add($"{setting}:Keys:{i}:PublicKey {error}");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,63}$", RegexOptions.CultureInvariant)]
    internal static partial Regex AgencyPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdPattern();
}

/// <summary>Start-up check of the delivery policy: known kinds only.</summary>
internal sealed class LifeEventPolicyValidator : IValidateOptions<LifeEventPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, LifeEventPolicyOptions options)
    {
        var failures = new List<string>();
        foreach (var (subsystem, kinds) in options.Subsystems)
        {
            foreach (var kind in kinds.Where(k => !LifeEventKinds.All.Contains(k)))
            {
                failures.Add($"{LifeEventPolicyOptions.SectionName}:{subsystem} names unknown kind '{kind}'; known: {string.Join(", ", LifeEventKinds.All)}.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
