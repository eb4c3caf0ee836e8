using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Contracts.Text;

namespace IntegrationHub.Hub.Engine.Profiles;

/// <summary>
/// The profile's JSON, as the engine writes it once: the bytes the audit record hashes and the HTTP door sends
/// unchanged. The host's HTTP JSON follows the same rules (<see cref="Apply"/>), so every body reads and writes alike.
/// </summary>
public static class ProfileJson
{
    /// <summary>Web defaults (camelCase) with <see cref="Apply"/>; read-only.</summary>
    public static JsonSerializerOptions Options { get; } = Frozen();

    /// <summary>Makes <paramref name="options"/> follow the profile's rules and returns it.</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // A data set the caller may not see is absent from the profile, not null.
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return StrictJson.Apply(options);
    }

    private static JsonSerializerOptions Frozen()
    {
        var options = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
