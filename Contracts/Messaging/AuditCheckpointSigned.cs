namespace IntegrationHub.Contracts.Messaging;

/// <summary>
/// Event: the hub signed a checkpoint of its audit chain, so a copy of it lives outside the hub's files (an
/// auditor's subscriber keeps them, and later checks that the log still reaches the newest). No personal data:
/// sequences, hashes and times. The signature and the bytes it covers are described in docs/trust.md; the public
/// key is served at <c>GET /api/v1/audit/checkpoints</c>.
/// </summary>
/// <param name="Kind"><c>head</c>: the chain reached <paramref name="Sequence"/> with <paramref name="Hash"/> at <paramref name="Time"/>; <c>purge</c>: retention removes the records up to <paramref name="Sequence"/>, the last dated <paramref name="RecordTime"/>.</param>
/// <param name="Segment">The audit segment (hub instance's chain); empty for the single-instance log.</param>
/// <param name="Instance">The process that signed it (host:process id).</param>
/// <param name="KeyId">Which of the hub's keys signed it.</param>
/// <param name="Signature">ECDSA P-256 over SHA-256, IEEE P1363 (r||s), base64.</param>
public sealed record AuditCheckpointSigned(
    string Kind,
    string Segment,
    string Instance,
    long Sequence,
    string Hash,
    DateTimeOffset? RecordTime,
    DateTimeOffset Time,
    string KeyId,
    string Signature);
