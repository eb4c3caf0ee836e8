using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Contracts.Profiles;

namespace IntegrationHub.Hub.Messaging;

/// <summary>
/// Writes a profile into a bus message as the JSON its audit record hashes, when the consumer attached it
/// (<see cref="Attach"/>): the reply carries the bytes the audit describes, and the profile is not serialized a second
/// time. A profile without attached JSON, and every read, go through the bus's own settings unchanged.
/// </summary>
public sealed class AuditedProfileJson(JsonSerializerOptions others) : JsonConverter<HouseholdProfile>
{
    private static readonly ConditionalWeakTable<HouseholdProfile, StrongBox<ReadOnlyMemory<byte>>> Audited = [];

    /// <summary>The JSON to send for <paramref name="profile"/>: exactly the bytes hashed into its audit record.</summary>
    public static void Attach(HouseholdProfile profile, ReadOnlyMemory<byte> json)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!json.IsEmpty) Audited.AddOrUpdate(profile, new StrongBox<ReadOnlyMemory<byte>>(json));
    }

    /// <summary>Adds the converter to <paramref name="options"/> (idempotent); what it does not write raw is written with the settings before it.</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Converters.Any(c => c is AuditedProfileJson)) options.Converters.Add(new AuditedProfileJson(new JsonSerializerOptions(options)));
        return options;
    }

    public override HouseholdProfile? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<HouseholdProfile>(ref reader, others);

    public override void Write(Utf8JsonWriter writer, HouseholdProfile value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is not null && Audited.TryGetValue(value, out var json))
        {
            // Written by the hub's own serializer a moment ago: valid JSON, not validated again.
            writer.WriteRawValue(json.Value.Span, skipInputValidation: true);
            return;
        }
        JsonSerializer.Serialize(writer, value, others);
    }
}
