using System.Globalization;
using System.Text;

namespace IntegrationHub.Statistics.Reports;

/// <summary>
/// The report as CSV (RFC 4180) for a spreadsheet: a header row, then one row per month and e-service, in the
/// report's order; comma-separated, CRLF line ends, a field quoted when it holds a comma, quote or line break;
/// numbers with a decimal point, an empty cell where the report says null.
/// </summary>
public static class EServiceReportCsv
{
    public const string ContentType = "text/csv";

    public static readonly IReadOnlyList<string> Header =
        ["month", "e_service", "name_az", "name_en", "uses", "portal", "post_office", "call_centre", "api", "growth_percent", "share_percent"];

    /// <summary>UTF-8 with a byte-order mark: without it some spreadsheets read the Azerbaijani names as another code page.</summary>
    public static byte[] Write(EServiceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        Line(text, Header);
        foreach (var month in report.Months)
        {
            foreach (var use in month.EServices)
            {
                Line(text,
                [
                    month.Month, use.Key, use.NameAz, use.NameEn, Number(use.Uses),
                    Number(use.Channels.GetValueOrDefault(EServiceChannel.Portal.Name())),
                    Number(use.Channels.GetValueOrDefault(EServiceChannel.PostOffice.Name())),
                    Number(use.Channels.GetValueOrDefault(EServiceChannel.CallCentre.Name())),
                    Number(use.Channels.GetValueOrDefault(EServiceChannel.Api.Name())),
                    Number(use.GrowthPercent), Number(use.SharePercent),
                ]);
            }
        }
        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(text.ToString());
        return [.. preamble, .. body];
    }

    private static void Line(StringBuilder text, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) text.Append(',');
            text.Append(Field(fields[i]));
        }
        text.Append("\r\n");
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
