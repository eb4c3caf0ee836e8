namespace IntegrationHub.Contracts.Profiles;

/// <summary>What became of one data set from one agency.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SourceStatus>))]
public enum SourceStatus
{
    /// <summary>The agency answered with data.</summary>
    Ok,
    /// <summary>The agency answered that it holds nothing on this person.</summary>
    NotFound,
    /// <summary>The agency answered with an error or an unreadable body, or could not be reached.</summary>
    Failed,
    /// <summary>No answer before the profile's deadline (or the agency's own time budget).</summary>
    TimedOut,
    /// <summary>The agency's circuit breaker is open: the hub did not call it.</summary>
    CircuitOpen,
    /// <summary>The caller's purpose does not allow this data set.</summary>
    NotPermitted,
}
