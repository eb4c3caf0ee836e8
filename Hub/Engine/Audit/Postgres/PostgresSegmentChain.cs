using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Storage.Postgres;
using Npgsql;

namespace IntegrationHub.Hub.Engine.Audit.Postgres;

/// <summary>
/// One segment of <c>audit_records</c> read as it stands (another instance's, for a verify that walks every segment;
/// or this instance's own up to its durable head). Never writes.
/// </summary>
public sealed class PostgresSegmentChain(PostgresDatabase database, string segment) : IAuditChainReader
{
    public string Segment => segment;

    public ChainAnchor? Anchor => Read(connection => ReadAnchor(connection, segment));

    public ChainPosition Head => Read(connection =>
    {
        using var query = new NpgsqlCommand("select seq, hash from audit_records where segment = $1 order by seq desc limit 1", connection);
        query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = segment });
        using (var reader = query.ExecuteReader())
        {
            if (reader.Read()) return new ChainPosition(reader.GetInt64(0), reader.GetString(1));
        }
        return ReadAnchor(connection, segment) is { } anchor ? new ChainPosition(anchor.Sequence, anchor.Hash) : new ChainPosition(0, AuditRecord.Genesis);
    });

    public ChainWalk Walk(IReadOnlySet<long> hashesOf) => Walk(database, segment, Anchor, hashesOf, long.MaxValue);

    public string? HashAt(long sequence) => HashAt(database, segment, sequence);

    public static string? HashAt(PostgresDatabase database, string segment, long sequence) => Read(database, connection =>
    {
        using var query = new NpgsqlCommand("select hash from audit_records where segment = $1 and seq = $2", connection);
        query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = segment });
        query.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequence });
        return query.ExecuteScalar() as string;
    });

    /// <summary>Every segment the database holds records, an anchor or checkpoints of.</summary>
    public static IReadOnlyList<string> Segments(PostgresDatabase database) => Read(database, connection =>
    {
        using var query = new NpgsqlCommand(
            "select segment from audit_anchors union select segment from audit_checkpoints union select distinct segment from audit_records order by 1", connection);
        var segments = new List<string>();
        using var reader = query.ExecuteReader();
        while (reader.Read()) segments.Add(reader.GetString(0));
        return segments;
    });

    /// <summary>
    /// Walks the segment's records in order up to <paramref name="through"/>, from the anchor (or the genesis): each
    /// must carry the next sequence (in its row and in its canonical form), its segment's name, the hash of the one
    /// before, and the hash of its canonical form.
    /// </summary>
    public static ChainWalk Walk(PostgresDatabase database, string segment, ChainAnchor? anchor, IReadOnlySet<long> hashesOf, long through)
    {
        ArgumentNullException.ThrowIfNull(hashesOf);
        return Read(database, connection =>
        {
            var walker = new ChainWalker(anchor, hashesOf, segment);
            using var query = new NpgsqlCommand("select seq, line, hash from audit_records where segment = $1 and seq <= $2 order by seq", connection);
            query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = segment });
            query.Parameters.Add(new NpgsqlParameter<long> { TypedValue = through });
            using var reader = query.ExecuteReader();
            while (reader.Read())
            {
                var seq = reader.GetInt64(0);
                var line = Encoding.UTF8.GetBytes(reader.GetString(1));
                var hash = reader.GetString(2);
                walker.Saw(seq, hash);
                if (walker.IsBroken) continue;
                if (anchor is not null && seq <= anchor.Sequence) continue;
                AuditRecord record;
                try
                {
                    record = AuditRecord.ReadCanonical(line, hash);
                }
                catch (Exception e) when (e is JsonException or FormatException)
                {
                    walker.Broken(seq, $"not an audit record ({e.Message}): the row was edited");
                    continue;
                }
                var misplaced = record.Id != seq || record.Segment != segment
                    ? $"its content names record {record.Id} of segment '{record.Segment}': the row was moved or copied"
                    : null;
                walker.Check(seq, record.PreviousHash, hash, Convert.ToHexStringLower(SHA256.HashData(line)) == hash, misplaced);
            }
            return walker.Result();
        });
    }

    private static ChainAnchor? ReadAnchor(NpgsqlConnection connection, string segment)
    {
        using var query = new NpgsqlCommand("select seq, hash, time from audit_anchors where segment = $1", connection);
        query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = segment });
        using var reader = query.ExecuteReader();
        return reader.Read() ? new ChainAnchor(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)) : null;
    }

    private T Read<T>(Func<NpgsqlConnection, T> read) => Read(database, read);

    internal static T Read<T>(PostgresDatabase database, Func<NpgsqlConnection, T> read)
    {
        try
        {
            database.EnsureSchemaAsync(CancellationToken.None).GetAwaiter().GetResult();
            using var connection = database.DataSource.OpenConnection();
            return read(connection);
        }
        catch (Exception e) when (PostgresDatabase.IsUnavailable(e))
        {
            throw database.Unavailable(e);
        }
    }
}
