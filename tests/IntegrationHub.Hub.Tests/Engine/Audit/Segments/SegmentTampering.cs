using System.Text;
using IntegrationHub.Hub.Engine.Audit.Segments;

namespace IntegrationHub.Hub.Tests.Engine.Audit.Segments;

/// <summary>
/// What an intruder with the files does while the hub is stopped: rewrites a record's line in its chunk (keeping the
/// stored hash, as a careless one would), removes lines, writes an anchor.
/// </summary>
internal static class SegmentTampering
{
    public static string Directory(AuditOptions options) => options.SegmentDirectory;

    /// <summary>Every record of the segment's chunks, oldest first, as stored.</summary>
    public static List<AuditRecord> Records(string directory)
    {
        var records = new List<AuditRecord>();
        foreach (var chunk in SegmentFiles.Chunks(directory))
        {
            foreach (var line in Lines(chunk))
            {
                Assert.True(AuditLine.TryRead(Encoding.UTF8.GetBytes(line), out var record, out _, out var error), error);
                records.Add(record);
            }
        }
        return records;
    }

    /// <summary>Changes record <paramref name="sequence"/> in place; its stored hash stays what it was.</summary>
    public static void Edit(string directory, long sequence, Action<AuditRecord> change) => Rewrite(directory, record =>
    {
        if (record.Id == sequence) change(record);
        return true;
    });

    /// <summary>Removes the records for which <paramref name="remove"/> holds; returns how many went.</summary>
    public static int Delete(string directory, Func<AuditRecord, bool> remove)
    {
        var removed = 0;
        Rewrite(directory, record =>
        {
            if (!remove(record)) return true;
            removed++;
            return false;
        });
        return removed;
    }

    private static void Rewrite(string directory, Func<AuditRecord, bool> keep)
    {
        foreach (var chunk in SegmentFiles.Chunks(directory))
        {
            var output = new MemoryStream();
            foreach (var line in Lines(chunk))
            {
                Assert.True(AuditLine.TryRead(Encoding.UTF8.GetBytes(line), out var record, out _, out var error), error);
                if (keep(record)) output.Write(AuditLine.Copy(record));
            }
            File.WriteAllBytes(chunk, output.ToArray());
        }
    }

    private static IEnumerable<string> Lines(string chunk) => File.ReadAllText(chunk).Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
