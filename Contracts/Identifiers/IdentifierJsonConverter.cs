using System.Text.Json;

namespace IntegrationHub.Contracts.Identifiers;

/// <summary>Reads and writes an identifier as its canonical string; an invalid string is a <see cref="JsonException"/> with the reason.</summary>
public sealed class IdentifierJsonConverter<T> : JsonConverter<T> where T : class, IIdentifier<T>
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"{T.Kind} must be a JSON string.");
        }
        var text = reader.GetString();
        return T.TryParse(text, out var value, out var error) ? value : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return T.TryParse(text, out var value, out var error) ? value : throw new JsonException(error);
    }

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Value);
}
