using System.Diagnostics;
using System.Text.Json;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Messaging;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Hub.Engine.Access;
using IntegrationHub.Hub.Engine.Aggregation;
using IntegrationHub.Hub.Engine.Telemetry;
using IntegrationHub.Hub.Engine.Audit;
using IntegrationHub.Hub.Engine.Events;
using IntegrationHub.Statistics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hub.Engine.Profiles;

/// <summary>Who is asking: the authenticated subsystem and, when a person acts, the officer.</summary>
public sealed record ProfileCaller(string Subsystem, string? Officer = null);

/// <summary>
/// An outcome, and for a profile its JSON: the very bytes whose SHA-256 is in the audit record, so the HTTP
/// door sends them as they are instead of serializing the profile a second time.
/// </summary>
public sealed record AssembledAnswer(Refusable<HouseholdProfile> Outcome, ReadOnlyMemory<byte> Json);

/// <summary>
/// The one use case behind both doors (HTTP API and <see cref="GetHouseholdProfile"/> consumer): check the
/// caller and the access policy, parse the request, assemble the profile cut to what the policy allows,
/// write the audit record to disk, and only then return the profile and announce it. Every outcome, refusals
/// included, is audited; when the audit cannot be written nothing is returned (<c>audit-unavailable</c>).
/// </summary>
/// <remarks>
/// A bus request repeated under the same request id (a redelivery, a retry) within <see cref="ReplayWindow"/> is
/// answered from the first assembly, joining it while it still runs, so it is never assembled twice. Only the
/// very same request is: the id is bound to a fingerprint of the request's content, and the same id with other
/// content is refused (<c>request-id-reused</c>), as is a missing one (<c>missing-request-id</c>), so no request
/// can receive the answer meant for another. Every answer that leaves, replayed or not, has its own audit record;
/// a replay's points to the first (<see cref="AuditRecord.ReplayOf"/>).
/// </remarks>
public sealed partial class HouseholdProfileService(
    HouseholdAggregator aggregator,
    AccessPolicy policy,
    AuditLog audit,
    IOptions<AggregationOptions> options,
    IEventPublisher events,
    IProfileCounter profiles,
    TimeProvider time,
    ILogger<HouseholdProfileService> logger) : IDisposable
{
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    // Its own cache, so that its size limit (Aggregation:ReplayEntries) bounds what the window holds.
    private readonly MemoryCache recent = new(new MemoryCacheOptions { SizeLimit = options.Value.ReplayEntries, CompactionPercentage = 0.2 });

    // Makes look-up-or-add one step: two copies of a request arriving together must not both become "the first".
    private readonly Lock recentLock = new();

    public void Dispose() => recent.Dispose();

    /// <summary>
    /// For a request that cannot come again under the same id (an HTTP call with a fresh id): no replay entry is
    /// kept, so memory does not hold a profile per request for the replay window.
    /// </summary>
    public async Task<AssembledAnswer> GetOnceAsync(ProfileRequest request, ProfileCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        return (await AssembleAsync(Guid.CreateVersion7(time.GetUtcNow()), request, caller, null, cancellationToken)).Answer;
    }

    /// <summary>A bus request under the sender's request id: replayed when the very same request came before, refused when the id is missing or was used for another.</summary>
    public async Task<Refusable<HouseholdProfile>> GetAsync(Guid requestId, ProfileRequest request, ProfileCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        if (requestId == Guid.Empty)
        {
            var missing = new ProfileRefusal(RefusalCodes.MissingRequestId, "requestId is required and must not be all zeros: a request is answered again only under the id it was first sent with.", "requestId");
            return (await AssembleAsync(requestId, request, caller, missing, cancellationToken)).Answer.Outcome;
        }

        var key = (caller.Subsystem, requestId);
        var fingerprint = Fingerprint(request, caller);
        FirstRequest first;
        var isFirst = false;
        lock (recentLock)
        {
            if (!recent.TryGetValue(key, out first!))
            {
                // The assembly is not tied to the first caller's token: a repeat may be waiting on it.
                first = new FirstRequest(fingerprint, new Lazy<Task<Audited>>(() => AssembleAsync(requestId, request, caller, null, CancellationToken.None)));
                recent.Set(key, first, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = ReplayWindow, Size = 1 });
                isFirst = true;
            }
        }
        if (first.Fingerprint != fingerprint)
        {
            var reused = new ProfileRefusal(RefusalCodes.RequestIdReused, "requestId was already used by this subsystem for a different request (another applicant, household, purpose, case or officer); send each request under an id of its own.", "requestId");
            return (await AssembleAsync(requestId, request, caller, reused, cancellationToken)).Answer.Outcome;
        }

        var task = first.Answer.Value;
        Audited answered;
        try
        {
            answered = await task.WaitAsync(cancellationToken);
        }
        catch when (task.IsFaulted)
        {
            recent.Remove(key);
            throw;
        }
        // Not audited means not answered: a retry must try again, not get this answer replayed.
        if (answered.Record is not { } record)
        {
            recent.Remove(key);
            return answered.Answer.Outcome;
        }
        if (isFirst) return answered.Answer.Outcome;

        // The same answer leaves again: it gets its own record, pointing to the first one's.
        var replay = answered.Entry with { Agencies = [], ReplayOf = record.Id };
        return await TryAuditAsync(replay, caller, cancellationToken) is null ? AuditUnavailable : answered.Answer.Outcome;
    }

    /// <summary>SHA-256 of the request's content in a canonical form: what a replay must match, field for field.</summary>
    internal static string Fingerprint(ProfileRequest request, ProfileCaller caller)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            w.WriteStringValue(caller.Subsystem);
            w.WriteStringValue(caller.Officer);
            w.WriteStringValue(request.Applicant);
            w.WriteStringValue(request.Purpose);
            w.WriteStringValue(request.CaseNumber);
            // Null (let the hub propose the household) and empty (the applicant alone) are different requests.
            if (request.DeclaredMembers is null)
            {
                w.WriteNullValue();
            }
            else
            {
                w.WriteStartArray();
                foreach (var member in request.DeclaredMembers)
                {
                    w.WriteStartArray();
                    w.WriteStringValue(member?.Fin);
                    w.WriteStringValue(member?.Relation);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
            }
            // Only when asked: a fresh request is another request than the same one served from the cache.
            if (request.Fresh == true) w.WriteBooleanValue(true);
            w.WriteEndArray();
        }
        return AuditRecord.Sha256(buffer.WrittenSpan);
    }

    private static ProfileRefusal AuditUnavailable => new(RefusalCodes.AuditUnavailable, "The access could not be recorded in the audit log, so no data is returned; try again later.");

    /// <param name="refused">A refusal decided before the request is looked at (its envelope: the request id), given to a known caller.</param>
    private async Task<Audited> AssembleAsync(Guid requestId, ProfileRequest request, ProfileCaller caller, ProfileRefusal? refused, CancellationToken cancellationToken)
    {
        ProfileQuery? query = null;
        Refusable<HouseholdProfile> outcome;
        var decision = policy.Decide(caller.Subsystem, request.Purpose);
        if (decision.Refusal is { Code: RefusalCodes.UnknownCaller } unknown)
        {
            // A stranger learns nothing, not even whether the request was well formed.
            outcome = unknown;
        }
        else
        {
            var parsed = ProfileRequestParser.Parse(request, options.Value.MaxMembers);
            query = parsed.Value;
            if (refused is not null) outcome = refused;
            else if (parsed.Refusal is { } invalid) outcome = invalid;
            else if (decision.Refusal is { } notAllowed) outcome = notAllowed;
            else if (AccessPolicy.Check(decision.Allowed!, query!) is { } beyond) outcome = beyond;
            else outcome = await aggregator.AssembleAsync(query!, decision.Allowed!, cancellationToken);
        }

        // Serialized once: hashed into the audit record, and sent as they are over HTTP.
        var body = outcome.Value is { } assembled ? JsonSerializer.SerializeToUtf8Bytes(assembled, ProfileJson.Options) : null;
        var entry = Describe(requestId, request, caller, query, outcome, body);
        var record = await TryAuditAsync(entry, caller, cancellationToken);
        if (record is null) return new Audited(new AssembledAnswer(AuditUnavailable, default), entry, null);

        if (outcome.Refusal is { } refusal) LogRefused(logger, requestId, caller.Subsystem, refusal.Code);
        if (outcome.Value is { } profile)
        {
            Count(profile);
            await AnnounceAsync(requestId, profile, caller);
        }
        return new Audited(new AssembledAnswer(outcome, body), entry, record);
    }

    /// <summary>Appends the record; null when it could not be written (then nothing may leave).</summary>
    private async Task<AuditRecord?> TryAuditAsync(AuditEntry entry, ProfileCaller caller, CancellationToken cancellationToken)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            var record = await audit.AppendAsync(entry, cancellationToken);
            HubTelemetry.AuditWriteDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            return record;
        }
#pragma warning disable CA1031 // Whatever kept the record off the disk, the answer is the same: nothing leaves.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogAuditFailed(logger, e, entry.RequestId, caller.Subsystem);
            return null;
        }
    }

    /// <summary>The answer, what its audit record says, and the record written (null: not written, not answered).</summary>
    private sealed record Audited(AssembledAnswer Answer, AuditEntry Entry, AuditRecord? Record);

    /// <summary>The first request seen under an id: its fingerprint and its (shared) answer.</summary>
    private sealed record FirstRequest(string Fingerprint, Lazy<Task<Audited>> Answer);

    private static AuditEntry Describe(Guid requestId, ProfileRequest request, ProfileCaller caller, ProfileQuery? query, Refusable<HouseholdProfile> outcome, byte[]? body)
    {
        var applicant = query?.Applicant.Value ?? (Fin.TryParse(request.Applicant, out var fin, out _) ? fin.Value : null);
        // The people data about whom was returned: the members, and whom a declaration left out (the profile says whether
        // the registries count them). A deceased relative named from the applicant's own civil record has no view to see it in.
        IReadOnlyList<string> subjects = outcome.Value is { } profile
            ? profile.Members.Select(m => m.Fin.Value)
                .Concat(profile.Excluded.Where(e => e.Code is ExcludedPerson.UndeclaredCoResident or ExcludedPerson.UndeclaredRelative).Select(e => e.Fin.Value)).ToList()
            : query is not null
                ? [query.Applicant.Value, .. (query.DeclaredMembers ?? []).Select(d => d.Fin.Value)]
                : applicant is null ? [] : [applicant];
        var agencies = outcome.Value?.Sources
            .Select(s => new AgencyAccess { Agency = s.Agency, DataSet = s.DataSet, Asked = s.Asked, Ok = s.Ok, NotFound = s.NotFound, Failed = s.Failed })
            .ToList() ?? [];
        var profileHash = body is null ? null : AuditRecord.Sha256(body);
        return new AuditEntry(
            requestId,
            caller.Subsystem,
            caller.Officer,
            Truncate(query?.Purpose ?? request.Purpose),
            Truncate(query?.CaseNumber ?? request.CaseNumber),
            applicant,
            subjects,
            outcome.Refusal?.Code ?? AuditRecord.Ok,
            agencies,
            outcome.Value?.ProfileId,
            profileHash);
    }

    private static string Truncate(string? text) => text is null ? "" : text.Length <= 64 ? text : text[..64];

    /// <summary>The figures of a profile handed out, counted here in memory (not from the announcement, which may be lost).</summary>
    private void Count(HouseholdProfile profile)
    {
        profiles.Count(profile.Purpose);
        HubTelemetry.ProfileAssemblyDuration.Record(profile.Elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("purpose", profile.Purpose),
            new KeyValuePair<string, object?>("complete", profile.Complete));
    }

    private async Task AnnounceAsync(Guid requestId, HouseholdProfile profile, ProfileCaller caller)
    {
        // The event is for dashboards and statistics; losing it must not cost the caller the profile, nor hold
        // the answer (the publisher bounds its wait: a publish caught by a broker restart may never be confirmed).
        try
        {
            await events.PublishAsync(new HouseholdProfileAssembled(
                requestId, profile.ProfileId, caller.Subsystem, profile.Purpose, profile.Members.Count, profile.Complete,
                profile.Elapsed, profile.AssembledAt, profile.Sources, Environment.MachineName + ":" + Environment.ProcessId), CancellationToken.None);
        }
#pragma warning disable CA1031 // Publishing is best effort by design (see above).
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogAnnounceFailed(logger, e, profile.ProfileId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce profile {ProfileId}")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception, Guid profileId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId} from {Caller}: the audit record could not be written; nothing returned")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, Guid requestId, string caller);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId} from {Caller} refused: {Code}")]
    private static partial void LogRefused(ILogger logger, Guid requestId, string caller, string code);
}
