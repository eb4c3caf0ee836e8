using System.Globalization;
using System.Text;
using System.Threading.Channels;
using IntegrationHub.Adapters.Common;
using IntegrationHub.Hub.Engine.Profiles;
using LiteDB;
using Microsoft.Extensions.Caching.Memory;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace IntegrationHub.Hub.Engine.Caching;

/// <summary>One cached agency answer: the canonical data (null for "no record of this person") and when the agency gave it.</summary>
public sealed record CachedAnswer<T>(DateTimeOffset FetchedAt, T? Data)
    where T : class
{
    public bool NotFound => Data is null;

    public TimeSpan AgeAt(DateTimeOffset now) => now - FetchedAt;
}

/// <summary>
/// Agency answers by person, agency and query window: an in-memory front (bounded, least used dropped)
/// over a LiteDB file that survives restarts. The file is disposable: writes go behind the request in
/// batches and are not flushed to disk; a file that cannot be opened is deleted and started afresh.
/// Freshness is decided by the caller (<see cref="Aggregation.SourceFetcher"/>), per agency.
/// </summary>
public sealed partial class AgencyCache : IDisposable
{
    private const string Collection = "answers";

    private readonly MemoryCache _memory;
    private readonly CoarseClock _clock;
    private readonly LiteDatabase? _database;
    private readonly ILiteCollection<BsonDocument>? _answers;
    private readonly Channel<(string Key, DateTimeOffset FetchedAt, byte[]? Json)> _writes =
        Channel.CreateUnbounded<(string, DateTimeOffset, byte[]?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly ILogger<AgencyCache> _logger;

    public AgencyCache(IOptions<CacheOptions> options, TimeProvider time, ILogger<AgencyCache> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _logger = logger;
        Enabled = settings.Enabled;
        _clock = new CoarseClock(time);
        _memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.MemoryEntries, CompactionPercentage = 0.1, Clock = _clock });
        if (Enabled)
        {
            Directory.CreateDirectory(settings.DataDirectory);
            FilePath = Path.GetFullPath(Path.Combine(settings.DataDirectory, settings.FileName));
            _database = Open(FilePath);
            _answers = _database.GetCollection(Collection);
            // Also creates the collection now: LiteDB 5.0.21 breaks when a collection is read while its first
            // write creates it (DurableStore.CreateCollections), and the purge below reads by age.
            _answers.EnsureIndex("at");
            var purged = _answers.DeleteMany(Query.LT("at", new BsonValue((time.GetUtcNow() - settings.PurgeAfter).UtcTicks)));
            if (purged > 0) LogPurged(_logger, purged);
        }
        _writer = Task.Run(WriteBehindAsync);
    }

    public bool Enabled { get; }

    /// <summary>The last error writing to the file (answers stay in memory), for diagnosis.</summary>
    public Exception? LastWriteError { get; private set; }

    /// <summary>The cache file, when enabled.</summary>
    public string? FilePath { get; }

    /// <summary>The cache key: agency, person and the query's window (an answer for another window is another answer).</summary>
    public static string Key(string agency, Fin fin, AgencyQuery query)
    {
        ArgumentNullException.ThrowIfNull(fin);
        return Key(agency, fin.Value, query);
    }

    /// <summary>The cache key of an answer about something other than a person (an address): the subject names it.</summary>
    public static string Key(string agency, string subject, AgencyQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return string.Concat(agency, "|", subject, Window(query));
    }

    /// <summary>The query's window as the key ends with, written once per window (a day's queries share it), not per look-up.</summary>
    private static string Window(AgencyQuery query)
    {
        var last = Volatile.Read(ref _lastWindow);
        if (last is not null && last.Today == query.Today && last.PeriodFrom == query.PeriodFrom && last.PeriodTo == query.PeriodTo) return last.Text;
        var text = string.Create(CultureInfo.InvariantCulture, $"|{query.PeriodFrom:yyyyMMdd}|{query.PeriodTo:yyyyMMdd}|{query.Today:yyyyMMdd}");
        Volatile.Write(ref _lastWindow, new WindowText(query.Today, query.PeriodFrom, query.PeriodTo, text));
        return text;
    }

    private static WindowText? _lastWindow;

    private sealed record WindowText(DateOnly Today, DateOnly PeriodFrom, DateOnly PeriodTo, string Text);

    /// <summary>The cached answer for <paramref name="key"/>, whatever its age; null when there is none (or the cache is off).</summary>
    public CachedAnswer<T>? Get<T>(string key) where T : class
    {
        if (!Enabled) return null;
        if (_memory.TryGetValue(key, out CachedAnswer<T>? hit)) return hit;
        BsonDocument? document;
        try
        {
            document = _answers!.FindById(key);
        }
        catch (LiteException e)
        {
            // The file is disposable: a read it cannot serve is a miss, never a failed profile.
            LogReadFailed(_logger, e);
            return null;
        }
        if (document is null) return null;
        try
        {
            var data = document["nf"].AsBoolean ? null : JsonSerializer.Deserialize<T>(document["json"].AsString, ProfileJson.Unspliced);
            var answer = new CachedAnswer<T>(new DateTimeOffset(document["at"].AsInt64, TimeSpan.Zero), data);
            // Written again rather than taken from the file: the spliced bytes must be what this version writes for this object.
            if (data is not null) CachedDataJson.Keep(data);
            Remember(key, answer);
            return answer;
        }
        catch (JsonException)
        {
            // Written by an older version of the canonical model: not an answer any more (the next answer overwrites it).
            return null;
        }
    }

    /// <summary>
    /// Stores an answer in memory now and in the file shortly after (write-behind). Its data is serialized once, here: the
    /// same bytes go into the file and into every profile that serves the answer (<see cref="CachedDataJson"/>).
    /// </summary>
    public void Put<T>(string key, CachedAnswer<T> answer) where T : class
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!Enabled) return;
        var json = answer.Data is { } data ? CachedDataJson.Keep(data) : null;
        Remember(key, answer);
        _writes.Writer.TryWrite((key, answer.FetchedAt, json));
    }

    private void Remember<T>(string key, CachedAnswer<T> answer) where T : class =>
        _memory.Set(key, answer, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });

    private async Task WriteBehindAsync()
    {
        var batch = new List<BsonDocument>(256);
        while (await _writes.Reader.WaitToReadAsync())
        {
            while (batch.Count < 256 && _writes.Reader.TryRead(out var write))
            {
                var (key, fetchedAt, json) = write;
                batch.Add(new BsonDocument
                {
                    ["_id"] = key,
                    ["at"] = fetchedAt.UtcTicks,
                    ["nf"] = json is null,
                    ["json"] = json is null ? string.Empty : Encoding.UTF8.GetString(json),
                });
            }
            try
            {
                _answers?.Upsert(batch);
            }
            catch (Exception e) when (e is LiteException or IOException or InvalidOperationException or NotSupportedException)
            {
                LastWriteError = e;
                LogWriteFailed(_logger, batch.Count, e);
            }
            batch.Clear();
        }
    }

    private LiteDatabase Open(string path)
    {
        var connection = new ConnectionString { Filename = path, Connection = ConnectionType.Direct };
        try
        {
            var database = new LiteDatabase(connection);
            _ = database.GetCollectionNames().ToList();
            return database;
        }
        catch (LiteException e)
        {
            LogUnreadable(_logger, path, e);
            File.Delete(path);
            File.Delete(Path.ChangeExtension(path, null) + "-log" + Path.GetExtension(path));
            return new LiteDatabase(connection);
        }
    }

    /// <summary>Writes what is queued, then closes the file.</summary>
    public void Dispose()
    {
        _writes.Writer.TryComplete();
        // Its timer stops whatever the writer does (the memory front keeps reading the last time it was given).
        _clock.Dispose();
        if (!WriterDrain.Wait(_writer, "the agency cache", _logger)) return;
        _database?.Dispose();
        _memory.Dispose();
    }

    /// <summary>
    /// The memory front's clock, for its hour of sliding expiration and its least-used order: the time read once a
    /// second, not on every look-up (a cached profile of four makes 52; on some machines each read is a system call).
    /// </summary>
    /// <remarks>
    /// A one-shot timer that sets itself again, not a periodic one: a test clock moved on by a month then calls it once,
    /// where a periodic timer is called once per second of that month (2.6 million calls, a minute of a test's time).
    /// </remarks>
    private sealed class CoarseClock : Microsoft.Extensions.Internal.ISystemClock, IDisposable
    {
        private static readonly TimeSpan Resolution = TimeSpan.FromSeconds(1);
        private readonly ITimer _timer;
        private long _utcTicks;

        public CoarseClock(TimeProvider time)
        {
            _utcTicks = time.GetUtcNow().UtcTicks;
            _timer = time.CreateTimer(_ =>
            {
                Volatile.Write(ref _utcTicks, time.GetUtcNow().UtcTicks);
                Again();
            }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Again();
        }

        private void Again()
        {
            try
            {
                _timer.Change(Resolution, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Disposed while its callback ran: the time stays as last read.
            }
        }

        public DateTimeOffset UtcNow => new(Volatile.Read(ref _utcTicks), TimeSpan.Zero);

        public void Dispose() => _timer.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agency cache: {Count} answers past Cache:PurgeAfter deleted")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agency cache: {Count} answers could not be written to the file (they stay in memory)")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agency cache: the file could not be read; answered as a miss")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agency cache file {Path} could not be opened; it is disposable and was started afresh")]
    private static partial void LogUnreadable(ILogger logger, string path, Exception exception);
}
