using System.Text.Json.Serialization;
using IntegrationHub.Contracts.Text;

namespace IntegrationHub.Hub.Engine.Profiles;

/// <summary>
/// The profile's JSON, as the engine writes it once: the bytes the audit record hashes and the HTTP door sends
/// unchanged. The host's HTTP JSON follows the same rules (<see cref="Apply"/>), so every body reads and writes alike.
/// </summary>
public static class ProfileJson
{
    // Declared before Options: Options' splicing converter writes what it does not splice with these.
    /// <summary>
    /// The same rules without splicing cached data (<see cref="CachedDataJson"/>): what a profile's JSON is by definition,
    /// and what the agency cache writes and reads its answers with. Read-only.
    /// </summary>
    public static JsonSerializerOptions Unspliced { get; } = Frozen(splice: false);

    /// <summary>
    /// Web defaults (camelCase) with <see cref="Apply"/>, splicing the JSON a cached answer keeps (<see cref="CachedDataJson"/>)
    /// instead of serializing its data again: byte for byte what <see cref="Unspliced"/> writes. Read-only.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Frozen(splice: true);

    /// <summary>Makes <paramref name="options"/> follow the profile's rules and returns it.</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // A data set the caller may not see is absent from the profile, not null.
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return StrictJson.Apply(options);
    }

    private static JsonSerializerOptions Frozen(bool splice)
    {
        var options = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        if (splice) options.Converters.Add(new CachedDataJson.Splicer());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
