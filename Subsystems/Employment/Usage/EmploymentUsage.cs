using System.Collections.Concurrent;
using System.Globalization;

namespace IntegrationHub.Employment.Usage;

/// <summary>
/// The module's e-services, counted where each use happens, in memory: the keys and channels of the shared e-service
/// catalog (contract-notification, employee-contracts, workplace-certificate; portal, api). A stand-in with the
/// counter's shape until the hub's one counter service (issue 22) is on main: each place of use is one call, so the
/// switch is one line per place.
/// </summary>
public sealed class EmploymentUsage(TimeProvider time)
{
    public const string ContractNotification = "contract-notification";
    public const string EmployeeContracts = "employee-contracts";
    public const string WorkplaceCertificate = "workplace-certificate";

    /// <summary>A person with their own token (an officer, a citizen).</summary>
    public const string Portal = "portal";

    /// <summary>An organisation's system with its API key.</summary>
    public const string Api = "api";

    private readonly ConcurrentDictionary<(string Key, string Channel, string Month), long> _counts = new();

    public void Count(string key, string channel, long uses = 1) =>
        _counts.AddOrUpdate((key, channel, time.GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture)), uses, (_, n) => n + uses);

    /// <summary>The uses counted since start, per e-service, channel and month.</summary>
    public IReadOnlyDictionary<(string Key, string Channel, string Month), long> Snapshot() => _counts.ToDictionary(kv => kv.Key, kv => kv.Value);
}
