using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Hub.Engine.Audit.Segments;

/// <summary>
/// One record of a segment file: a line <c>{"hash":"&lt;64 hex digits&gt;","record":&lt;canonical array&gt;}</c>
/// and a newline. The hash is the SHA-256 of exactly the bytes of the array as they stand in the line
/// (<see cref="AuditRecord.Canonical"/>), so an auditor's own tool checks a line without re-serialising anything:
/// the array starts at byte 84 of the line and ends before its closing brace.
/// </summary>
public static class AuditLine
{
    private static ReadOnlySpan<byte> Prefix => "{\"hash\":\""u8;
    private static ReadOnlySpan<byte> Middle => "\",\"record\":"u8;
    private static ReadOnlySpan<byte> Suffix => "}\n"u8;
    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>Writes <paramref name="record"/>'s line (newline included) to <paramref name="buffer"/> and sets its <see cref="AuditRecord.Hash"/>.</summary>
    /// <param name="json">A writer to reuse; it is reset onto <paramref name="buffer"/>.</param>
    public static void Write(AuditRecord record, LineBuffer buffer, Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(json);
        buffer.Write(Prefix);
        var hashAt = buffer.Length;
        buffer.GetSpan(64)[..64].Clear();
        buffer.Advance(64);
        buffer.Write(Middle);
        var canonicalAt = buffer.Length;
        json.Reset(buffer);
        record.WriteCanonical(json);
        json.Flush();
        var canonicalLength = buffer.Length - canonicalAt;
        buffer.Write(Suffix);

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer.Written.Slice(canonicalAt, canonicalLength), hash);
        var hex = buffer.Written.Slice(hashAt, 64);
        for (var i = 0; i < 32; i++)
        {
            hex[2 * i] = HexDigits[hash[i] >> 4];
            hex[(2 * i) + 1] = HexDigits[hash[i] & 0xF];
        }
        record.Hash = Encoding.ASCII.GetString(hex);
    }

    /// <summary>The line for <paramref name="record"/> as it stands (its <see cref="AuditRecord.Hash"/> kept, not recomputed): for a record carried over as it was.</summary>
    public static byte[] Copy(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new LineBuffer(1024);
        buffer.Write(Prefix);
        buffer.Write(Encoding.ASCII.GetBytes(record.Hash ?? ""));
        buffer.Write(Middle);
        using (var json = new Utf8JsonWriter(buffer)) record.WriteCanonical(json);
        buffer.Write(Suffix);
        return buffer.Written.ToArray();
    }

    /// <summary>
    /// Reads a line (without its newline): the record and whether its stored hash is the hash of its array. False,
    /// with <paramref name="error"/>, when the line is not an audit record at all.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> line, out AuditRecord record, out bool hashMatches, out string error)
    {
        record = null!;
        hashMatches = false;
        try
        {
            if (!TrySplit(line, out var hash, out var canonical, out error)) return false;
            record = AuditRecord.ReadCanonical(canonical, hash);
            hashMatches = HashOf(canonical) == hash;
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// Reads of a line only what the views index (<see cref="IndexedRecord"/>), its hash not checked: false when the
    /// line is not an audit record.
    /// </summary>
    public static bool TryReadIndexed(ReadOnlySpan<byte> line, out IndexedRecord record)
    {
        record = default;
        try
        {
            if (!TrySplit(line, out var hash, out var canonical, out _)) return false;
            record = AuditRecord.ReadIndexed(canonical, Convert.FromHexString(hash));
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            return false;
        }
    }

    /// <summary>The line's stored hash and the bytes of its canonical array.</summary>
    private static bool TrySplit(ReadOnlySpan<byte> line, out string hash, out ReadOnlySpan<byte> canonical, out string error)
    {
        hash = "";
        canonical = ReadOnlySpan<byte>.Empty;
        error = "";
        try
        {
            var r = new Utf8JsonReader(line);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject) throw new JsonException("not a JSON object");
            string? stored = null;
            var found = false;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("hash"u8))
                {
                    r.Read();
                    stored = r.TokenType == JsonTokenType.String ? r.GetString() : throw new JsonException("hash is not a string");
                }
                else if (r.ValueTextEquals("record"u8))
                {
                    r.Read();
                    if (r.TokenType != JsonTokenType.StartArray) throw new JsonException("record is not an array");
                    var start = (int)r.TokenStartIndex;
                    r.Skip();
                    canonical = line[start..(int)r.BytesConsumed];
                    found = true;
                }
                else
                {
                    throw new JsonException("unknown field " + r.GetString());
                }
            }
            if (r.TokenType != JsonTokenType.EndObject || r.Read()) throw new JsonException("not one JSON object");
            if (stored is null || !found) throw new JsonException("hash or record missing");
            hash = stored;
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>SHA-256 (hex, lower case) of the bytes.</summary>
    public static string HashOf(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash);
    }
}

/// <summary>A growable byte buffer whose written bytes stay writable (the line's hash is filled in after its record).</summary>
public sealed class LineBuffer(int capacity) : IBufferWriter<byte>
{
    private byte[] _bytes = new byte[Math.Max(capacity, 256)];

    public int Length { get; private set; }

    public Span<byte> Written => _bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _bytes.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _bytes.AsSpan(Length);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(Length));
        Length += bytes.Length;
    }

    private void Ensure(int sizeHint)
    {
        var needed = Length + Math.Max(sizeHint, 1);
        if (needed > _bytes.Length) Array.Resize(ref _bytes, Math.Max(needed, _bytes.Length * 2));
    }
}
