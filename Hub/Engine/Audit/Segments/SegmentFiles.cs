using System.Globalization;
using System.Runtime.InteropServices;

namespace IntegrationHub.Hub.Engine.Audit.Segments;

/// <summary>
/// The files of one segment, in a directory of its own: chunk files <c>&lt;first sequence, 20 digits&gt;.log</c> of
/// <see cref="AuditLine"/>s in sequence order (a new chunk each UTC day and past a size, so a retention purge deletes
/// whole files), <c>anchor.json</c> once records were purged, and the views (<c>views.db</c>, derived). The order of
/// the chunks is their names'; what a chunk holds is read from its lines, never assumed from its name.
/// </summary>
public static partial class SegmentFiles
{
    public const string AnchorFile = "anchor.json";
    private const string ChunkExtension = ".log";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string ChunkName(long firstSequence) => firstSequence.ToString("D20", CultureInfo.InvariantCulture) + ChunkExtension;

    /// <summary>The chunk files, oldest first.</summary>
    public static List<string> Chunks(string directory)
    {
        if (!Directory.Exists(directory)) return [];
        var chunks = Directory.GetFiles(directory, "*" + ChunkExtension)
            .Where(p => Path.GetFileNameWithoutExtension(p) is { Length: 20 } name && name.All(char.IsAsciiDigit))
            .ToList();
        chunks.Sort(StringComparer.Ordinal);
        return chunks;
    }

    /// <summary>The first sequence a chunk was created for (its name).</summary>
    public static long NamedSequence(string chunk) => long.Parse(Path.GetFileNameWithoutExtension(chunk), CultureInfo.InvariantCulture);

    public static ChainAnchor? ReadAnchor(string directory)
    {
        var path = Path.Combine(directory, AnchorFile);
        if (!File.Exists(path)) return null;
        try
        {
            var anchor = JsonSerializer.Deserialize<AnchorJson>(File.ReadAllBytes(path), Json);
            if (anchor is null || anchor.Hash is null) throw new JsonException("not an anchor");
            return new ChainAnchor(anchor.Sequence, anchor.Hash, anchor.Time);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not an audit anchor ({e.Message}): the file was edited.", e);
        }
    }

    /// <summary>Replaces the anchor file in one step (written beside, fsynced, renamed over, directory fsynced).</summary>
    public static void WriteAnchor(string directory, ChainAnchor anchor)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        var path = Path.Combine(directory, AnchorFile);
        var temporary = path + ".new";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(file, new AnchorJson(anchor.Sequence, anchor.Hash, anchor.Time), Json);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
        SyncDirectory(directory);
    }

    private sealed record AnchorJson(long Sequence, string Hash, DateTimeOffset Time);

    /// <summary>
    /// Makes the directory's entries (a file created, renamed or deleted) durable. On Linux a new file's data can be
    /// on disk while its name is not; elsewhere the file system's own ordering is trusted.
    /// </summary>
    public static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux()) return;
        var fd = NativeMethods.Open(directory, 0 /* O_RDONLY */);
        if (fd < 0) throw new IOException($"Cannot open {directory} to sync it (errno {Marshal.GetLastPInvokeError()}).");
        try
        {
            if (NativeMethods.Fsync(fd) != 0) throw new IOException($"fsync of {directory} failed (errno {Marshal.GetLastPInvokeError()}).");
        }
        finally
        {
            _ = NativeMethods.Close(fd);
        }
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial int Open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial int Fsync(int fd);

        [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial int Close(int fd);
    }

    /// <summary>Called for each complete line (without its newline), at its byte offset; return false to stop.</summary>
    public delegate bool LineVisitor(ReadOnlySpan<byte> line, long offset);

    /// <summary>
    /// Reads <paramref name="path"/>'s complete lines from <paramref name="from"/> up to <paramref name="limit"/> bytes
    /// (null: to the end). Returns the offset after the last complete line read and the length of what follows it
    /// without a newline (a line cut short by a crash, or cut by the limit).
    /// </summary>
    public static (long End, long Torn) ReadLines(string path, long from, long? limit, LineVisitor visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
        var end = Math.Min(file.Length, limit ?? long.MaxValue);
        var buffer = new byte[64 * 1024];
        var filled = 0;
        var position = from;
        var lineStart = from;
        while (position < end)
        {
            if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            var read = RandomAccess.Read(file.SafeFileHandle, buffer.AsSpan(filled, (int)Math.Min(buffer.Length - filled, end - position)), position);
            if (read == 0) break;
            position += read;
            var scanFrom = filled;
            filled += read;
            var consumed = 0;
            int newline;
            while ((newline = buffer.AsSpan(scanFrom, filled - scanFrom).IndexOf((byte)'\n')) >= 0)
            {
                var lineEnd = scanFrom + newline;
                if (!visit(buffer.AsSpan(consumed, lineEnd - consumed), lineStart)) return (lineStart + (lineEnd - consumed) + 1, 0);
                lineStart += lineEnd - consumed + 1;
                consumed = lineEnd + 1;
                scanFrom = consumed;
            }
            if (consumed > 0)
            {
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        return (lineStart, filled);
    }

    /// <summary>The last complete line of the chunk (read from its end) and its offset; null when it has none.</summary>
    public static (byte[] Line, long Offset)? LastLine(string path, Func<byte[], bool>? accept = null)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        var length = file.Length;
        // Only what a newline ends counts: what follows the last one was never acknowledged.
        var window = 16 * 1024;
        while (true)
        {
            var start = Math.Max(0, length - window);
            var bytes = new byte[length - start];
            RandomAccess.Read(file.SafeFileHandle, bytes, start);
            var end = bytes.AsSpan().LastIndexOf((byte)'\n');
            while (end >= 0)
            {
                var begin = bytes.AsSpan(0, end).LastIndexOf((byte)'\n');
                if (begin < 0 && start > 0) break; // the line may begin before the window: widen it
                var line = bytes.AsSpan(begin + 1, end - begin - 1).ToArray();
                if (accept is null || accept(line)) return (line, start + begin + 1);
                end = begin;
            }
            if (start == 0) return null;
            window *= 4;
        }
    }
}
