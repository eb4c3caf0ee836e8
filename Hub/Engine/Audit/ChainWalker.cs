namespace IntegrationHub.Hub.Engine.Audit;

/// <summary>
/// The checks of a walk of one chain, whatever stores it: fed each record in order, it expects the next sequence and
/// the hash of the record before, names the first record that does not fit (and checks nothing after it), and keeps
/// the stored hashes asked for on the way.
/// </summary>
internal sealed class ChainWalker(ChainAnchor? anchor, IReadOnlySet<long> hashesOf, string? segment = null)
{
    private readonly Dictionary<long, string> _hashes = [];
    private string _previous = anchor?.Hash ?? AuditRecord.Genesis;
    private long? _firstBroken;
    private string? _message;

    /// <summary>The sequence the next record must carry.</summary>
    public long Expected { get; private set; } = anchor is null ? 1 : anchor.Sequence + 1;

    /// <summary>How many records fitted, up to the first that did not.</summary>
    public long Verified { get; private set; }

    public bool IsBroken => _firstBroken is not null;

    /// <summary>Keeps a record's stored hash when it was asked for; broken or not, the walk reads on for these.</summary>
    public void Saw(long sequence, string hash)
    {
        if (hashesOf.Contains(sequence)) _hashes.TryAdd(sequence, hash);
    }

    /// <summary>Names the first record that does not fit; later calls change nothing.</summary>
    public void Broken(long sequence, string problem)
    {
        if (_firstBroken is not null) return;
        _firstBroken = sequence;
        _message = segment is null ? $"Record {sequence}: {problem}." : $"Record {sequence} of segment {segment}: {problem}.";
    }

    /// <summary>
    /// Checks the next record: its sequence, then <paramref name="misplaced"/> (a problem the store found in where the
    /// record stands, or null), its previous hash, and whether its content matches its hash.
    /// </summary>
    public void Check(long sequence, string previousHash, string hash, bool hashMatches, string? misplaced = null)
    {
        if (sequence != Expected) Broken(sequence, $"sequence {sequence} where {Expected} was expected: records are missing");
        else if (misplaced is not null) Broken(sequence, misplaced);
        else if (previousHash != _previous) Broken(sequence, "its previous hash does not match the record before it");
        else if (!hashMatches) Broken(sequence, "its content does not match its hash: the record was changed");
        else
        {
            _previous = hash;
            Expected++;
            Verified++;
        }
    }

    public ChainWalk Result() => new(
        _firstBroken is null
            ? new AuditVerification(true, Verified, null, $"{Verified} records verified; the chain is intact.", anchor?.Sequence)
            : new AuditVerification(false, Verified, _firstBroken, _message!, anchor?.Sequence),
        _hashes);
}
