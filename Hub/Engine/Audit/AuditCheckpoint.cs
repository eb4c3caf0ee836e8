using System.Globalization;

namespace IntegrationHub.Hub.Engine.Audit;

/// <summary>
/// A signed statement about one audit chain (segment), by the hub that writes it. <see cref="Head"/>: at
/// <see cref="Time"/> the chain reached record <see cref="Sequence"/>, whose hash was <see cref="Hash"/> (and so,
/// through the chain, every record before it). <see cref="Purge"/>: retention is about to remove the records up
/// to <see cref="Sequence"/> (the last dated <see cref="RecordTime"/>), leaving that record as the anchor. No
/// personal data: sequences, hashes and times.
/// </summary>
/// <param name="Instance">The process that signed it (host:process id).</param>
/// <param name="KeyId">Which key signed it (<see cref="AuditSigningKey.KeyId"/>).</param>
/// <param name="Signature">Over <see cref="Canonical"/>: see <see cref="AuditSigningKey.Algorithm"/>.</param>
public sealed record AuditCheckpoint(
    string Kind,
    string Segment,
    string Instance,
    long Sequence,
    string Hash,
    DateTimeOffset? RecordTime,
    DateTimeOffset Time,
    string KeyId,
    string Signature)
{
    public const string Head = "head";
    public const string Purge = "purge";

    /// <summary>
    /// The signed bytes: the UTF-8 JSON array <c>["audit-checkpoint/1", kind, segment, instance, sequence, hash,
    /// recordTime or null, time, keyId]</c>, times as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>, without spaces. An auditor's
    /// own tool rebuilds it from the published fields (docs/trust.md).
    /// </summary>
    public byte[] Canonical()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            w.WriteStringValue("audit-checkpoint/1");
            w.WriteStringValue(Kind);
            w.WriteStringValue(Segment);
            w.WriteStringValue(Instance);
            w.WriteNumberValue(Sequence);
            w.WriteStringValue(Hash);
            if (RecordTime is { } recorded) w.WriteStringValue(Format(recorded));
            else w.WriteNullValue();
            w.WriteStringValue(Format(Time));
            w.WriteStringValue(KeyId);
            w.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Milliseconds, as the audit records keep time: a checkpoint read back signs the same bytes.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
