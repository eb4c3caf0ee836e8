namespace IntegrationHub.Hub.Operations;

/// <summary>Tracing settings (section <c>Telemetry</c>), read while the services are registered.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Build spans for an in-process listener even without an OTLP collector.</summary>
    public bool Tracing { get; set; }

    /// <summary>
    /// The section as bound, an empty value being unset; a value that is not a boolean refuses the start with the
    /// binder's message, which names the setting (a bare <see cref="bool.Parse(string)"/> would name only the value).
    /// </summary>
    public static TelemetryOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrEmpty(configuration[SectionName + ":" + nameof(Tracing)])) return new TelemetryOptions();
        return configuration.GetSection(SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
    }
}
