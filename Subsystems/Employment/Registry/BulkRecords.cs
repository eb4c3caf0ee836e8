namespace IntegrationHub.Employment.Registry;

/// <summary>Where a bulk file stands.</summary>
public static class BulkStatuses
{
    /// <summary>Stored; its lines are being worked (or wait for the hub).</summary>
    public const string Working = "working";
    /// <summary>Every line has its result.</summary>
    public const string Done = "done";
}

/// <summary>One bulk file an employer sent: its lines are kept in <see cref="BulkChunk"/>s and worked chunk by chunk.</summary>
public sealed class BulkJob
{
    /// <summary><c>BLK-yyyy-nnnnnn</c>.</summary>
    public string Number { get; set; } = "";
    public string EmployerVoen { get; set; } = "";
    public string SubmittedBy { get; set; } = "";
    /// <summary>The officer's staff id when a person sent the file (the hub's audit names them in every look-up); null for a system.</summary>
    public string? Officer { get; set; }
    /// <summary><c>csv</c> or <c>jsonl</c>.</summary>
    public string Format { get; set; } = "";
    /// <summary>A CSV file's header line (its column names); null for JSON lines.</summary>
    public string? Header { get; set; }
    public int Lines { get; set; }
    public int Chunks { get; set; }
    /// <summary>Chunks worked so far; the next one to work is this index.</summary>
    public int ChunksDone { get; set; }
    public int Processed { get; set; }
    public int Accepted { get; set; }
    public int Refused { get; set; }
    public string Status { get; set; } = BulkStatuses.Working;
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>A run of a file's lines, committed together once worked, with each line's result.</summary>
public sealed class BulkChunk
{
    /// <summary><c>{bulk number}:{index}</c>.</summary>
    public string Id { get; set; } = "";
    public string Bulk { get; set; } = "";
    public int Index { get; set; }
    /// <summary>The file's line number of <see cref="Lines"/>[0] (a CSV's header is line 1).</summary>
    public int FirstLine { get; set; }
    public List<string> Lines { get; set; } = [];
    /// <summary>One per line once worked; empty before.</summary>
    public List<BulkLineResult> Results { get; set; } = [];

    public static string IdOf(string bulk, int index) => $"{bulk}:{index}";
}

/// <summary>What became of one line: accepted with its numbers, or refused with the problem's code, field and detail.</summary>
public sealed class BulkLineResult
{
    public int Line { get; set; }
    /// <summary><c>accepted</c> or <c>refused</c>.</summary>
    public string Outcome { get; set; } = "";
    public string? Notification { get; set; }
    public string? ContractNumber { get; set; }
    public string? Code { get; set; }
    public string? Field { get; set; }
    public string? Detail { get; set; }
}
