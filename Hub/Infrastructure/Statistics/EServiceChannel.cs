namespace IntegrationHub.Statistics;

/// <summary>Where a use of an e-service came in.</summary>
public enum EServiceChannel
{
    /// <summary>The citizen's own portal or e-cabinet (a person's token, or anonymous on the web).</summary>
    Portal,

    /// <summary>Staff at a post office acting with the citizen (the assisted channel).</summary>
    PostOffice,

    /// <summary>The 142 call centre (its voice menu or an operator).</summary>
    CallCentre,

    /// <summary>An organisation's own system with its API key.</summary>
    Api,
}

/// <summary>The channels' names in reports, JSON and CSV: <c>portal</c>, <c>post-office</c>, <c>call-centre</c>, <c>api</c>.</summary>
public static class EServiceChannels
{
    public static IReadOnlyList<EServiceChannel> All { get; } = Enum.GetValues<EServiceChannel>();

    public static string Name(this EServiceChannel channel) => channel switch
    {
        EServiceChannel.Portal => "portal",
        EServiceChannel.PostOffice => "post-office",
        EServiceChannel.CallCentre => "call-centre",
        EServiceChannel.Api => "api",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "not a channel"),
    };

    /// <summary>The channel of a stored name; false for one this build does not know (then it is reported under its name alone).</summary>
    public static bool TryParse(string? name, out EServiceChannel channel)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                channel = candidate;
                return true;
            }
        }
        channel = default;
        return false;
    }
}
