using IntegrationHub.Storage.Postgres;
using Npgsql;

namespace IntegrationHub.Hub.Engine.Audit.Postgres;

/// <summary>
/// One segment's signed checkpoints in <c>audit_checkpoints</c> (one JSON object a row, as the file keeps them), so
/// that the checkpoints of every instance are where any instance's verify finds them.
/// </summary>
public sealed class PostgresCheckpointLog(PostgresDatabase database, Func<string> segment) : IAuditCheckpointLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Path => $"audit_checkpoints of segment {segment()} in the PostgreSQL database {database.Name}";

    public void Append(AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var name = segment();
        PostgresSegmentChain.Read(database, connection =>
        {
            using var insert = new NpgsqlCommand("insert into audit_checkpoints (segment, body) values ($1, $2)", connection);
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(checkpoint, Json) });
            return insert.ExecuteNonQuery();
        });
    }

    public (IReadOnlyList<AuditCheckpoint> Checkpoints, IReadOnlyList<string> Unreadable) ReadAll()
    {
        var name = segment();
        return PostgresSegmentChain.Read(database, connection =>
        {
            var checkpoints = new List<AuditCheckpoint>();
            var unreadable = new List<string>();
            using var query = new NpgsqlCommand("select id, body from audit_checkpoints where segment = $1 order by id", connection);
            query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            using var reader = query.ExecuteReader();
            while (reader.Read())
            {
                try
                {
                    var checkpoint = JsonSerializer.Deserialize<AuditCheckpoint>(reader.GetString(1), Json);
                    if (checkpoint is null || checkpoint.Kind is null || checkpoint.Hash is null || checkpoint.Signature is null) throw new JsonException("not a checkpoint");
                    checkpoints.Add(checkpoint);
                }
                catch (JsonException)
                {
                    unreadable.Add($"row {reader.GetInt64(0)}");
                }
            }
            return ((IReadOnlyList<AuditCheckpoint>)checkpoints, (IReadOnlyList<string>)unreadable);
        });
    }
}
