using System.Diagnostics;
using IntegrationHub.Hub.Engine.Aggregation;
using IntegrationHub.Hub.Engine.Audit;
using IntegrationHub.Hub.Engine.Telemetry;

namespace IntegrationHub.Hub.Engine.Profiles;

/// <summary>
/// What the audit log says of a profile request (who asked, about whom, what was returned, the answer's hash) and
/// writing it: every answer that leaves has its record on disk first, a replayed one pointing to the first's.
/// </summary>
public sealed partial class ProfileAudit(IAuditStore audit, ILogger<ProfileAudit> logger)
{
    /// <summary>Appends the record; null when it could not be written (then nothing may leave).</summary>
    public async Task<AuditRecord?> TryAppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
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
            LogAuditFailed(logger, e, entry.RequestId, entry.Caller);
            return null;
        }
    }

    /// <summary>The record of one answer: its outcome, the people it is about, the agencies asked, the hash of the JSON sent.</summary>
    public static AuditEntry Describe(Guid requestId, ProfileRequest request, ProfileCaller caller, ProfileQuery? query, Refusable<HouseholdProfile> outcome, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var applicant = query?.Applicant.Value ?? (Fin.TryParse(request.Applicant, out var fin, out _) ? fin.Value : null);
        // The people data about whom was returned: the members, and whom a declaration left out (the profile says whether
        // the registries count them). A deceased relative named from the applicant's own civil record has no view to see it in.
        IReadOnlyList<string> subjects = outcome.Value is { } profile
            ? Subjects(profile)
            : query is not null
                ? [query.Applicant.Value, .. (query.DeclaredMembers ?? []).Select(d => d.Fin.Value)]
                : applicant is null ? [] : [applicant];
        var agencies = new List<AgencyAccess>(outcome.Value?.Sources.Count ?? 0);
        for (var i = 0; i < (outcome.Value?.Sources.Count ?? 0); i++)
        {
            var s = outcome.Value!.Sources[i];
            agencies.Add(new AgencyAccess { Agency = s.Agency, DataSet = s.DataSet, Asked = s.Asked, Ok = s.Ok, NotFound = s.NotFound, Failed = s.Failed });
        }
        var profileHash = outcome.Value is null ? null : AuditRecord.Sha256(body);
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

    /// <summary>The members, and whom a declaration left out (undeclared co-residents and relatives), in that order.</summary>
    private static List<string> Subjects(HouseholdProfile profile)
    {
        var subjects = new List<string>(profile.Members.Count + profile.Excluded.Count);
        for (var i = 0; i < profile.Members.Count; i++) subjects.Add(profile.Members[i].Fin.Value);
        for (var i = 0; i < profile.Excluded.Count; i++)
        {
            if (profile.Excluded[i].Code is ExcludedPerson.UndeclaredCoResident or ExcludedPerson.UndeclaredRelative) subjects.Add(profile.Excluded[i].Fin.Value);
        }
        return subjects;
    }

    private static string Truncate(string? text) => text is null ? "" : text.Length <= 64 ? text : text[..64];

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId} from {Caller}: the audit record could not be written; nothing returned")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, Guid requestId, string caller);
}
