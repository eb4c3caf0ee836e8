using System.Text;
using System.Security.Cryptography;

namespace IntegrationHub.Employment.Bulk;

/// <summary>A bulk file's progress, as the employer polls it.</summary>
public sealed record BulkView(
    string Number, string Status, string Format, int Lines, int Processed, int Accepted, int Refused, decimal PercentDone,
    DateTimeOffset SubmittedAt, DateTimeOffset? FinishedAt)
{
    public static BulkView Of(BulkJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var percent = job.Lines == 0 ? 100m : Math.Round(100m * job.Processed / job.Lines, 1);
        return new(job.Number, job.Status, job.Format, job.Lines, job.Processed, job.Accepted, job.Refused, percent, job.SubmittedAt, job.FinishedAt);
    }
}

/// <summary>One page of a file's line results.</summary>
public sealed record BulkLinesPage(IReadOnlyList<BulkLineResult> Items, int Page, int PageSize, int Total);

/// <summary>
/// Bulk files: a file is read (format, header, limits), stored whole in chunks of <see cref="BulkOptions.LinesPerCommit"/>
/// lines in one durable write, and acknowledged with its number; the <see cref="BulkWorker"/> then works it chunk by
/// chunk, each chunk's lines and results committed together, so a restart goes on where it stopped.
/// </summary>
public sealed partial class BulkService(IEmploymentStore store, IOptions<EmploymentOptions> options, TimeProvider time, BulkSignal signal, ILogger<BulkService> logger)
{
    public const string AcceptedOutcome = "accepted";
    public const string RefusedOutcome = "refused";

    /// <summary>Stores a file; the same file again under the same Idempotency-Key gives the first one (Created false).</summary>
    public async Task<(BulkJob? Job, bool Created, ApiProblem? Problem)> SubmitAsync(
        byte[] file, string? contentType, EmployerActor employer, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(employer);
        var settings = options.Value.Bulk;
        var format = BulkFormat.Of(contentType);
        if (format is null)
        {
            return (null, false, new(415, EmploymentCodes.UnsupportedMediaType,
                $"A bulk file is CSV with a header row ({string.Join(", ", BulkFormat.CsvMediaTypes)}) or JSON lines ({string.Join(", ", BulkFormat.JsonLinesMediaTypes)})."));
        }
        if (file.Length > settings.MaxBytes)
        {
            return (null, false, new(413, EmploymentCodes.BulkFileTooLarge, $"A bulk file has at most {settings.MaxBytes} bytes; send it in parts."));
        }
        List<string> lines;
        try
        {
            lines = BulkFormat.Lines(file);
        }
        catch (DecoderFallbackException)
        {
            return (null, false, ApiProblem.BadRequest(EmploymentCodes.MalformedLine, "A bulk file is UTF-8 text."));
        }
        string? header = null;
        var firstLine = 1;
        if (format == BulkFormat.Csv)
        {
            if (lines.Count == 0) return (null, false, ApiProblem.BadRequest(EmploymentCodes.EmptyBulkFile, "The file has no header row and no lines."));
            header = lines[0];
            if (BulkFormat.Header(header).Problem is { } headerProblem) return (null, false, headerProblem);
            lines.RemoveAt(0);
            firstLine = 2;
        }
        var count = lines.Count(l => !string.IsNullOrWhiteSpace(l));
        if (count == 0) return (null, false, ApiProblem.BadRequest(EmploymentCodes.EmptyBulkFile, "The file has no notification lines."));
        if (count > settings.MaxLines) return (null, false, new(413, EmploymentCodes.BulkFileTooLarge, $"A bulk file has at most {settings.MaxLines} lines; send it in parts."));

        var keyId = idempotencyKey is null ? null : "bulk|" + employer.Voen + "|" + idempotencyKey;
        var hash = Convert.ToHexString(SHA256.HashData(file));
        var now = time.GetUtcNow();
        var result = await store.TransactAsync(tx =>
        {
            if (keyId is not null && tx.FindIdempotency(keyId) is { } seen)
            {
                return seen.ContentHash == hash
                    ? (FindIn(seen.Result), false, (ApiProblem?)null)
                    : (null, false, ApiProblem.Conflict(EmploymentCodes.IdempotencyKeyReused, "This Idempotency-Key was used for another file; use a new key for a new file.", "Idempotency-Key"));
            }
            var job = new BulkJob
            {
                Number = string.Create(CultureInfo.InvariantCulture, $"BLK-{now.Year}-{tx.Next("BLK-" + now.Year):000000}"),
                EmployerVoen = employer.Voen,
                SubmittedBy = employer.By,
                Officer = employer.Officer,
                Format = format,
                Header = header,
                Lines = count,
                SubmittedAt = now,
            };
            var index = 0;
            for (var start = 0; start < lines.Count; start += settings.LinesPerCommit, index++)
            {
                tx.Save(new BulkChunk
                {
                    Id = BulkChunk.IdOf(job.Number, index), Bulk = job.Number, Index = index, FirstLine = firstLine + start,
                    Lines = lines.GetRange(start, Math.Min(settings.LinesPerCommit, lines.Count - start)),
                });
            }
            job.Chunks = index;
            tx.Save(job);
            if (keyId is not null) tx.Remember(new IdempotencyRecord(keyId, hash, job.Number, now));
            return (job, true, null);
        }, cancellationToken);
        if (result.Item2)
        {
            signal.Raise();
            LogReceived(logger, result.Item1!.Number, count, format);
        }
        return result;

        BulkJob? FindIn(string number) => store.FindBulk(number);
    }

    /// <summary>The employer's own file; another employer's is not found.</summary>
    public BulkJob? Find(string number, string employerVoen) =>
        store.FindBulk(number.Trim().ToUpperInvariant()) is { } job && job.EmployerVoen == employerVoen ? job : null;

    /// <summary>One page of a file's results in line order, all of them or one outcome's.</summary>
    public BulkLinesPage Results(BulkJob job, string? outcome, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(job);
        var results = Enumerable.Range(0, job.ChunksDone)
            .Select(i => store.FindChunk(job.Number, i))
            .OfType<BulkChunk>()
            .SelectMany(c => c.Results)
            .Where(r => outcome is null || r.Outcome == outcome);
        var all = results.ToList();
        return new(all.Skip((page - 1) * pageSize).Take(pageSize).ToList(), page, pageSize, all.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulk file {Number} received: {Lines} lines ({Format})")]
    private static partial void LogReceived(ILogger logger, string number, int lines, string format);
}

/// <summary>Wakes the <see cref="BulkWorker"/> when a file arrives.</summary>
public sealed class BulkSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Raise()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
