using IntegrationHub.Hub.Engine.Telemetry;
using IntegrationHub.Contracts.Messaging;
using IntegrationHub.Storage;
using MassTransit;

namespace IntegrationHub.Hub.Operations;

/// <summary>One e-service's uses in one month, and the change against the month before (null when that month had none).</summary>
public sealed record EServiceMonth(string EService, string Month, long Uses, double? GrowthPercent);

/// <summary>
/// E-service statistics as the ministry reports them: uses per e-service per month, and the growth against
/// the month before. An e-service is a purpose the hub serves (e.g. <c>targeted-social-assistance</c>); a
/// use is one profile handed out. Counted from <see cref="HouseholdProfileAssembled"/> events, so the figures
/// need no personal data; kept in <c>operations.db</c>.
/// </summary>
public sealed class EServiceStatistics : IDisposable
{
    private const string MonthsCollection = "eservice_months";

    private readonly DurableStore store;

    public EServiceStatistics(IConfiguration configuration)
    {
        store = new(new DurableStoreOptions(DataDirectory.File(configuration, "operations.db")));
        store.CreateCollections(MonthsCollection);
    }

    public void Dispose() => store.Dispose();

    private sealed class Counter
    {
        public string Id { get; set; } = "";
        public string EService { get; set; } = "";
        public string Month { get; set; } = "";
        public long Uses { get; set; }
    }

    public Task RecordAsync(string eService, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var month = at.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        return store.WriteAsync(db =>
        {
            var counters = db.GetCollection<Counter>(MonthsCollection);
            var id = eService + "|" + month;
            var counter = counters.FindById(id) ?? new Counter { Id = id, EService = eService, Month = month };
            counter.Uses++;
            counters.Upsert(counter);
        }, cancellationToken);
    }

    public IReadOnlyList<EServiceMonth> Months()
    {
        var rows = store.Database.GetCollection<Counter>(MonthsCollection).FindAll().ToList();
        var result = new List<EServiceMonth>();
        foreach (var service in rows.GroupBy(r => r.EService).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var byMonth = service.ToDictionary(r => r.Month, r => r.Uses);
            foreach (var row in service.OrderBy(r => r.Month, StringComparer.Ordinal))
            {
                var previous = DateOnly.ParseExact(row.Month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddMonths(-1)
                    .ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
                double? growth = byMonth.TryGetValue(previous, out var before) && before > 0 ? Math.Round((row.Uses - before) * 100.0 / before, 1) : null;
                result.Add(new EServiceMonth(row.EService, row.Month, row.Uses, growth));
            }
        }
        return result;
    }
}

/// <summary>Counts every assembled profile for the statistics and the metrics.</summary>
public sealed class HouseholdProfileAssembledConsumer(EServiceStatistics statistics) : IConsumer<HouseholdProfileAssembled>
{
    public async Task Consume(ConsumeContext<HouseholdProfileAssembled> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        HubTelemetry.ProfileAssemblyDuration.Record(message.Elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("purpose", message.Purpose),
            new KeyValuePair<string, object?>("complete", message.Complete));
        await statistics.RecordAsync(message.Purpose, message.AssembledAt, context.CancellationToken);
    }
}
