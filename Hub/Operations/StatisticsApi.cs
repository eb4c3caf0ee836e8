using IntegrationHub.Statistics;
using IntegrationHub.Statistics.Reports;
using IntegrationHub.Statistics.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace IntegrationHub.Hub.Operations;

/// <summary>
/// The statistics as the ministry reports them (docs/operations.md): uses per e-service per month with the total,
/// growth and shares, as JSON or CSV; and the hub's own figure, profiles handed out per purpose and month.
/// Counts only, no personal data: open like <c>/metrics</c>.
/// </summary>
public static class StatisticsApi
{
    /// <summary>The longest range one report covers.</summary>
    public const int MaxMonths = 120;

    /// <summary>The range a report covers when none is given: the last 12 months, this one included.</summary>
    public const int DefaultMonths = 12;

    public const string InvalidMonth = "invalid-month";
    public const string InvalidMonthRange = "invalid-month-range";

    public static RouteGroupBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/operations/statistics").WithTags("Operations");
        api.MapGet("/e-services", EServicesAsync)
            .WithName("GetEServiceStatistics")
            .WithSummary("Uses per e-service per month: the month's total and growth, each e-service's uses by channel, growth on the month before and share of the total")
            .WithDescription($"Months `from` to `to` (`yyyy-MM`, both included; default the last {DefaultMonths} months to this one, at most {MaxMonths}), on Baku time (`Statistics:UtcOffset`). "
                + "`Accept: text/csv` gives the same report as CSV for a spreadsheet: a header row, then one row per month and e-service. "
                + "Counted where each use happens and kept in memory for up to `Statistics:FlushInterval` before it is stored; this instance's unstored counts are included, other instances' as of their last flush.")
            .Produces<EServiceReport>(StatusCodes.Status200OK, "application/json", EServiceReportCsv.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/profiles", ProfilesAsync)
            .WithName("GetProfileStatistics")
            .WithSummary("Household profiles the hub handed out, per purpose per month (an operations figure of the hub's own)")
            .WithDescription($"Months `from` to `to` as for the e-services (default the last {DefaultMonths} months).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/outcomes", OutcomesAsync)
            .WithName("GetOutcomeStatistics")
            .WithSummary("Cases people decide and what became of them, per process, outcome and month (e.g. disability appeals: filed, confirmed, changed)")
            .WithDescription($"Months `from` to `to` as for the e-services (default the last {DefaultMonths} months). Only outcomes that happened are listed.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<OutcomeMonth>>, ProblemHttpResult>> OutcomesAsync(string? from, string? to, UsageCounter counter,
        IOptions<StatisticsOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Range(from, to, time, options.Value) is not { } range) return RangeProblem(from, to, time, options.Value);
        var counts = await counter.ReadAsync(UsageSeries.Outcomes, range.From, range.To, cancellationToken);
        IReadOnlyList<OutcomeMonth> rows = counts.GroupBy(c => (c.Month, c.Key, c.Channel))
            .Select(g => new OutcomeMonth(g.Key.Month, g.Key.Key, g.Key.Channel, g.Sum(c => c.Count)))
            .OrderBy(r => r.Month, StringComparer.Ordinal).ThenBy(r => r.Process, StringComparer.Ordinal).ThenBy(r => r.Outcome, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(rows);
    }

    private static async Task<IResult> EServicesAsync(string? from, string? to, HttpRequest request, UsageCounter counter, IOptions<StatisticsOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (Range(from, to, time, options.Value) is not { } range) return RangeProblem(from, to, time, options.Value);
        var counts = await counter.ReadAsync(UsageSeries.EServices, range.From.AddMonths(-1), range.To, cancellationToken);
        var report = EServiceReport.Build(counts, range.From, range.To);
        if (!WantsCsv(request)) return TypedResults.Ok(report);
        return TypedResults.File(EServiceReportCsv.Write(report), EServiceReportCsv.ContentType + "; charset=utf-8",
            $"e-services-{report.From}-{report.To}.csv");
    }

    private static async Task<Results<Ok<IReadOnlyList<ProfileMonth>>, ProblemHttpResult>> ProfilesAsync(string? from, string? to, UsageCounter counter,
        IOptions<StatisticsOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Range(from, to, time, options.Value) is not { } range) return RangeProblem(from, to, time, options.Value);
        var counts = await counter.ReadAsync(UsageSeries.Profiles, range.From, range.To, cancellationToken);
        IReadOnlyList<ProfileMonth> rows = counts.GroupBy(c => (c.Month, c.Key))
            .Select(g => new ProfileMonth(g.Key.Month, g.Key.Key, g.Sum(c => c.Count)))
            .OrderBy(r => r.Month, StringComparer.Ordinal).ThenBy(r => r.Purpose, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(rows);
    }

    private static (StatisticsMonth From, StatisticsMonth To)? Range(string? from, string? to, TimeProvider time, StatisticsOptions options)
    {
        var last = StatisticsMonth.Of(time.GetUtcNow(), options.UtcOffset);
        if (to is not null && !StatisticsMonth.TryParse(to, out last)) return null;
        var first = last.AddMonths(-(DefaultMonths - 1));
        if (from is not null && !StatisticsMonth.TryParse(from, out first)) return null;
        if (last < first || last.MonthsSince(first) >= MaxMonths) return null;
        return (first, last);
    }

    /// <summary>What is wrong with a range <see cref="Range"/> refused.</summary>
    private static ProblemHttpResult RangeProblem(string? from, string? to, TimeProvider time, StatisticsOptions options)
    {
        var months = $"a month as yyyy-MM from {StatisticsMonth.Earliest} to {StatisticsMonth.Latest}";
        if (to is not null && !StatisticsMonth.TryParse(to, out _)) return ProblemResults.Create(StatusCodes.Status400BadRequest, InvalidMonth, $"to must be {months}.", "to");
        if (from is not null && !StatisticsMonth.TryParse(from, out _)) return ProblemResults.Create(StatusCodes.Status400BadRequest, InvalidMonth, $"from must be {months}.", "from");
        var thisMonth = StatisticsMonth.Of(time.GetUtcNow(), options.UtcOffset);
        var until = to is null ? $" (to defaults to this month, {thisMonth})" : "";
        return ProblemResults.Create(StatusCodes.Status400BadRequest, InvalidMonthRange,
            $"from must not be after to{until}, and one report covers at most {MaxMonths} months.", from is null ? "to" : "from");
    }

    /// <summary>CSV when the caller prefers <c>text/csv</c> to JSON (by quality, the first named on a tie); JSON otherwise.</summary>
    private static bool WantsCsv(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)) return false;
        double csv = 0, json = 0;
        int csvAt = int.MaxValue, jsonAt = int.MaxValue;
        for (var i = 0; i < accepted.Count; i++)
        {
            var type = accepted[i];
            var quality = type.Quality ?? 1;
            if (type.MediaType.Equals(EServiceReportCsv.ContentType, StringComparison.OrdinalIgnoreCase) && quality > csv) (csv, csvAt) = (quality, i);
            else if (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) && quality > json) (json, jsonAt) = (quality, i);
        }
        return csv > 0 && (csv > json || (csv == json && csvAt < jsonAt));
    }
}

/// <param name="Month"><c>yyyy-MM</c>.</param>
/// <param name="Purpose">The purpose the profiles were handed out for (e.g. <c>targeted-social-assistance</c>).</param>
/// <param name="Profiles">How many.</param>
public sealed record ProfileMonth(string Month, string Purpose, long Profiles);

/// <param name="Month"><c>yyyy-MM</c>.</param>
/// <param name="Process">What was decided (e.g. <c>disability-appeal</c>).</param>
/// <param name="Outcome">What became of it (e.g. <c>filed</c>, <c>confirmed</c>, <c>changed</c>).</param>
/// <param name="Count">How many in the month.</param>
public sealed record OutcomeMonth(string Month, string Process, string Outcome, long Count);
