using System.Text;
using System.Text.Json;

namespace IntegrationHub.Employment.Bulk;

/// <summary>
/// How a bulk file is read: CSV with a header row (columns named as <see cref="NotificationInput"/>'s fields, comma or
/// semicolon separated, fields quoted with <c>"</c> when they hold the separator or a quote, one record per line) or
/// JSON lines (one object per line with those keys; numbers or strings). Blank lines are skipped but keep their numbers,
/// so every result names the line as an editor or a spreadsheet shows it.
/// </summary>
public static class BulkFormat
{
    public const string Csv = "csv";
    public const string JsonLines = "jsonl";

    public static readonly IReadOnlyList<string> CsvMediaTypes = ["text/csv"];
    public static readonly IReadOnlyList<string> JsonLinesMediaTypes = ["application/x-ndjson", "application/jsonl", "application/json-lines"];

    /// <summary>The fields a line may give, by name.</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "kind", "contractNumber", "employerVoen", "fin", "position", "occupationCode", "workplace", "startDate", "term", "endDate",
        "contractKind", "weeklyHours", "monthlyWage", "effectiveDate", "until", "reason", "ground",
    ];

    /// <summary>The format of a media type (parameters aside); null for one not taken.</summary>
    public static string? Of(string? contentType)
    {
        var media = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (media is null) return null;
        if (CsvMediaTypes.Contains(media)) return Csv;
        return JsonLinesMediaTypes.Contains(media) ? JsonLines : null;
    }

    /// <summary>The file's lines (UTF-8, a byte-order mark dropped, CR LF or LF); a final empty line is not a line.</summary>
    public static List<string> Lines(byte[] file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(file);
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var lines = text.Split('\n').Select(l => l.EndsWith('\r') ? l[..^1] : l).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    /// <summary>A CSV header's columns (field names, case aside), or the problem with it.</summary>
    public static (IReadOnlyList<string>? Columns, char Separator, ApiProblem? Problem) Header(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var separator = header.Contains(';', StringComparison.Ordinal) && !header.Contains(',', StringComparison.Ordinal) ? ';' : ',';
        var cells = SplitCsv(header, separator);
        if (cells is null) return (null, separator, HeaderProblem("The header row is not valid CSV (a quote is not closed)."));
        var columns = new List<string>();
        foreach (var cell in cells)
        {
            var name = Fields.FirstOrDefault(f => string.Equals(f, cell.Trim(), StringComparison.OrdinalIgnoreCase));
            if (name is null) return (null, separator, HeaderProblem($"Unknown column '{cell.Trim()}'; the columns are {string.Join(", ", Fields)}."));
            if (columns.Contains(name)) return (null, separator, HeaderProblem($"Column {name} is given twice."));
            columns.Add(name);
        }
        return (columns, separator, null);
    }

    private static ApiProblem HeaderProblem(string detail) => ApiProblem.BadRequest(EmploymentCodes.InvalidCsvHeader, detail + " The first line of a CSV file names its columns.", "header");

    /// <summary>One CSV line under its header, or the problem with it (<c>malformed-line</c>).</summary>
    public static (NotificationInput? Input, ApiProblem? Problem) ReadCsv(string line, IReadOnlyList<string> columns, char separator)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var cells = SplitCsv(line, separator);
        if (cells is null) return (null, Malformed("The line is not valid CSV (a quote is not closed; a field cannot span lines)."));
        if (cells.Count != columns.Count) return (null, Malformed($"The line has {cells.Count} fields; the header names {columns.Count}."));
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++) values[columns[i]] = cells[i].Length == 0 ? null : cells[i];
        return (Input(values), null);
    }

    /// <summary>One JSON object on one line, its values strings or numbers (or null), or the problem with it.</summary>
    public static (NotificationInput? Input, ApiProblem? Problem) ReadJson(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line, new JsonDocumentOptions { AllowDuplicateProperties = false });
            if (document.RootElement.ValueKind != JsonValueKind.Object) return (null, Malformed("Each line is one JSON object."));
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!Fields.Contains(property.Name)) return (null, Malformed($"Unknown key '{property.Name}'; the keys are {string.Join(", ", Fields)}.", property.Name));
                values[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    JsonValueKind.Null => null,
                    _ => throw new FormatException(property.Name),
                };
            }
            return (Input(values), null);
        }
        catch (FormatException e)
        {
            return (null, Malformed($"{e.Message} is a string, a number or null.", e.Message));
        }
        catch (JsonException)
        {
            return (null, Malformed("The line is not one valid JSON object (or a key is given twice)."));
        }
    }

    private static ApiProblem Malformed(string detail, string? field = null) => ApiProblem.BadRequest(EmploymentCodes.MalformedLine, detail, field);

    private static NotificationInput Input(Dictionary<string, string?> v) => new()
    {
        Kind = v.GetValueOrDefault("kind"),
        ContractNumber = v.GetValueOrDefault("contractNumber"),
        EmployerVoen = v.GetValueOrDefault("employerVoen"),
        Fin = v.GetValueOrDefault("fin"),
        Position = v.GetValueOrDefault("position"),
        OccupationCode = v.GetValueOrDefault("occupationCode"),
        Workplace = v.GetValueOrDefault("workplace"),
        StartDate = v.GetValueOrDefault("startDate"),
        Term = v.GetValueOrDefault("term"),
        EndDate = v.GetValueOrDefault("endDate"),
        ContractKind = v.GetValueOrDefault("contractKind"),
        WeeklyHours = v.GetValueOrDefault("weeklyHours"),
        MonthlyWage = v.GetValueOrDefault("monthlyWage"),
        EffectiveDate = v.GetValueOrDefault("effectiveDate"),
        Until = v.GetValueOrDefault("until"),
        Reason = v.GetValueOrDefault("reason"),
        Ground = v.GetValueOrDefault("ground"),
    };

    /// <summary>The fields of one CSV line (RFC 4180 quoting within the line); null when a quote is left open.</summary>
    private static List<string>? SplitCsv(string line, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == separator) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        if (quoted) return null;
        fields.Add(field.ToString());
        return fields;
    }
}
