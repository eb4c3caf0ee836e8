using System.Text.Json;

namespace IntegrationHub.Contracts.Text;

/// <summary>
/// How these contracts are read from JSON, by the hub over HTTP and over the bus: a key given twice is refused instead of the
/// last one silently winning, and an enum is one of its names, never a number ("3") or a comma list
/// ("Spouse,Child", which System.Text.Json would OR into Parent). Writing is unchanged: enums as their names.
/// </summary>
public static class StrictJson
{
    /// <summary>Makes <paramref name="options"/> strict (idempotent) and returns it.</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AllowDuplicateProperties = false;
        // First, so it wins over the JsonStringEnumConverter<T> attributes of the contract's enums.
        if (!options.Converters.Any(c => c is EnumNameConverterFactory)) options.Converters.Insert(0, new EnumNameConverterFactory());
        return options;
    }
}

/// <summary>Enums as their names, read by exact name (case aside) through <see cref="EnumNames"/>.</summary>
public sealed class EnumNameConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override System.Text.Json.Serialization.JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (System.Text.Json.Serialization.JsonConverter)Activator.CreateInstance(typeof(EnumNameConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class EnumNameConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
    {
        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw Invalid(reader.TokenType.ToString().ToLowerInvariant());

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(Name(value));

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WritePropertyName(Name(value));

        private static TEnum Parse(string? text) => EnumNames.TryParse<TEnum>(text, out var value) ? value : throw Invalid($"'{text}'");

        // A value without a name (never produced on purpose) is written as its number rather than failing the answer.
        private static string Name(TEnum value) => Enum.GetName(value) ?? value.ToString();

        private static JsonException Invalid(string given) =>
            new($"{given} is not a {typeof(TEnum).Name}: expected one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
    }
}
