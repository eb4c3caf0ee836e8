using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace IntegrationHub.Hub.Engine.Profiles;

/// <summary>
/// The JSON of an agency's data as a cache entry keeps it: written once when the answer is cached (<see cref="Keep"/>)
/// and spliced into every profile that serves that answer (<see cref="ProfileJson.Options"/>) instead of serializing the
/// same data again per answer. The bytes are what <see cref="ProfileJson.Unspliced"/> writes for that very object, so
/// a profile's JSON, and the hash in its audit record, are the same either way. Only the data is spliced: each data set's
/// status, provenance (fromCache, stale, age) and detail are written per answer.
/// </summary>
/// <remarks>
/// The bytes live as long as the data object they were written from (a weak table keyed by it), so an answer dropped from
/// the cache takes its JSON with it. Data the policy cuts or rebuilds is another object and is written normally.
/// </remarks>
public static class CachedDataJson
{
    private static readonly ConditionalWeakTable<object, byte[]> Kept = [];

    /// <summary>The data types a profile holds in its data sets (<c>DataSet&lt;T&gt;</c> on a member or on the address): only these are spliced.</summary>
    internal static FrozenSet<Type> DataTypes { get; } = typeof(MemberProfile).GetProperties().Concat(typeof(AddressProfile).GetProperties())
        .Select(p => p.PropertyType)
        .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(DataSet<>))
        .Select(t => t.GetGenericArguments()[0])
        .ToFrozenSet();

    /// <summary>
    /// Writes <paramref name="data"/>'s JSON once and, for a profile's data type, keeps it for splicing for as long as
    /// <paramref name="data"/> lives. Returns the bytes (UTF-8).
    /// </summary>
    public static byte[] Keep<T>(T data) where T : class
    {
        ArgumentNullException.ThrowIfNull(data);
        var json = JsonSerializer.SerializeToUtf8Bytes(data, ProfileJson.Unspliced);
        if (DataTypes.Contains(typeof(T))) Kept.AddOrUpdate(data, json);
        return json;
    }

    /// <summary>Writes a profile's data as the bytes kept for it, or, without any, as <see cref="ProfileJson.Unspliced"/> would.</summary>
    internal sealed class Splicer : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => DataTypes.Contains(typeToConvert);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(Splice<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class Splice<T> : JsonConverter<T> where T : class
    {
        private readonly JsonTypeInfo<T> _unspliced = (JsonTypeInfo<T>)ProfileJson.Unspliced.GetTypeInfo(typeof(T));

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize(ref reader, _unspliced);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            if (Kept.TryGetValue(value, out var json))
            {
                // Written by the same serializer when the answer was cached: valid JSON, not validated again.
                writer.WriteRawValue(json, skipInputValidation: true);
                return;
            }
            JsonSerializer.Serialize(writer, value, _unspliced);
        }
    }
}
