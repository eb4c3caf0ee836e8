using System.Text;

namespace IntegrationHub.Hub.Engine.Audit;

/// <summary>
/// Where one segment's signed checkpoints are kept, apart from the log they vouch for: a file beside it for the
/// embedded store (<see cref="AuditCheckpointFile"/>), a table of the shared database for PostgreSQL.
/// </summary>
public interface IAuditCheckpointLog
{
    /// <summary>Where they are, for messages (a file's full path, or the database's table and segment).</summary>
    string Path { get; }

    /// <summary>Appends <paramref name="checkpoint"/> durably before returning.</summary>
    void Append(AuditCheckpoint checkpoint);

    /// <summary>Every checkpoint, oldest first, and the entries that are not one (by place).</summary>
    (IReadOnlyList<AuditCheckpoint> Checkpoints, IReadOnlyList<string> Unreadable) ReadAll();

    /// <summary>The newest checkpoints, newest first.</summary>
    IReadOnlyList<AuditCheckpoint> Newest(int count) => ReadAll().Checkpoints.Reverse().Take(count).ToList();
}

/// <summary>
/// The signed checkpoints of one segment, one JSON object a line, appended and fsynced, in a file apart from
/// the log they vouch for (<see cref="AuditOptions.CheckpointFilePath"/>). A last line cut short by a crash is
/// not a checkpoint (it was never acknowledged) and is skipped; any other line that does not read is reported.
/// </summary>
public sealed class AuditCheckpointFile(string path) : IAuditCheckpointLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock _lock = new();

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public void Append(AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var line = JsonSerializer.SerializeToUtf8Bytes(checkpoint, Json);
        lock (_lock)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            // A line left without its end by a crash would swallow this one: start on a line of its own.
            if (file.Length > 0 && LastByte(Path) != (byte)'\n') file.WriteByte((byte)'\n');
            file.Write(line);
            file.WriteByte((byte)'\n');
            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>Every checkpoint in the file, oldest first, and the lines that are not one (by line number).</summary>
    public (IReadOnlyList<AuditCheckpoint> Checkpoints, IReadOnlyList<string> Unreadable) ReadAll()
    {
        var checkpoints = new List<AuditCheckpoint>();
        var unreadable = new List<string>();
        if (!File.Exists(Path)) return (checkpoints, unreadable);
        string text;
        lock (_lock)
        {
            using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(file, Encoding.UTF8);
            text = reader.ReadToEnd();
        }
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0) continue;
            var torn = i == lines.Length - 1; // no newline after it: cut short by a crash while being written
            try
            {
                var checkpoint = JsonSerializer.Deserialize<AuditCheckpoint>(line, Json);
                if (checkpoint is null || checkpoint.Kind is null || checkpoint.Hash is null || checkpoint.Signature is null) throw new JsonException("not a checkpoint");
                checkpoints.Add(checkpoint);
            }
            catch (JsonException) when (torn)
            {
                // Never acknowledged: skipped.
            }
            catch (JsonException)
            {
                unreadable.Add($"line {i + 1}");
            }
        }
        return (checkpoints, unreadable);
    }

    /// <summary>The newest checkpoints, newest first.</summary>
    public IReadOnlyList<AuditCheckpoint> Newest(int count) => ReadAll().Checkpoints.Reverse().Take(count).ToList();

    private static int LastByte(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (file.Length == 0) return -1;
        file.Seek(-1, SeekOrigin.End);
        return file.ReadByte();
    }
}
