using System.Globalization;

namespace IntegrationHub.Hub.Engine.Audit;

/// <summary>
/// Verifies an audit chain against its signed checkpoints: the chain itself (every record links to the one
/// before and matches its hash), every checkpoint's signature, that the chain still reaches every signed head
/// with the same hash (records deleted from the end, or the chain cut back and grown again, fail, naming what
/// is missing), and that the anchor was signed by a retention purge and is older than the retention allows (a
/// forged purge of young records fails). Reads the chain only through <see cref="IAuditChainReader"/>.
/// </summary>
public static class AuditVerifier
{
    public static AuditVerification Verify(IAuditChainReader chain, IAuditCheckpointLog file, AuditSigningKey? key, TimeSpan retention, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(file);
        var (read, unreadable) = file.ReadAll();
        // One walk of the chain, collecting on the way the hashes every checkpoint is compared with.
        var walk = chain.Walk(read.Select(c => c.Sequence).ToHashSet());
        var walked = walk.Verification;
        var head = chain.Head;
        var anchor = chain.Anchor;
        var problems = new List<string>();
        long? firstBroken = walked.FirstBroken;
        if (!walked.Intact) problems.Add(walked.Message);

        problems.AddRange(unreadable.Select(l => $"Checkpoint file {file.Path}, {l}: not a checkpoint; the file was edited."));
        var valid = new List<AuditCheckpoint>();
        if (key is null)
        {
            if (read.Count > 0 || head.Sequence > 0) problems.Add("No key to check the checkpoints with: give Audit:PublicKey (the hub's published public key) or the hub's Audit:SigningKey.");
        }
        else
        {
            for (var i = 0; i < read.Count; i++)
            {
                var c = read[i];
                if (c.KeyId == key.KeyId && key.Verify(c.Canonical(), c.Signature)) valid.Add(c);
                else problems.Add($"Checkpoint {i + 1} ({c.Kind} at record {c.Sequence}, {Format(c.Time)}): its signature does not verify with key {key.KeyId} ({key.Source}); it was forged or altered.");
            }
        }
        // A purge's checkpoint vouches for its record as much as one of the head does.
        var signed = valid;

        if (key is not null && signed.Count == 0 && head.Sequence > 0)
        {
            problems.Add($"No signed checkpoint of the chain in {file.Path}: the checkpoint file is missing or empty, so records deleted from the end could not be noticed.");
        }

        // The furthest the chain was ever signed to: the log must still reach it.
        var furthest = signed.MaxBy(c => c.Sequence);
        if (furthest is not null && furthest.Sequence > head.Sequence)
        {
            var missing = furthest.Sequence == head.Sequence + 1 ? $"Record {furthest.Sequence} is missing" : $"Records {head.Sequence + 1}-{furthest.Sequence} are missing";
            problems.Insert(walked.Intact ? 0 : problems.Count, $"{missing}: the checkpoint signed at {Format(furthest.Time)} vouches for the chain up to record {furthest.Sequence}, the log ends at record {head.Sequence}; the newest records were deleted.");
            firstBroken ??= head.Sequence + 1;
        }
        foreach (var c in signed.DistinctBy(c => (c.Sequence, c.Hash)).Where(c => c.Sequence <= head.Sequence))
        {
            string? actual;
            if (anchor is not null && c.Sequence < anchor.Sequence) continue; // purged: the anchor's own checks cover it
            if (anchor is not null && c.Sequence == anchor.Sequence) actual = anchor.Hash;
            else actual = c.Sequence == 0 ? AuditRecord.Genesis : walk.Hashes.GetValueOrDefault(c.Sequence);
            if (actual == c.Hash) continue;
            problems.Add($"Record {c.Sequence} does not match the checkpoint signed at {Format(c.Time)}: the chain was rewritten or cut back and grown again from there.");
            firstBroken ??= c.Sequence;
            break;
        }

        if (anchor is not null)
        {
            if (key is not null && !valid.Any(c => c.Kind == AuditCheckpoint.Purge && c.Sequence == anchor.Sequence && c.Hash == anchor.Hash && c.RecordTime == anchor.Time))
            {
                problems.Add($"The anchor (records up to {anchor.Sequence} removed, the last dated {Format(anchor.Time)}) was not signed by a retention purge: the records were removed outside it.");
            }
            var cutoff = now - retention;
            if (anchor.Time > cutoff)
            {
                problems.Add($"The anchor at record {anchor.Sequence} is dated {Format(anchor.Time)}, younger than Audit:Retention ({retention.TotalDays.ToString("0.##", CultureInfo.InvariantCulture)} days) allows (only records before {Format(cutoff)} may be purged): records were removed before their time.");
            }
        }

        var last = signed.LastOrDefault(c => c.Kind == AuditCheckpoint.Head) ?? signed.LastOrDefault();
        var message = problems.Count switch
        {
            0 when last is null => walked.Message,
            0 => $"{walked.Verified} records verified; the chain is intact and reaches the last signed checkpoint (record {last.Sequence}, {Format(last.Time)}).",
            1 => problems[0],
            _ => $"{problems[0]} (and {problems.Count - 1} more problem{(problems.Count > 2 ? "s" : "")})",
        };
        return new AuditVerification(problems.Count == 0, walked.Verified, firstBroken, message, anchor?.Sequence,
            head.Sequence, anchor, last, read.Count, problems);
    }

    /// <summary>
    /// This instance's chain against its checkpoints and, for a shared store, every other segment against its own:
    /// intact only when all are; the counts summed, the problems named by segment, the head and anchor this instance's.
    /// </summary>
    public static AuditVerification VerifyAll(IAuditStore store, IAuditCheckpointLog own, AuditSigningKey? key, TimeSpan retention, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        var mine = Verify(store, own, key, retention, now);
        var others = store.OtherSegments();
        if (others.Count == 0) return mine;
        var parts = new List<SegmentVerification> { new(store.Segment, mine.Intact, mine.Verified, mine.Head ?? 0, mine.Message) };
        var problems = (mine.Problems ?? []).Select(p => $"Segment {store.Segment}: {p}").ToList();
        foreach (var other in others)
        {
            var result = Verify(other.Chain, other.Checkpoints, key, retention, now);
            parts.Add(new SegmentVerification(other.Segment, result.Intact, result.Verified, result.Head ?? 0, result.Message));
            problems.AddRange((result.Problems ?? []).Select(p => $"Segment {other.Segment}: {p}"));
        }
        var intact = parts.All(p => p.Intact);
        var verified = parts.Sum(p => p.Verified);
        var message = intact
            ? $"{verified} records verified in {parts.Count} segments; every chain is intact and reaches its last signed checkpoint."
            : problems.Count == 1 ? problems[0] : $"{problems[0]} (and {problems.Count - 1} more problem{(problems.Count > 2 ? "s" : "")})";
        return mine with { Intact = intact, Verified = verified, Message = message, Problems = problems, Segments = parts };
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture);
}
