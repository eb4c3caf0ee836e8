namespace IntegrationHub.Tests.Shared;

/// <summary>
/// The agency budgets of a test about something other than time: a cold process or a loaded 2-core machine keeps them
/// (the hub's deadline 10 s, each attempt 4 s, an agency's attempts 8 s in all). <see cref="HostFactory"/>'s defaults
/// (2 s, 800 ms, 1.6 s) are test-sized, so that tests of faults and deadlines run fast. One set, so that a machine that
/// needs more changes one place.
/// </summary>
public static class AgencyBudgets
{
    /// <summary>
    /// A fresh copy of the unhurried budgets, to add a test's own settings to
    /// (<c>new Dictionary&lt;string, string?&gt;(AgencyBudgets.Unhurried()) { [...] = ... }</c>).
    /// </summary>
    public static Dictionary<string, string?> Unhurried() => new()
    {
        ["Aggregation:Deadline"] = "00:00:10",
        ["Agencies:Defaults:AttemptTimeout"] = "00:00:04",
        ["Agencies:Defaults:TotalTimeout"] = "00:00:08",
    };

    /// <summary>The unhurried budgets as a hub process's command-line settings (<see cref="Hosting.HubProcess"/>).</summary>
    public static Dictionary<string, string> UnhurriedProcess() => Unhurried().ToDictionary(s => s.Key, s => s.Value!, StringComparer.Ordinal);
}
