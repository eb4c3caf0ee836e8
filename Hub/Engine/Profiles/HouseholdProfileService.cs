using IntegrationHub.Hub.Engine.Aggregation;
using IntegrationHub.Hub.Engine.Audit;
using IntegrationHub.Hub.Engine.Telemetry;
using IntegrationHub.Statistics;

namespace IntegrationHub.Hub.Engine.Profiles;

/// <summary>Who is asking: the authenticated subsystem and, when a person acts, the officer.</summary>
public sealed record ProfileCaller(string Subsystem, string? Officer = null);

/// <summary>
/// An outcome, and for a profile its JSON: the very bytes whose SHA-256 is in the audit record, so the HTTP
/// door sends them as they are instead of serializing the profile a second time.
/// </summary>
/// <param name="Rented">
/// When the JSON is in rented memory (<see cref="HouseholdProfileService.GetOnceAsync"/>): the sender disposes it once the
/// bytes are sent, and <see cref="Json"/> is not read after that.
/// </param>
public sealed record AssembledAnswer(Refusable<HouseholdProfile> Outcome, ReadOnlyMemory<byte> Json, IDisposable? Rented = null);

/// <summary>
/// The one use case behind both doors (HTTP API and <see cref="GetHouseholdProfile"/> consumer), in its steps: admit
/// the request (<see cref="ProfileAdmission"/>: caller, parsing, policy), assemble the profile cut to what the policy
/// allows, serialize it once, write the audit record (<see cref="ProfileAudit"/>), and only then return the profile and
/// announce it (<see cref="ProfileAnnouncer"/>). Every outcome, refusals included, is audited; when the audit cannot be
/// written nothing is returned (<c>audit-unavailable</c>).
/// </summary>
/// <remarks>
/// A bus request repeated under the same request id (a redelivery, a retry) within <see cref="ProfileReplays.Window"/>
/// is answered from the first assembly, joining it while it still runs, so it is never assembled twice. Only the
/// very same request is (<see cref="ProfileReplays"/>): the same id with other content is refused
/// (<c>request-id-reused</c>), as is a missing one (<c>missing-request-id</c>). Every answer that leaves, replayed or
/// not, has its own audit record; a replay's points to the first (<see cref="AuditRecord.ReplayOf"/>).
/// </remarks>
public sealed partial class HouseholdProfileService(
    ProfileAdmission admission,
    HouseholdAggregator aggregator,
    ProfileAudit audit,
    ProfileAnnouncer announcer,
    ProfileReplays replays,
    IProfileCounter profiles,
    TimeProvider time,
    ILogger<HouseholdProfileService> logger)
{
    /// <summary>
    /// For a request that cannot come again under the same id (an HTTP call with a fresh id): no replay entry is
    /// kept, so memory does not hold a profile per request for the replay window. A profile's JSON is in rented memory
    /// (<see cref="AssembledAnswer.Rented"/>), which the caller returns once it has sent it.
    /// </summary>
    public async Task<AssembledAnswer> GetOnceAsync(ProfileRequest request, ProfileCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        return (await AnswerAsync(Guid.CreateVersion7(time.GetUtcNow()), request, caller, null, cancellationToken, rent: true)).Answer;
    }

    /// <summary>
    /// A bus request under the sender's request id: replayed when the very same request came before, refused when the id
    /// is missing or was used for another. A profile comes with its audited JSON, which the reply carries as it is.
    /// </summary>
    public async Task<AssembledAnswer> GetAsync(Guid requestId, ProfileRequest request, ProfileCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        if (requestId == Guid.Empty)
        {
            var missing = new ProfileRefusal(RefusalCodes.MissingRequestId, "requestId is required and must not be all zeros: a request is answered again only under the id it was first sent with.", "requestId");
            return (await AnswerAsync(requestId, request, caller, missing, cancellationToken)).Answer;
        }

        // The assembly is not tied to the first caller's token: a repeat may be waiting on it. The window keeps only what
        // a replay needs (the JSON, not the profile's objects): the first caller takes its answer from `assembling`.
        var fingerprint = ProfileReplays.Fingerprint(request, caller);
        Task<Audited>? assembling = null;
        var first = replays.Join(caller.Subsystem, requestId, fingerprint,
            () => KeptAnswer.KeepAsync(assembling = AnswerAsync(requestId, request, caller, null, CancellationToken.None)));
        if (first.Fingerprint != fingerprint)
        {
            var reused = new ProfileRefusal(RefusalCodes.RequestIdReused, "requestId was already used by this subsystem for a different request (another applicant, household, purpose, case or officer); send each request under an id of its own.", "requestId");
            return (await AnswerAsync(requestId, request, caller, reused, cancellationToken)).Answer;
        }

        var task = first.Answer.Value;
        KeptAnswer kept;
        try
        {
            kept = await task.WaitAsync(cancellationToken);
        }
        catch when (task.IsFaulted)
        {
            replays.Forget(caller.Subsystem, requestId);
            throw;
        }
        // Not audited means not answered: a retry must try again, not get this answer replayed.
        if (kept.Record is not { } record)
        {
            replays.Forget(caller.Subsystem, requestId);
            return new AssembledAnswer(AuditUnavailable, default);
        }
        // The first caller ran the assembly (Lazy: `assembling` is set once its value is), so its objects are at hand.
        if (first.IsFirst) return (await assembling!).Answer;

        // The same answer leaves again: it gets its own record, pointing to the first one's.
        var replay = kept.Entry with { Agencies = [], ReplayOf = record.Id };
        return await audit.TryAppendAsync(replay, cancellationToken) is null ? new AssembledAnswer(AuditUnavailable, default) : kept.Answer();
    }

    private static ProfileRefusal AuditUnavailable => new(RefusalCodes.AuditUnavailable, "The access could not be recorded in the audit log, so no data is returned; try again later.");

    /// <param name="refused">A refusal decided before the request is looked at (its envelope: the request id), given to a known caller.</param>
    /// <param name="rent">The JSON in rented memory, for a caller that sends it and returns it (never kept for replays).</param>
    private async Task<Audited> AnswerAsync(Guid requestId, ProfileRequest request, ProfileCaller caller, ProfileRefusal? refused, CancellationToken cancellationToken, bool rent = false)
    {
        var admitted = admission.Admit(request, caller, refused);
        Refusable<HouseholdProfile> outcome = admitted.Refusal ?? await aggregator.AssembleAsync(admitted.Query!, admitted.Allowed!, cancellationToken);

        // Serialized once: hashed into the audit record, and sent as they are over HTTP.
        var rented = rent && outcome.Value is { } toRent ? RentedJson.Serialize(toRent, ProfileJson.Options) : null;
        ReadOnlyMemory<byte> body = rented is not null ? rented.Written
            : outcome.Value is { } assembled ? JsonSerializer.SerializeToUtf8Bytes(assembled, ProfileJson.Options) : default;
        AuditEntry entry;
        AuditRecord? record;
        try
        {
            entry = ProfileAudit.Describe(requestId, request, caller, admitted.Query, outcome, body.Span);
            record = await audit.TryAppendAsync(entry, cancellationToken);
        }
        catch
        {
            rented?.Dispose();
            throw;
        }
        if (record is null)
        {
            rented?.Dispose();
            return new Audited(new AssembledAnswer(AuditUnavailable, default), entry, null);
        }

        if (outcome.Refusal is { } refusal) LogRefused(logger, requestId, caller.Subsystem, refusal.Code);
        if (outcome.Value is { } profile)
        {
            Count(profile);
            announcer.Announce(requestId, profile, caller);
        }
        return new Audited(new AssembledAnswer(outcome, body, rented), entry, record);
    }

    /// <summary>The figures of a profile handed out, counted here in memory (not from the announcement, which may be lost).</summary>
    private void Count(HouseholdProfile profile)
    {
        profiles.Count(profile.Purpose);
        HubTelemetry.ProfileAssemblyDuration.Record(profile.Elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("purpose", profile.Purpose),
            new KeyValuePair<string, object?>("complete", profile.Complete));
    }

    /// <summary>The answer, what its audit record says, and the record written (null: not written, not answered).</summary>
    private sealed record Audited(AssembledAnswer Answer, AuditEntry Entry, AuditRecord? Record);

    /// <summary>
    /// What the replay window keeps of an answer: a refusal, or the audited JSON of a profile (read back into objects only
    /// when a replay is sent), with its audit entry and record. Objects kept for the window would outlive gen0 by minutes.
    /// </summary>
    private sealed record KeptAnswer(ProfileRefusal? Refusal, ReadOnlyMemory<byte> Json, AuditEntry Entry, AuditRecord? Record)
    {
        public static async Task<KeptAnswer> KeepAsync(Task<Audited> answering)
        {
            var audited = await answering;
            return new KeptAnswer(audited.Answer.Outcome.Refusal, audited.Answer.Json, audited.Entry, audited.Record);
        }

        public AssembledAnswer Answer() => Refusal is { } refusal
            ? new AssembledAnswer(refusal, default)
            : new AssembledAnswer(JsonSerializer.Deserialize<HouseholdProfile>(Json.Span, ProfileJson.Options)!, Json);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId} from {Caller} refused: {Code}")]
    private static partial void LogRefused(ILogger logger, Guid requestId, string caller, string code);
}
