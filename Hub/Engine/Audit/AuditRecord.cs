using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Hub.Engine.Audit;

/// <summary>
/// One access to the hub, kept in the audit log: who asked, for which purpose and case, whose data, which
/// agencies were asked and how they answered, and the hash of what was returned. Each record carries the hash
/// of the one before it, so a record changed or removed breaks the chain from there on.
/// </summary>
public sealed class AuditRecord
{
    /// <summary>Sequence number in this segment, from 1, without gaps.</summary>
    public long Id { get; set; }

    /// <summary>When the record was written (UTC, millisecond precision, as the canonical form keeps it).</summary>
    public DateTimeOffset Time { get; set; }

    /// <summary>The audit segment (hub instance) that wrote it.</summary>
    public string Segment { get; set; } = "";

    public Guid RequestId { get; set; }

    /// <summary>The requesting subsystem as authenticated (HTTP) or as named in the message (bus).</summary>
    public string Caller { get; set; } = "";

    public string? Officer { get; set; }

    public string Purpose { get; set; } = "";

    public string CaseNumber { get; set; } = "";

    /// <summary>The applicant's FIN when the request named a valid one.</summary>
    public string? Applicant { get; set; }

    /// <summary>FINs of everyone whose data was asked for: every member of the profile (or, when refused, the people the request named).</summary>
    public List<string> Subjects { get; set; } = [];

    /// <summary><c>ok</c> when a profile was returned, otherwise the refusal code.</summary>
    public string Outcome { get; set; } = "";

    /// <summary>The agencies asked, with how they answered; empty when no agency was asked.</summary>
    public List<AgencyAccess> Agencies { get; set; } = [];

    public Guid? ProfileId { get; set; }

    /// <summary>SHA-256 (hex) of the profile JSON as returned over HTTP; null when nothing was returned.</summary>
    public string? ProfileHash { get; set; }

    /// <summary>
    /// For an answer sent again under the same request id (a redelivered or retried bus request): the sequence of
    /// the record of the first answer, whose profile id and hash this one repeats. Null for a first answer.
    /// </summary>
    public long? ReplayOf { get; set; }

    /// <summary>The <see cref="Hash"/> of the record before this one (or of the chain's anchor).</summary>
    public string PreviousHash { get; set; } = "";

    /// <summary>SHA-256 (hex) of <see cref="Canonical"/>: every field above, in a fixed order.</summary>
    public string Hash { get; set; } = "";

    public const string Ok = "ok";

    /// <summary>The genesis "previous hash" of a segment's first record.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The bytes the hash covers: a JSON array of every field but <see cref="Hash"/>, in a fixed order.</summary>
    public byte[] Canonical()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer)) WriteCanonical(w);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes <see cref="Canonical"/> to <paramref name="w"/> (the segment writes it straight into its line).</summary>
    public void WriteCanonical(Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartArray();
        w.WriteNumberValue(Id);
        w.WriteStringValue(Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteStringValue(Norm(Segment));
        w.WriteStringValue(RequestId.ToString("N"));
        w.WriteStringValue(Norm(Caller));
        w.WriteStringValue(Norm(Officer));
        w.WriteStringValue(Norm(Purpose));
        w.WriteStringValue(Norm(CaseNumber));
        w.WriteStringValue(Norm(Applicant));
        w.WriteStartArray();
        foreach (var subject in Subjects) w.WriteStringValue(Norm(subject));
        w.WriteEndArray();
        w.WriteStringValue(Norm(Outcome));
        w.WriteStartArray();
        foreach (var a in Agencies)
        {
            w.WriteStartArray();
            w.WriteStringValue(Norm(a.Agency));
            w.WriteStringValue(Norm(a.DataSet));
            w.WriteNumberValue(a.Asked);
            w.WriteNumberValue(a.Ok);
            w.WriteNumberValue(a.NotFound);
            w.WriteNumberValue(a.Failed);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteStringValue(ProfileId?.ToString("N"));
        w.WriteStringValue(Norm(ProfileHash));
        w.WriteStringValue(Norm(PreviousHash));
        // Only when set: records written before the field existed keep the hash they were chained with.
        if (ReplayOf is { } first) w.WriteNumberValue(first);
        w.WriteEndArray();
    }

    /// <summary>
    /// The record whose <see cref="Canonical"/> form <paramref name="canonical"/> is, with <paramref name="hash"/> as
    /// its stored hash (not checked here: the chain's walk compares it). Throws <see cref="JsonException"/> or
    /// <see cref="FormatException"/> when the bytes are not such an array.
    /// </summary>
    public static AuditRecord ReadCanonical(ReadOnlySpan<byte> canonical, string hash)
    {
        var r = new Utf8JsonReader(canonical);
        Expect(ref r, JsonTokenType.StartArray);
        var record = new AuditRecord
        {
            Id = Number(ref r),
            Time = DateTimeOffset.ParseExact(Text(ref r) ?? "", "yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal),
            Segment = Text(ref r) ?? "",
            RequestId = Guid.ParseExact(Text(ref r) ?? "", "N"),
            Caller = Text(ref r) ?? "",
            Officer = Text(ref r),
            Purpose = Text(ref r) ?? "",
            CaseNumber = Text(ref r) ?? "",
            Applicant = Text(ref r),
        };
        Expect(ref r, JsonTokenType.StartArray);
        while (Next(ref r) != JsonTokenType.EndArray) record.Subjects.Add(Current(ref r) ?? "");
        record.Outcome = Text(ref r) ?? "";
        Expect(ref r, JsonTokenType.StartArray);
        while (Next(ref r) == JsonTokenType.StartArray)
        {
            record.Agencies.Add(new AgencyAccess
            {
                Agency = Text(ref r) ?? "",
                DataSet = Text(ref r) ?? "",
                Asked = (int)Number(ref r),
                Ok = (int)Number(ref r),
                NotFound = (int)Number(ref r),
                Failed = (int)Number(ref r),
            });
            Expect(ref r, JsonTokenType.EndArray);
        }
        if (r.TokenType != JsonTokenType.EndArray) throw new JsonException("agencies: an array of arrays was expected");
        record.ProfileId = Text(ref r) is { } profile ? Guid.ParseExact(profile, "N") : null;
        record.ProfileHash = Text(ref r);
        record.PreviousHash = Text(ref r) ?? "";
        if (Next(ref r) == JsonTokenType.Number)
        {
            record.ReplayOf = r.GetInt64();
            Next(ref r);
        }
        if (r.TokenType != JsonTokenType.EndArray || r.Read()) throw new JsonException("the record has more fields than it should");
        record.Hash = hash;
        return record;
    }

    /// <summary>
    /// Of the <see cref="Canonical"/> form <paramref name="canonical"/>, only what the searchable views index (the
    /// agencies skipped, nothing but the time parsed beyond the reader's own work). Throws like <see cref="ReadCanonical"/>.
    /// </summary>
    public static IndexedRecord ReadIndexed(ReadOnlySpan<byte> canonical, byte[] hash)
    {
        var r = new Utf8JsonReader(canonical);
        Expect(ref r, JsonTokenType.StartArray);
        var id = Number(ref r);
        var time = DateTimeOffset.ParseExact(Text(ref r) ?? "", "yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);
        Next(ref r); // segment
        Next(ref r); // request id
        var caller = Text(ref r) ?? "";
        Next(ref r); // officer
        var purpose = Text(ref r) ?? "";
        Next(ref r); // case number
        Next(ref r); // applicant
        Expect(ref r, JsonTokenType.StartArray);
        var subjectsAt = (int)r.TokenStartIndex;
        var subjects = new List<string>(4);
        while (Next(ref r) != JsonTokenType.EndArray) subjects.Add(Current(ref r) ?? "");
        var subjectsJson = canonical[subjectsAt..(int)r.BytesConsumed].ToArray();
        var outcome = Text(ref r) ?? "";
        Expect(ref r, JsonTokenType.StartArray);
        r.Skip(); // agencies
        Next(ref r); // profile id
        Next(ref r); // profile hash
        Next(ref r); // previous hash
        var replay = Next(ref r) == JsonTokenType.Number;
        return new IndexedRecord(id, time.UtcTicks, caller, purpose, subjects, subjectsJson, outcome == Ok && !replay, hash);
    }

    private static JsonTokenType Next(ref Utf8JsonReader r) => r.Read() ? r.TokenType : throw new JsonException("the record ends too early");

    private static void Expect(ref Utf8JsonReader r, JsonTokenType type)
    {
        if (Next(ref r) != type) throw new JsonException($"{type} was expected, not {r.TokenType}");
    }

    private static long Number(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.Number);
        return r.GetInt64();
    }

    private static string? Text(ref Utf8JsonReader r)
    {
        Next(ref r);
        return Current(ref r);
    }

    private static string? Current(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => r.GetString(),
        _ => throw new JsonException($"a string was expected, not {r.TokenType}"),
    };

    public string ComputeHash() => Sha256(Canonical());

    // Empty and null are one (the earlier LiteDB store kept an empty string as null): the hash must not tell them apart.
    private static string? Norm(string? text) => string.IsNullOrEmpty(text) ? null : text;

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Sha256(string text) => Sha256(Encoding.UTF8.GetBytes(text));
}

/// <summary>What the searchable views index of a record (<see cref="AuditRecord.ReadIndexed"/>).</summary>
/// <param name="SubjectsJson">The subjects as they stand in the record's line (a JSON array of strings).</param>
/// <param name="Returned">A profile was returned (<see cref="AuditRecord.Ok"/>), and not as a replay of an earlier answer.</param>
/// <param name="Hash">The record's stored hash, as bytes.</param>
public readonly record struct IndexedRecord(long Id, long Ticks, string Caller, string Purpose, List<string> Subjects, byte[] SubjectsJson, bool Returned, byte[] Hash);

/// <summary>One agency asked during an access: about how many people, and how it answered.</summary>
public sealed class AgencyAccess
{
    public string Agency { get; set; } = "";

    public string DataSet { get; set; } = "";

    public int Asked { get; set; }

    public int Ok { get; set; }

    public int NotFound { get; set; }

    /// <summary>No answer: failed, timed out or circuit open.</summary>
    public int Failed { get; set; }
}

/// <summary>What the caller of <see cref="IAuditStore.AppendAsync"/> knows; the log adds sequence, time and hashes.</summary>
public sealed record AuditEntry(
    Guid RequestId,
    string Caller,
    string? Officer,
    string Purpose,
    string CaseNumber,
    string? Applicant,
    IReadOnlyList<string> Subjects,
    string Outcome,
    IReadOnlyList<AgencyAccess> Agencies,
    Guid? ProfileId,
    string? ProfileHash,
    long? ReplayOf = null);
