using LiteDB;
using LiteDB.Engine;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Storage;

/// <summary>
/// A LiteDB file whose acknowledged writes are on disk. LiteDB 5 does not fsync its commits, so
/// the database is opened over our own file streams and the log is flushed to disk (fsync) after every
/// group of commits, before any writer is told its write succeeded. One writer thread takes the writes in
/// the order they arrive and commits up to <see cref="DurableStoreOptions.MaxBatch"/> of them in one
/// transaction (group commit): concurrent writers share one fsync instead of queuing on the disk.
/// Reads go straight to <see cref="Database"/> from any thread.
/// </summary>
public sealed partial class DurableStore : IDisposable
{
    private readonly DurableFileStream _data;
    private readonly DurableFileStream _log;
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _writer;
    private readonly int _maxBatch;
    private readonly ILogger _logger;
    private long _groups;
    private long _records;

    public DurableStore(DurableStoreOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        Path = System.IO.Path.GetFullPath(options.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _maxBatch = options.MaxBatch;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _data = new DurableFileStream(Path);
        _log = new DurableFileStream(System.IO.Path.ChangeExtension(Path, null) + "-log" + System.IO.Path.GetExtension(Path));
        var engine = new LiteEngine(new EngineSettings { DataStream = _data, LogStream = _log });
        Database = new LiteDatabase(engine, options.Mapper ?? CreateMapper(), disposeOnClose: true);
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "durable-store:" + System.IO.Path.GetFileName(Path) };
        _writer.Start();
    }

    /// <summary>
    /// A mapper for this codebase's types: instants stored as UTC and read back as UTC whatever the machine's
    /// zone (LiteDB converts to local time otherwise), <see cref="DateOnly"/> as sortable <c>yyyy-MM-dd</c>.
    /// </summary>
    public static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper();
        mapper.RegisterType(v => new BsonValue(v.ToUniversalTime()), b => b.AsDateTime.ToUniversalTime());
        mapper.RegisterType(v => new BsonValue(v.UtcDateTime), b => new DateTimeOffset(b.AsDateTime.ToUniversalTime()));
        mapper.RegisterType(
            v => new BsonValue(v.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            b => DateOnly.ParseExact(b.AsString, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return mapper;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>
    /// Creates the collections named, if missing, before any thread uses them. LiteDB 5.0.21 breaks when a
    /// collection is read while its first write creates it ("page type must be collection page", and the
    /// engine stays unusable until reopened); one that exists from the open on never meets that. A collection
    /// given an index at open exists already. Call it from the constructor of the store, before sharing it.
    /// </summary>
    public void CreateCollections(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            if (Database.CollectionExists(name)) continue;
            // A document in and out creates the collection's pages and leaves no index behind.
            var collection = Database.GetCollection(name);
            collection.Insert(new BsonDocument { ["_id"] = "created" });
            collection.Delete("created");
        }
    }

    /// <summary>For reads. Write only through <see cref="WriteAsync{T}"/>, or the write is not durable.</summary>
    public LiteDatabase Database { get; }

    /// <summary>Commit groups and records written since start; records ÷ groups is the batching achieved.</summary>
    public (long Groups, long Records) Counters => (Interlocked.Read(ref _groups), Interlocked.Read(ref _records));

    /// <summary>
    /// Runs <paramref name="write"/> on the writer thread inside a transaction and completes once the commit is
    /// on disk. Writes run one at a time in arrival order, so a write may read what earlier ones wrote
    /// (a hash chain, a sequence). A write that throws is rolled back alone and its exception is rethrown here.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<LiteDatabase, T> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var pending = new PendingWrite<T>(write);
        if (!_writes.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(DurableStore));
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc cref="WriteAsync{T}"/>
    public Task WriteAsync(Action<LiteDatabase> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        return WriteAsync(db => { write(db); return true; }, cancellationToken);
    }

    private void WriteLoop()
    {
        var batch = new List<PendingWrite>(_maxBatch);
        var reader = _writes.Reader;
        while (WaitForWrites(reader))
        {
            batch.Clear();
            while (batch.Count < _maxBatch && reader.TryRead(out var next)) batch.Add(next);
            CommitGroup(batch);
        }
    }

    /// <summary>
    /// Blocks the writer thread until a write arrives (true) or the store closes (false). Not
    /// <c>GetAwaiter().GetResult()</c> on the pending task: that spins before it blocks, and an idle writer
    /// woken once per profile then burnt a measurable share of a 2-core machine under load (bench/Performance).
    /// </summary>
    private static bool WaitForWrites(System.Threading.Channels.ChannelReader<PendingWrite> reader)
    {
        var wait = reader.WaitToReadAsync();
        if (wait.IsCompleted) return wait.Result;
        using var pending = wait.AsTask();
        ((IAsyncResult)pending).AsyncWaitHandle.WaitOne();
        return pending.GetAwaiter().GetResult();
    }

    private void CommitGroup(List<PendingWrite> batch)
    {
        try
        {
            Database.BeginTrans();
            var failed = new List<PendingWrite>();
            foreach (var write in batch)
            {
                if (!write.TryRun(Database)) failed.Add(write);
            }
            if (failed.Count > 0)
            {
                // LiteDB has no savepoints: undo the group and redo the good writes, each failed one stays failed.
                Database.Rollback();
                Database.BeginTrans();
                foreach (var write in batch.Except(failed)) write.RunAgain(Database);
            }
            Database.Commit();
            _log.Flush(flushToDisk: true);
            Interlocked.Increment(ref _groups);
            Interlocked.Add(ref _records, batch.Count - failed.Count);
            foreach (var write in batch) write.Complete();
        }
        catch (Exception e)
        {
            // The disk itself failed (full, gone): nothing in the group is acknowledged.
            LogGroupFailed(_logger, e, Path);
            try { Database.Rollback(); } catch (LiteException) { }
            foreach (var write in batch) write.Fail(e);
        }
    }

    public void Dispose()
    {
        _writes.Writer.TryComplete();
        if (!WriterDrain.Wait(_writer, Path, _logger)) return;
        Database.Dispose();
        _log.Dispose();
        _data.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A commit group on {Path} failed; its writes were not acknowledged")]
    private static partial void LogGroupFailed(ILogger logger, Exception exception, string path);

    private abstract class PendingWrite
    {
        public abstract bool TryRun(LiteDatabase db);

        public abstract void RunAgain(LiteDatabase db);

        public abstract void Complete();

        public abstract void Fail(Exception e);
    }

    private sealed class PendingWrite<T>(Func<LiteDatabase, T> write) : PendingWrite
    {
        private T? _result;
        private Exception? _error;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool TryRun(LiteDatabase db)
        {
            try
            {
                _result = write(db);
                return true;
            }
#pragma warning disable CA1031 // The writer's exception belongs to its caller, rethrown from WriteAsync.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _error = e;
                return false;
            }
        }

        public override void RunAgain(LiteDatabase db) => _result = write(db);

        public override void Complete()
        {
            if (_error is null) Completion.TrySetResult(_result!);
            else Completion.TrySetException(_error);
        }

        public override void Fail(Exception e) => Completion.TrySetException(e);
    }
}

/// <summary>Where a <see cref="DurableStore"/> lives and how it batches.</summary>
/// <param name="Path">The database file; its log is written beside it as <c>name-log.db</c>.</param>
/// <param name="MaxBatch">Most writes committed (and fsynced) together.</param>
/// <param name="Mapper">The BSON mapper; null for a new default one.</param>
public sealed record DurableStoreOptions(string Path, int MaxBatch = 256, BsonMapper? Mapper = null);

/// <summary>A file stream whose <see cref="Flush()"/> reaches the disk, so LiteDB's own checkpoint flushes are durable too.</summary>
internal sealed class DurableFileStream(string path)
    : FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 4096, FileOptions.RandomAccess)
{
    public override void Flush() => Flush(flushToDisk: true);
}
