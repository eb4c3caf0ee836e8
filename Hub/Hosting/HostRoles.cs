namespace IntegrationHub.Hub.Hosting;

/// <summary>
/// Which modules this process runs (setting <c>Roles</c>, comma-separated: <c>hub</c>, <c>assistance</c>,
/// <c>disability</c>; default all three). One binary, roles by configuration: with RabbitMQ each role can
/// run in its own processes, and several <c>hub</c> processes share the requests.
/// </summary>
public sealed record HostRoles(bool Hub, bool Assistance, bool Disability)
{
    public const string SettingName = "Roles";
    public const string HubRole = "hub";
    public const string AssistanceRole = "assistance";
    public const string DisabilityRole = "disability";

    public static readonly IReadOnlyList<string> Known = [HubRole, AssistanceRole, DisabilityRole];

    public static HostRoles Parse(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting)) return new(true, true, true);
        var names = setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant())
            .ToList();
        var unknown = names.Except(Known).ToList();
        if (unknown.Count > 0 || names.Count == 0)
        {
            throw new InvalidOperationException(
                $"Setting {SettingName}='{setting}' names unknown roles ({string.Join(", ", unknown)}); use a comma-separated mix of {string.Join(", ", Known)}.");
        }
        return new(names.Contains(HubRole), names.Contains(AssistanceRole), names.Contains(DisabilityRole));
    }

    public override string ToString() =>
        string.Join(",", new[] { (Hub, HubRole), (Assistance, AssistanceRole), (Disability, DisabilityRole) }.Where(r => r.Item1).Select(r => r.Item2));
}
