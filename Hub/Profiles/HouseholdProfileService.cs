using System.Diagnostics;
using System.Text.Json;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Messaging;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Aggregation;
using IntegrationHub.Hub.Operations;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Messaging;
using MassTransit;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hub.Profiles;

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
/// A request id seen again from the same caller within <see cref="ReplayWindow"/> is answered from the first
/// assembly (joining it while it still runs), so a redelivered or retried message never assembles twice.
/// </summary>
public sealed partial class HouseholdProfileService(
    HouseholdAggregator aggregator,
    AccessPolicy policy,
    AuditLog audit,
    IOptions<AggregationOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    IBus bus,
    IOptions<MessagingOptions> messaging,
    TimeProvider time,
    ILogger<HouseholdProfileService> logger) : IDisposable
{
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    // Its own cache, so that its size limit (Aggregation:ReplayEntries) bounds what the window holds.
    private readonly MemoryCache recent = new(new MemoryCacheOptions { SizeLimit = options.Value.ReplayEntries, CompactionPercentage = 0.2 });

    public void Dispose() => recent.Dispose();

    /// <summary>
    /// For a request that cannot come again under the same id (an HTTP call with a fresh id): no replay entry is
    /// kept, so memory does not hold a profile per request for the replay window.
    /// </summary>
    public Task<AssembledAnswer> GetOnceAsync(ProfileRequest request, ProfileCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        return AssembleAsync(Guid.CreateVersion7(time.GetUtcNow()), request, caller, cancellationToken);
    }

    public async Task<Refusable<HouseholdProfile>> GetAsync(Guid requestId, ProfileRequest request, ProfileCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var key = (caller.Subsystem, requestId);
        var first = recent.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ReplayWindow;
            entry.Size = 1;
            // The assembly is not tied to the first caller's token: a repeat may be waiting on it.
            return new Lazy<Task<Refusable<HouseholdProfile>>>(async () => (await AssembleAsync(requestId, request, caller, CancellationToken.None)).Outcome);
        })!;
        var task = first.Value;
        try
        {
            var outcome = await task.WaitAsync(cancellationToken);
            // Not audited means not answered: a retry must try again, not get this answer replayed.
            if (outcome.Refusal?.Code == RefusalCodes.AuditUnavailable) recent.Remove(key);
            return outcome;
        }
        catch when (task.IsFaulted)
        {
            recent.Remove(key);
            throw;
        }
    }

    private async Task<AssembledAnswer> AssembleAsync(Guid requestId, ProfileRequest request, ProfileCaller caller, CancellationToken cancellationToken)
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
            if (parsed.Refusal is { } invalid) outcome = invalid;
            else if (decision.Refusal is { } refused) outcome = refused;
            else outcome = await aggregator.AssembleAsync(query!, decision.Allowed, cancellationToken);
        }

        // Serialized once: hashed into the audit record, and sent as they are over HTTP.
        var body = outcome.Value is { } assembled ? JsonSerializer.SerializeToUtf8Bytes(assembled, json.Value.SerializerOptions) : null;
        try
        {
            var started = Stopwatch.GetTimestamp();
            await audit.AppendAsync(Describe(requestId, request, caller, query, outcome, body), cancellationToken);
            HubTelemetry.AuditWriteDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
#pragma warning disable CA1031 // Whatever kept the record off the disk, the answer is the same: nothing leaves.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogAuditFailed(logger, e, requestId, caller.Subsystem);
            return new AssembledAnswer(new ProfileRefusal(RefusalCodes.AuditUnavailable, "The access could not be recorded in the audit log, so no data is returned; try again later."), default);
        }

        if (outcome.Refusal is { } refusal) LogRefused(logger, requestId, caller.Subsystem, refusal.Code);
        if (outcome.Value is { } profile) await AnnounceAsync(requestId, profile, caller);
        return new AssembledAnswer(outcome, body);
    }

    private static AuditEntry Describe(Guid requestId, ProfileRequest request, ProfileCaller caller, ProfileQuery? query, Refusable<HouseholdProfile> outcome, byte[]? body)
    {
        var applicant = query?.Applicant.Value ?? (Fin.TryParse(request.Applicant, out var fin, out _) ? fin.Value : null);
        // People a declaration left out are subjects too: the registries were asked about them, and the profile says what they said.
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

    private async Task AnnounceAsync(Guid requestId, HouseholdProfile profile, ProfileCaller caller)
    {
        // The event is for dashboards and statistics; losing it must not cost the caller the profile, nor hold
        // the answer: a publish caught by a broker restart may never be confirmed, so the wait is bounded.
        try
        {
            using var bound = new CancellationTokenSource(messaging.Value.SendTimeout, time);
            await bus.Publish(new HouseholdProfileAssembled(
                requestId, profile.ProfileId, caller.Subsystem, profile.Purpose, profile.Members.Count, profile.Complete,
                profile.Elapsed, profile.AssembledAt, profile.Sources, Environment.MachineName + ":" + Environment.ProcessId), bound.Token)
                .WaitAsync(bound.Token);
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
