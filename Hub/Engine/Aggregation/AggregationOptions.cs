using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Hub.Engine.Aggregation;

/// <summary>Settings of profile assembly (section <c>Aggregation</c>).</summary>
public sealed class AggregationOptions
{
    public const string SectionName = "Aggregation";

    /// <summary>One deadline per profile request: every agency call gets what is left of it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Aggregation:Deadline must be between 100 ms and 5 minutes.")]
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest household the hub assembles in one request (declared or proposed).</summary>
    [Range(1, 64, ErrorMessage = "Aggregation:MaxMembers must be between 1 and 64.")]
    public int MaxMembers { get; set; } = 20;

    /// <summary>
    /// Bus requests remembered for the replay window (a redelivered request id gets the first answer). The memory
    /// they hold is bounded by this count, not by load: past it the least recently used are dropped, and a request id seen
    /// again after that is assembled (and audited) anew.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "Aggregation:ReplayEntries must be between 1 and 1,000,000.")]
    public int ReplayEntries { get; set; } = 2_000;
}
