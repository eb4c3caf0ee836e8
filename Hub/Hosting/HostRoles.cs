using IntegrationHub.Modules;

namespace IntegrationHub.Hub.Hosting;

/// <summary>
/// Which modules this process runs (setting <c>Roles</c>, comma-separated role names, case aside; default: every
/// module the host knows). One binary, roles by configuration: with RabbitMQ each role can run in its own
/// processes, and several <c>hub</c> processes share the requests. A name the host does not know fails start-up.
/// </summary>
public static class HostRoles
{
    public const string SettingName = "Roles";

    /// <summary>The modules <paramref name="setting"/> names, in the host's order; all of them when it is empty.</summary>
    public static IReadOnlyList<IHubModule> Select(string? setting, IReadOnlyList<IHubModule> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        if (string.IsNullOrWhiteSpace(setting)) return modules;
        var names = Names(setting);
        var known = modules.Select(m => m.Role).ToList();
        var unknown = names.Except(known).ToList();
        if (unknown.Count > 0 || names.Count == 0)
        {
            throw new InvalidOperationException(
                $"Setting {SettingName}='{setting}' names unknown roles ({string.Join(", ", unknown)}); use a comma-separated mix of {string.Join(", ", known)}.");
        }
        return modules.Where(m => names.Contains(m.Role)).ToList();
    }

    /// <summary>Whether <paramref name="role"/> would run under <paramref name="setting"/>, for what is decided before the modules are (the production guard).</summary>
    public static bool Includes(string? setting, string role) => string.IsNullOrWhiteSpace(setting) || Names(setting).Contains(role);

    private static List<string> Names(string setting) =>
        setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => n.ToLowerInvariant()).ToList();
}
