namespace IntegrationHub.Contracts.LifeEvents;

/// <summary>
/// Where the hub delivers <see cref="Messaging.PersonChanged"/>: each subsystem the policy allows has its own queue,
/// so a subsystem the policy leaves out never receives the message (a published event would reach every subscriber).
/// </summary>
public static class PersonChangedEndpoints
{
    /// <summary>The queue name of <paramref name="subsystem"/>'s consumer, e.g. <c>assistance-person-changed</c>.</summary>
    public static string For(string subsystem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subsystem);
        return subsystem.ToLowerInvariant() + "-person-changed";
    }
}
