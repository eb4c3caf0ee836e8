using IntegrationHub.Employment.Events;
using IntegrationHub.Statistics;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Employment.Bulk;

/// <summary>
/// Works stored bulk files chunk by chunk, oldest file first: each line read and checked on its own, the employees of
/// new contracts asked of the population register (through the hub, <see cref="BulkOptions.LookupConcurrency"/> at
/// once), then the chunk's accepted lines, every line's result and the file's progress committed in one durable
/// write. A chunk whose employees the hub could not answer for waits <see cref="BulkOptions.RetryAfter"/> and is
/// worked again whole, so no line is refused for the hub being away. After a restart the work goes on from the
/// first chunk not committed.
/// </summary>
public sealed partial class BulkWorker(
    IEmploymentStore store, PersonDirectory people, Registrar registrar, BulkSignal signal, EventSignal events, IEServiceCounter usage,
    IOptions<EmploymentOptions> options, TimeProvider time, ILogger<BulkWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var waitFor = TimeSpan.FromMinutes(1);
            try
            {
                foreach (var job in store.UnfinishedBulks())
                {
                    if (!await WorkAsync(job, stoppingToken))
                    {
                        waitFor = options.Value.Bulk.RetryAfter;
                        break;
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
                waitFor = options.Value.Bulk.RetryAfter;
            }
            try
            {
                await signal.WaitAsync(waitFor, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Works a file to its end; false when the hub did not answer about some employee (try again later).</summary>
    public async Task<bool> WorkAsync(BulkJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var employer = new EmployerActor(job.EmployerVoen, options.Value.Employers.TryGetValue(job.EmployerVoen, out var e) ? e.Name : job.EmployerVoen, job.SubmittedBy, job.Officer);
        IReadOnlyList<string>? columns = null;
        var separator = ',';
        if (job.Header is not null) (columns, separator, _) = BulkFormat.Header(job.Header);
        for (var index = job.ChunksDone; index < job.Chunks; index++)
        {
            var chunk = store.FindChunk(job.Number, index) ?? throw new InvalidOperationException($"Bulk {job.Number} has no chunk {index}.");
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var lines = new List<(int Line, Notification? Notification, ApiProblem? Problem)>();
            for (var i = 0; i < chunk.Lines.Count; i++)
            {
                var text = chunk.Lines[i];
                if (string.IsNullOrWhiteSpace(text)) continue;
                var (input, problem) = columns is null ? BulkFormat.ReadJson(text) : BulkFormat.ReadCsv(text, columns, separator);
                Notification? notification = null;
                if (problem is null) (notification, problem) = NotificationParser.Parse(input!, employer.Voen, null, today, options.Value.MaxDaysAhead);
                lines.Add((chunk.FirstLine + i, notification, problem));
            }

            var persons = await LookUpAsync(lines.Select(l => l.Notification).OfType<NewContract>().Select(n => n.Fin).DistinctBy(f => f.Value), employer, cancellationToken);
            if (persons is null) return false;

            var now = time.GetUtcNow();
            var (accepted, refused) = await store.TransactAsync(tx =>
            {
                // Built afresh on every run of this write (a group's rollback runs it again).
                var results = new List<BulkLineResult>(lines.Count);
                foreach (var (line, notification, parseProblem) in lines)
                {
                    var problem = parseProblem;
                    NotificationOutcome? outcome = null;
                    if (problem is null)
                    {
                        PersonFacts? person = null;
                        if (notification is NewContract n && !persons.TryGetValue(n.Fin.Value, out person))
                        {
                            problem = ApiProblem.Unprocessable(EmploymentCodes.UnknownEmployee, "The population register has no person with this FIN.", "fin");
                        }
                        else
                        {
                            outcome = registrar.Apply(tx, notification!, employer, person, now);
                            problem = outcome.Problem;
                        }
                    }
                    results.Add(problem is null
                        ? new BulkLineResult { Line = line, Outcome = BulkService.AcceptedOutcome, Notification = outcome!.Notification, ContractNumber = outcome.Contract!.Number }
                        : new BulkLineResult { Line = line, Outcome = BulkService.RefusedOutcome, Code = problem.Code, Field = problem.Field, Detail = problem.Detail });
                }
                var ok = results.Count(r => r.Outcome == BulkService.AcceptedOutcome);
                tx.Save(new BulkChunk { Id = chunk.Id, Bulk = chunk.Bulk, Index = chunk.Index, FirstLine = chunk.FirstLine, Lines = chunk.Lines, Results = results });
                var saved = Copy(job);
                saved.ChunksDone = index + 1;
                saved.Processed += results.Count;
                saved.Accepted += ok;
                saved.Refused += results.Count - ok;
                if (saved.ChunksDone == saved.Chunks)
                {
                    saved.Status = BulkStatuses.Done;
                    saved.FinishedAt = now;
                }
                tx.Save(saved);
                return (ok, results.Count - ok);
            }, cancellationToken);
            job.ChunksDone = index + 1;
            job.Processed += accepted + refused;
            job.Accepted += accepted;
            job.Refused += refused;
            if (accepted > 0)
            {
                events.Raise();
                var channel = job.Officer is null ? EServiceChannel.Api : EServiceChannel.Portal;
                for (var n = 0; n < accepted; n++) usage.Count(EServiceKeys.ContractNotification, channel);
            }
        }
        LogDone(logger, job.Number, job.Accepted, job.Refused);
        return true;
    }

    /// <summary>The employees the register knows, by FIN (an unknown one is left out); null when some could not be asked now.</summary>
    private async Task<Dictionary<string, PersonFacts>?> LookUpAsync(IEnumerable<Fin> fins, EmployerActor employer, CancellationToken cancellationToken)
    {
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, PersonFacts>(StringComparer.Ordinal);
        var unavailable = 0;
        await Parallel.ForEachAsync(fins, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Bulk.LookupConcurrency, CancellationToken = cancellationToken }, async (fin, ct) =>
        {
            var answer = await people.FindAsync(fin, employer.Voen, employer.Officer, ct);
            if (answer.Outcome == PersonOutcome.Known) found[fin.Value] = answer.Person!;
            else if (answer.Outcome == PersonOutcome.Unavailable) Interlocked.Increment(ref unavailable);
        });
        if (unavailable > 0)
        {
            LogUnavailable(logger, unavailable);
            return null;
        }
        return new Dictionary<string, PersonFacts>(found, StringComparer.Ordinal);
    }

    private static BulkJob Copy(BulkJob j) => new()
    {
        Number = j.Number, EmployerVoen = j.EmployerVoen, SubmittedBy = j.SubmittedBy, Officer = j.Officer, Format = j.Format, Header = j.Header,
        Lines = j.Lines, Chunks = j.Chunks, ChunksDone = j.ChunksDone, Processed = j.Processed, Accepted = j.Accepted, Refused = j.Refused,
        Status = j.Status, SubmittedAt = j.SubmittedAt, FinishedAt = j.FinishedAt,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulk file {Number} worked: {Accepted} lines accepted, {Refused} refused")]
    private static partial void LogDone(ILogger logger, string number, int accepted, int refused);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The hub did not answer about {Count} employees of a bulk file; the chunk is worked again later")]
    private static partial void LogUnavailable(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Working bulk files failed; tried again later")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
