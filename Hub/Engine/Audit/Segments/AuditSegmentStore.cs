using System.Threading.Channels;

namespace IntegrationHub.Hub.Engine.Audit.Segments;

/// <summary>
/// The embedded audit store: this instance's chain as an append-only segment of hashed records
/// (<see cref="SegmentFiles"/>, <see cref="AuditLine"/>), the record of truth, and the searchable views derived
/// from it (<see cref="AuditViews"/>). One writer thread takes the appends in arrival order, gives each its
/// sequence, time and previous hash from the head it keeps in memory, writes the group's lines with one write and
/// one fsync, and only then completes the group's appends (group commit: concurrent writers share an fsync). The
/// views are brought up to the durable head by an indexer off the reply's path, and by every read before it
/// answers, so a read sees every record acknowledged before it. At open: an interrupted import or purge is
/// finished, a last line cut short by a crash (never acknowledged) is moved aside, the views catch up from the
/// segment, and an <c>audit.db</c> of an earlier version is imported when the segment is new.
/// </summary>
public sealed partial class AuditSegmentStore : IAuditStore
{
    private const string LockFile = "LOCK";

    /// <summary>How long the views' indexer lets records gather after a group is written, before it indexes them.</summary>
    public static readonly TimeSpan ViewsBatchDelay = TimeSpan.FromMilliseconds(100);

    private readonly string _directory;
    private readonly string _segment;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _maxGroup;
    private readonly long _chunkBytes;
    private readonly FileStream _lock;
    private readonly AuditViews _views;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    // Set by whoever queues a write, waited on by the writer thread: it wakes straight from the caller, not through a
    // continuation on the thread pool (the channel's wait would complete on a pool thread first).
    private readonly ManualResetEventSlim _wake = new(false, spinCount: 20);
    private readonly Thread _writer;
    private readonly SemaphoreSlim _indexSignal = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread _indexer;

    // Held by a walk of the files and by a purge while it deletes a chunk: a verify never reads a file half gone.
    private readonly SemaphoreSlim _files = new(1, 1);

    // The writer thread's own.
    private FileStream? _chunk;
    private string _chunkPath = "";
    private DateOnly? _chunkDay;
    private long _chunkLength;
    private long _sequence;
    private string _hash;
    private Exception? _broken;

    private DurablePoint _durable;
    private ChainAnchor? _anchor;
    private long _groups;
    private long _records;
    private int _disposed;

    public AuditSegmentStore(IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditSegmentStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _time = time;
        _logger = (ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _segment = settings.Segment;
        _maxGroup = settings.MaxGroup;
        _chunkBytes = settings.ChunkMegabytes * 1024L * 1024L;
        _directory = Path.GetFullPath(settings.SegmentDirectory);
        Directory.CreateDirectory(_directory);
        // One process per segment: a second one on the same directory fails here, before it reads anything.
        _lock = new FileStream(Path.Combine(_directory, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        try
        {
            ImportLegacy(settings.LegacyFilePath);
            _anchor = SegmentFiles.ReadAnchor(_directory);
            RemovePurgedChunks();
            (_sequence, _hash, var headTime) = OpenHead();
            _durable = new DurablePoint(_sequence, _hash, headTime, _chunkPath, _chunkLength);
            _views = new AuditViews(Path.Combine(_directory, "views.db"), _directory, _logger);
            _views.Reconcile(_anchor, Head, HashAt);
        }
        catch
        {
            _chunk?.Dispose();
            _lock.Dispose();
            throw;
        }
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "audit-segment:" + Path.GetFileName(_directory) };
        _writer.Start();
        // Its own thread, below the writer's priority: indexing must not hold up a group's write and fsync, nor the
        // callers it completes, on a machine whose cores are busy (a read catches the views up itself).
        _indexer = new Thread(IndexLoop) { IsBackground = true, Name = "audit-views:" + Path.GetFileName(_directory), Priority = ThreadPriority.BelowNormal };
        _indexer.Start();
    }

    /// <summary>The segment's directory.</summary>
    public string SegmentDirectory => _directory;

    public string Segment => _segment;

    public long Appended => Interlocked.Read(ref _records);

    public (long Groups, long Records) Counters => (Interlocked.Read(ref _groups), Interlocked.Read(ref _records));

    private DurablePoint Durable => Volatile.Read(ref _durable);

    public ChainPosition Head => new(Durable.Sequence, Durable.Hash);

    public ChainAnchor? Anchor => Volatile.Read(ref _anchor);

    /// <summary>Every record up to the durable head is on disk: it is published only after the fsync of its group.</summary>
    public Task<ChainPosition> DurableHeadAsync(CancellationToken cancellationToken) => Task.FromResult(Head);

    /// <summary>Read from the one chunk created for the records from its name on (the verifier's walk collects many at once instead).</summary>
    public string? HashAt(long sequence)
    {
        var durable = Durable;
        if (sequence == durable.Sequence) return durable.Hash;
        if (sequence > durable.Sequence || sequence < 1) return null;
        _files.Wait();
        try
        {
            var chunks = SegmentFiles.Chunks(_directory);
            var index = chunks.FindLastIndex(c => SegmentFiles.NamedSequence(c) <= sequence);
            if (index < 0) return null;
            string? hash = null;
            SegmentFiles.ReadLines(chunks[index], 0, chunks[index] == durable.Chunk ? durable.Length : null, (line, at) =>
            {
                if (AuditLine.TryRead(line, out var record, out _, out _) && record.Id == sequence) hash = record.Hash;
                return hash is null;
            });
            return hash;
        }
        finally
        {
            _files.Release();
        }
    }

    /// <summary>Walks the segment's files up to the durable head (what is being written after it is not read).</summary>
    public ChainWalk Walk(IReadOnlySet<long> hashesOf)
    {
        _files.Wait();
        try
        {
            var durable = Durable;
            return SegmentChain.Walk(_directory, Anchor, hashesOf, (durable.Chunk, durable.Length));
        }
        finally
        {
            _files.Release();
        }
    }

    public long Count() => Durable.Sequence - (Anchor?.Sequence ?? 0);

    public Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var append = new Append(entry);
        Enqueue(append);
        return append.Completion.Task.WaitAsync(cancellationToken);
    }

    public AuditPage Find(AuditFilter filter, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(filter);
        CatchUpViews();
        return _views.Find(filter, page, pageSize, () => Anchor);
    }

    public IReadOnlyList<AuditRecord> ProfilesReturnedAbout(string fin, int limit)
    {
        CatchUpViews();
        return _views.ProfilesReturnedAbout(fin, limit, () => Anchor);
    }

    private void CatchUpViews()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var durable = Durable;
        if (_views.IndexedThrough >= durable.Sequence) return;
        _files.Wait();
        try
        {
            _views.CatchUp(durable, Anchor);
        }
        finally
        {
            _files.Release();
        }
    }

    public async Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, Func<ChainAnchor, CancellationToken, Task> beforeDelete, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(beforeDelete);
        var total = 0;
        while (true)
        {
            var chunks = SegmentFiles.Chunks(_directory);
            if (chunks.Count == 0) return total;
            var oldest = chunks[0];
            var durable = Durable;
            if (oldest == durable.Chunk)
            {
                // The chunk being written: closed first (if all it holds is old), so nothing is appended to what goes.
                if (durable.Time is not { } newest || newest >= cutoff) return total;
                await RunOnWriterAsync(() => CloseChunk(oldest), cancellationToken);
            }
            var last = SegmentChain.LastRecord(oldest);
            if (last is not null && last.Time >= cutoff) return total;
            var previous = Anchor;
            if (last is null)
            {
                // Empty (created just before a crash): nothing to anchor.
                await RunOnWriterAsync(() => DeleteChunk(oldest, null), cancellationToken);
                continue;
            }
            var anchor = new ChainAnchor(last.Id, last.Hash, last.Time);
            await beforeDelete(anchor, cancellationToken);
            await _files.WaitAsync(cancellationToken);
            try
            {
                await RunOnWriterAsync(() => DeleteChunk(oldest, anchor), cancellationToken);
                // Before a catch-up can come between: it would otherwise meet entries whose chunk is gone.
                _views.DeleteThrough(anchor.Sequence);
            }
            finally
            {
                _files.Release();
            }
            total += (int)(anchor.Sequence - (previous?.Sequence ?? 0));
        }
    }

    private void CloseChunk(string chunk)
    {
        if (_chunkPath != chunk || _chunk is null) return;
        _chunk.Dispose();
        _chunk = null;
    }

    private void DeleteChunk(string chunk, ChainAnchor? anchor)
    {
        CloseChunk(chunk);
        if (anchor is not null)
        {
            // The anchor first: a crash between the two leaves a chunk wholly below the anchor, removed at the next open.
            SegmentFiles.WriteAnchor(_directory, anchor);
            Volatile.Write(ref _anchor, anchor);
        }
        File.Delete(chunk);
        SegmentFiles.SyncDirectory(_directory);
    }

    private Task RunOnWriterAsync(Action action, CancellationToken cancellationToken)
    {
        var job = new Job(action);
        Enqueue(job);
        return job.Completion.Task.WaitAsync(cancellationToken);
    }

    private void Enqueue(Pending pending)
    {
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(AuditSegmentStore));
        _wake.Set();
    }

    private void WriteLoop()
    {
        var batch = new List<Pending>(_maxGroup);
        var group = new List<Append>(_maxGroup);
        var buffer = new LineBuffer(64 * 1024);
        using var json = new Utf8JsonWriter(buffer);
        var reader = _queue.Reader;
        while (true)
        {
            batch.Clear();
            while (batch.Count < _maxGroup && reader.TryRead(out var next)) batch.Add(next);
            if (batch.Count == 0)
            {
                if (reader.Completion.IsCompleted) return;
                WaitForWrites();
                continue;
            }
            foreach (var pending in batch)
            {
                if (pending is Append append)
                {
                    group.Add(append);
                    continue;
                }
                // A job runs between groups, in arrival order.
                CommitGroup(group, buffer, json);
                ((Job)pending).Run();
            }
            CommitGroup(group, buffer, json);
        }
    }

    /// <summary>
    /// Blocks the writer thread until a write is queued or the store closes (both set <see cref="_wake"/>), spinning
    /// only briefly: an idle writer woken once per profile must not burn a core (the same reason as in the durable
    /// store). Reset after the wait, before the queue is read again: a write queued after the reset sets it anew, one
    /// queued before is read.
    /// </summary>
    private void WaitForWrites()
    {
        _wake.Wait();
        _wake.Reset();
    }

    private void CommitGroup(List<Append> group, LineBuffer buffer, Utf8JsonWriter json)
    {
        if (group.Count == 0) return;
        try
        {
            if (_broken is not null) throw new IOException("The audit segment could not be written earlier; nothing is appended until the hub is restarted.", _broken);
            var now = _time.GetUtcNow();
            now = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
            var day = DateOnly.FromDateTime(now.UtcDateTime);
            if (_chunk is null || (_chunkDay is { } chunkDay && chunkDay != day) || _chunkLength >= _chunkBytes) StartChunk(_sequence + 1);

            buffer.Clear();
            var sequence = _sequence;
            var hash = _hash;
            foreach (var append in group)
            {
                var e = append.Entry;
                var record = new AuditRecord
                {
                    Id = ++sequence,
                    Time = now,
                    Segment = _segment,
                    RequestId = e.RequestId,
                    Caller = e.Caller,
                    Officer = e.Officer,
                    Purpose = e.Purpose,
                    CaseNumber = e.CaseNumber,
                    Applicant = e.Applicant,
                    Subjects = [.. e.Subjects],
                    Outcome = e.Outcome,
                    Agencies = [.. e.Agencies],
                    ProfileId = e.ProfileId,
                    ProfileHash = e.ProfileHash,
                    ReplayOf = e.ReplayOf,
                    PreviousHash = hash,
                };
                AuditLine.Write(record, buffer, json);
                hash = record.Hash;
                append.Record = record;
            }
            Write(buffer.Written);
            _chunkDay ??= day;
            _sequence = sequence;
            _hash = hash;
            Interlocked.Increment(ref _groups);
            Interlocked.Add(ref _records, group.Count);
            Volatile.Write(ref _durable, new DurablePoint(sequence, hash, now, _chunkPath, _chunkLength));
            foreach (var append in group) append.Completion.TrySetResult(append.Record!);
            SignalIndexer();
        }
#pragma warning disable CA1031 // Whatever kept the group off the disk, its appends fail with it: the callers return nothing.
        catch (Exception e)
#pragma warning restore CA1031
        {
            foreach (var append in group) append.Completion.TrySetException(e);
        }
        finally
        {
            group.Clear();
        }
    }

    /// <summary>Appends the group's bytes and fsyncs; on failure cuts the chunk back and stops the store (an fsync that failed cannot be trusted when retried).</summary>
    private void Write(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _chunk!.Write(bytes);
            _chunk.Flush(flushToDisk: true);
            _chunkLength += bytes.Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _broken = e;
            LogWriteFailed(_logger, e, _chunkPath);
            try
            {
                _chunk?.SetLength(_chunkLength);
            }
            catch (Exception cut) when (cut is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                // The torn group is cut at the next open; nothing of it was acknowledged.
            }
            throw;
        }
    }

    private void StartChunk(long firstSequence)
    {
        _chunk?.Dispose();
        _chunkPath = Path.Combine(_directory, SegmentFiles.ChunkName(firstSequence));
        _chunk = OpenChunk(_chunkPath);
        _chunkLength = _chunk.Length;
        _chunkDay = null;
        SegmentFiles.SyncDirectory(_directory);
    }

    private static FileStream OpenChunk(string path)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 0);
        file.Seek(0, SeekOrigin.End);
        return file;
    }

    private void SignalIndexer()
    {
        if (_indexSignal.CurrentCount > 0) return;
        try
        {
            _indexSignal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    private void IndexLoop()
    {
        BelowNormalPriority();
        while (true)
        {
            try
            {
                // A pause after each wake-up, so the views take records in batches (one transaction for many) rather
                // than one transaction per profile; a read never waits for it, it catches the views up itself.
                Task.Delay(ViewsBatchDelay, _time, _stopping.Token).Wait(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or AggregateException)
            {
                return;
            }
            try
            {
                CatchUpViews();
            }
#pragma warning disable CA1031 // The views are derived: a failure here costs nothing the next catch-up does not redo.
            catch (Exception e) when (e is not ObjectDisposedException)
#pragma warning restore CA1031
            {
                LogIndexFailed(_logger, e);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            try
            {
                _indexSignal.Wait(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Lowers the calling thread's priority. On Linux the runtime does not apply <see cref="ThreadPriority"/>, so the
    /// thread's nice value is raised (to 10) instead, which needs no privilege; a failure leaves it as it was.
    /// </summary>
    private static void BelowNormalPriority()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            _ = NativeMethods.SetPriority(0 /* PRIO_PROCESS: with a thread id, that thread */, NativeMethods.GetTid(), 10);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // An older C library: the thread keeps the process's priority.
        }
    }

    private static partial class NativeMethods
    {
        [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "gettid")]
        [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
        internal static partial int GetTid();

        [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "setpriority")]
        [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
        internal static partial int SetPriority(int which, int who, int priority);
    }

    private void ImportLegacy(string legacyPath)
    {
        var interrupted = LegacyAuditFile.ImportInterrupted(_directory);
        if (interrupted)
        {
            foreach (var chunk in SegmentFiles.Chunks(_directory)) File.Delete(chunk);
            File.Delete(Path.Combine(_directory, SegmentFiles.AnchorFile));
        }
        if (!File.Exists(legacyPath)) return;
        if (!interrupted && (SegmentFiles.Chunks(_directory).Count > 0 || File.Exists(Path.Combine(_directory, SegmentFiles.AnchorFile))))
        {
            // Imported before a crash kept it from being set aside.
            LegacyAuditFile.SetAside(legacyPath);
            return;
        }
        var imported = LegacyAuditFile.Import(legacyPath, _directory, _chunkBytes);
        LegacyAuditFile.SetAside(legacyPath);
        LogImported(_logger, imported, legacyPath, _directory);
    }

    /// <summary>Chunks wholly below the anchor are what a purge interrupted before its delete left behind.</summary>
    private void RemovePurgedChunks()
    {
        if (_anchor is not { } anchor) return;
        var chunks = SegmentFiles.Chunks(_directory);
        for (var i = 0; i < chunks.Count - 1 && SegmentFiles.NamedSequence(chunks[i + 1]) <= anchor.Sequence + 1; i++)
        {
            File.Delete(chunks[i]);
        }
    }

    /// <summary>
    /// Finds the head (the newest readable record) and opens the newest chunk for appending. Bytes after its last
    /// complete line were never acknowledged (the group's fsync had not returned): they are moved aside to a
    /// <c>.torn</c> file and cut off.
    /// </summary>
    private (long Sequence, string Hash, DateTimeOffset? Time) OpenHead()
    {
        var chunks = SegmentFiles.Chunks(_directory);
        if (chunks.Count > 0)
        {
            var newest = chunks[^1];
            var complete = SegmentFiles.LastLine(newest) is { } line ? line.Offset + line.Line.Length + 1 : 0;
            var length = new FileInfo(newest).Length;
            if (length > complete)
            {
                using (var file = new FileStream(newest, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                    var torn = new byte[length - complete];
                    RandomAccess.Read(file.SafeFileHandle, torn, complete);
                    File.WriteAllBytes(newest + "." + length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".torn", torn);
                    file.SetLength(complete);
                    file.Flush(flushToDisk: true);
                }
                LogTornTail(_logger, length - complete, newest);
            }
            _chunkPath = newest;
            _chunk = OpenChunk(newest);
            _chunkLength = _chunk.Length;
            var first = FirstRecord(newest);
            _chunkDay = first is null ? null : DateOnly.FromDateTime(first.Time.UtcDateTime);
        }
        for (var i = chunks.Count - 1; i >= 0; i--)
        {
            if (SegmentChain.LastRecord(chunks[i]) is { } last) return (last.Id, last.Hash, last.Time);
        }
        return _anchor is { } anchor ? (anchor.Sequence, anchor.Hash, anchor.Time) : (0, AuditRecord.Genesis, null);
    }

    private static AuditRecord? FirstRecord(string chunk)
    {
        AuditRecord? first = null;
        SegmentFiles.ReadLines(chunk, 0, null, (line, at) => !AuditLine.TryRead(line, out first, out _, out _));
        return first;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _queue.Writer.TryComplete();
        _wake.Set();
        if (!WriterDrain.Wait(_writer, _directory, _logger)) return;
        _stopping.Cancel();
        // Bounded like the writer: views that stop short catch up from the segments at the next read. Views still
        // being written by a stuck indexer are left open (released with the process), not closed under it.
        if (WriterDrain.Wait(_indexer, "the audit views of " + _directory, _logger)) _views.Dispose();
        _chunk?.Dispose();
        _lock.Dispose();
        _stopping.Dispose();
        _indexSignal.Dispose();
        _files.Dispose();
        // _wake is left to the collector: a caller whose write got in before the close may still set it (it holds no handle).
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the audit segment {Path} failed; the hub appends nothing more until restarted")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indexing the audit views failed; the next append or read tries again")]
    private static partial void LogIndexFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit segment {Path} ended with {Bytes} bytes of a line cut short by a crash (never acknowledged); moved aside to a .torn file")]
    private static partial void LogTornTail(ILogger logger, long bytes, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Count} audit records from {Legacy} into the segment {Directory}; the old file is kept as *.imported")]
    private static partial void LogImported(ILogger logger, long count, string legacy, string directory);

    private abstract class Pending;

    /// <summary>
    /// An append waiting for its group's fsync. Its caller is told on the thread pool, never on the writer thread: a
    /// caller's code run there would hold up the next group, and a caller that disposes the store right after its append
    /// (a <c>using</c> around it) would wait for the writer thread from the writer thread itself.
    /// </summary>
    private sealed class Append(AuditEntry entry) : Pending
    {
        public AuditEntry Entry { get; } = entry;

        public AuditRecord? Record { get; set; }

        public TaskCompletionSource<AuditRecord> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Job(Action action) : Pending
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run()
        {
            try
            {
                action();
                Completion.TrySetResult();
            }
#pragma warning disable CA1031 // The job's exception belongs to whoever queued it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Completion.TrySetException(e);
            }
        }
    }
}
