using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Hub.Engine.Audit;

/// <summary>Settings of the audit log (section <c>Audit</c>; the directory is <c>Storage:DataDirectory</c>).</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>How long records are kept; older ones are purged daily (the chain keeps an anchor).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "36500.00:00:00", ErrorMessage = "Audit:Retention must be between 1 day and 100 years.")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(5 * 365 + 1);

    /// <summary>
    /// Roles whose officers the citizen's "who looked" view names (their id, as their token gives it) beside the role; for
    /// every other role only the role is shown. Empty by default: officers are shown by role alone.
    /// </summary>
    public List<string> NamedOfficerRoles { get; set; } = [];

    /// <summary>
    /// This hub instance's segment name when several instances run: each writes its own chain, in the directory
    /// <c>audit-{name}</c>. Empty for the single-instance directory <c>audit</c>.
    /// </summary>
    [RegularExpression("^[a-z0-9-]{0,32}$", ErrorMessage = "Audit:Segment must be at most 32 lower-case letters, digits or hyphens.")]
    public string Segment { get; set; } = "";

    /// <summary>
    /// How often, while records are appended, the head of the chain is signed and written to the checkpoint file
    /// (also at start and at shutdown): records deleted from the end are noticed unless they are younger than this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "Audit:CheckpointInterval must be between 100 ms and 1 hour.")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The hub's private key for checkpoints (ECDSA P-256, PEM). Empty: a key generated once and kept in the data
    /// directory (<c>audit-signing-key.pem</c>), which is fine for the default mode and not for production, where
    /// whoever can edit the audit file could read the key too.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// For verification only: the public key (PEM) an auditor trusts, kept from the hub's published one. Empty:
    /// the public half of the hub's own key.
    /// </summary>
    public string? PublicKey { get; set; }

    /// <summary>Filled from <c>Storage:DataDirectory</c> (default <c>./data</c>).</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Most records made durable by one fsync (a group takes what is waiting, up to this).</summary>
    [Range(1, 4096, ErrorMessage = "Audit:MaxGroup must be between 1 and 4096.")]
    public int MaxGroup { get; set; } = 256;

    /// <summary>A segment's chunk file is closed past this size (and at each UTC day), so a purge deletes whole files.</summary>
    [Range(1, 4096, ErrorMessage = "Audit:ChunkMegabytes must be between 1 and 4096.")]
    public int ChunkMegabytes { get; set; } = 256;

    /// <summary>The segment: the chunk files of hashed records (the record of truth), the anchor, and the views derived from them.</summary>
    public string SegmentDirectory => Path.Combine(DataDirectory, Segment.Length == 0 ? "audit" : $"audit-{Segment}");

    /// <summary>The LiteDB file of earlier versions (<c>audit.db</c>), imported into the segment at the first start.</summary>
    public string LegacyFilePath => Path.Combine(DataDirectory, Segment.Length == 0 ? "audit.db" : $"audit-{Segment}.db");

    /// <summary>The signed checkpoints: a file of their own, apart from the log they vouch for.</summary>
    public string CheckpointFilePath => Path.Combine(DataDirectory, Segment.Length == 0 ? "audit-checkpoints.jsonl" : $"audit-{Segment}-checkpoints.jsonl");

    /// <summary>Where the generated key is kept when <see cref="SigningKey"/> is empty (one key for every segment of the directory).</summary>
    public string SigningKeyFilePath => Path.Combine(DataDirectory, "audit-signing-key.pem");
}
