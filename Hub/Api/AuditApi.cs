using System.Security.Claims;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Hub.Engine.Audit;
using IntegrationHub.Hub.Engine.LifeEvents;
using IntegrationHub.Hub.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Hub.Api;

/// <summary>The audit log's views, version 1: chain verification and the auditor's search, and the citizen's "who looked at my data".</summary>
public static class AuditApi
{
    public const int MaxPageSize = 200;
    public const int MaxCheckpoints = 1000;

    public static RouteGroupBuilder MapAuditApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/audit").WithTags("Audit");
        var auditor = api.MapGroup("").RequireSystem(CallerRoles.Auditor);
        var citizen = api.MapGroup("").RequirePerson(CallerRoles.Citizen);
        // With Storage:Provider=Postgres every view reads the shared database: 503 storage-unavailable while it cannot be reached.
        api.ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        auditor.MapGet("/verify", Verify)
            .WithName("VerifyAuditChain")
            .WithSummary("Walk the audit chain and check it against its signed checkpoints and the retention; name what is broken or missing");
        auditor.MapGet("/checkpoints", Checkpoints)
            .WithName("AuditCheckpoints")
            .WithSummary("The hub's public key and its newest signed checkpoints of the audit chain, newest first")
            .WithDescription("Keep them outside the hub (or subscribe to AuditCheckpointSigned): a later verify must still reach the newest one you hold. docs/trust.md describes the signed bytes.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        auditor.MapGet("/records", FindRecords)
            .WithName("FindAuditRecords")
            .WithSummary("Auditor's view: audit records by caller, purpose, time range and subject, newest first, paged")
            .WithDescription("A record the search meets that was altered in the log since it was written: 409 audit-record-altered, naming it.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
        citizen.MapGet("/citizens/{fin}/accesses", CitizenAccesses)
            .WithName("CitizenAccesses")
            .WithSummary("Citizen's view: which subsystems received this person's data, for which purpose and case, and when (life events about them and officers' looks included)")
            .WithDescription("The citizen's own token only (another FIN: 403 not-your-data). A profile whose applicant is someone else but which included this person as a household member is listed as \"household-member\", without the applicant, the other members or the case number.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);
        return api;
    }

    private static Ok<AuditVerification> Verify(IAuditStore audit, AuditCheckpointer checkpoints, IOptions<AuditOptions> options, TimeProvider time) =>
        TypedResults.Ok(AuditVerifier.VerifyAll(audit, checkpoints.File, checkpoints.Key, options.Value.Retention, time.GetUtcNow()));

    private static Results<Ok<AuditCheckpoints>, ProblemHttpResult> Checkpoints(AuditCheckpointer checkpoints, IAuditStore audit, int? limit)
    {
        if (limit is < 1 or > MaxCheckpoints)
        {
            return ProblemResults.Create(400, Problems.InvalidLimit, $"limit must be between 1 and {MaxCheckpoints}.", "limit");
        }
        var key = checkpoints.Key;
        return TypedResults.Ok(new AuditCheckpoints(audit.Segment, AuditSigningKey.Algorithm, key.KeyId, key.PublicKeyPem, checkpoints.File.Newest(limit ?? 100)));
    }

    private static Results<Ok<AuditPage>, ProblemHttpResult> FindRecords(
        IAuditStore audit, string? caller, string? purpose, DateTimeOffset? from, DateTimeOffset? to, string? subject, int? page, int? pageSize)
    {
        if (subject is not null && !Fin.TryParse(subject, out _, out var error))
        {
            return ProblemResults.Create(400, RefusalCodes.InvalidFin, $"subject: {error}", "subject");
        }
        if (Paging.Check(page, pageSize, MaxPageSize) is { } bad) return bad.ToResult();
        return TypedResults.Ok(audit.Find(new AuditFilter(caller, purpose, from, to, subject), page ?? 1, pageSize ?? 50));
    }

    private static Results<Ok<CitizenAccesses>, ProblemHttpResult> CitizenAccesses(IAuditStore audit, string fin, int? limit, ClaimsPrincipal user, IOptions<AuditOptions> options)
    {
        if (!Fin.TryParse(fin, out var person, out var error))
        {
            return ProblemResults.Create(400, RefusalCodes.InvalidFin, $"fin: {error}", "fin");
        }
        if (user.RefuseUnlessOwn(person.Value) is { } notOwn) return notOwn;
        var accesses = audit.ProfilesReturnedAbout(person.Value, Math.Clamp(limit ?? 200, 1, 1000))
            .Select(r => r.Purpose == LifeEventProcessor.AuditPurpose
                ? new CitizenAccess(r.Time, r.Caller, r.Purpose, null, CitizenAccess.AsLifeEvent)
                : r.Purpose == OfficerLooks.AuditPurpose
                ? OfficerLook(r, person.Value, options.Value.NamedOfficerRoles)
                : r.Applicant == person.Value
                ? new CitizenAccess(r.Time, r.Caller, r.Purpose, r.CaseNumber, CitizenAccess.AsApplicant)
                : new CitizenAccess(r.Time, r.Caller, r.Purpose, null, CitizenAccess.AsHouseholdMember))
            .ToList();
        return TypedResults.Ok(new CitizenAccesses(person.Value, accesses));
    }

    /// <summary>An officer's look: the role (and the officer only for roles configured to be named); the case only when it is their own.</summary>
    private static CitizenAccess OfficerLook(AuditRecord r, string fin, IReadOnlyCollection<string> namedRoles)
    {
        var look = r.Agencies.FirstOrDefault();
        var role = look?.Agency;
        return new CitizenAccess(r.Time, r.Caller, r.Purpose, r.Applicant == fin ? r.CaseNumber : null, CitizenAccess.AsOfficerLook,
            role, role is not null && namedRoles.Contains(role) ? r.Officer : null, look?.DataSet);
    }
}

public sealed record CitizenAccesses(string Fin, IReadOnlyList<CitizenAccess> Accesses);

/// <summary>What an auditor needs to check the hub's checkpoints on their own: the key and the statements it signed.</summary>
/// <param name="PublicKey">PEM (SubjectPublicKeyInfo) of the key with <paramref name="KeyId"/>.</param>
public sealed record AuditCheckpoints(string Segment, string Algorithm, string KeyId, string PublicKey, IReadOnlyList<AuditCheckpoint> Checkpoints);

/// <summary>One time a subsystem received this person's data.</summary>
/// <param name="As"><c>applicant</c> (their own application), <c>household-member</c> (someone else's application that included them, or left them out of its declaration so that the registries were asked about them), <c>officer-look</c> (an officer of the subsystem looked at their data: the role, what was seen), or <c>life-event</c> (an agency reported a change about them, and the hub told this subsystem: their FIN, the kind of change and its date).</param>
/// <param name="CaseNumber">Only for their own applications: someone else's case is not theirs to see.</param>
/// <param name="OfficerRole">For an officer's look: the officer's role (caseworker, commission-member, ...).</param>
/// <param name="Officer">For an officer's look, only where the role is configured to be named (Audit:NamedOfficerRoles): the officer.</param>
/// <param name="Seen">For an officer's look: what was shown (case-snapshot, decision, contest-document, ...).</param>
public sealed record CitizenAccess(DateTimeOffset Time, string Subsystem, string Purpose, string? CaseNumber, string As,
    string? OfficerRole = null, string? Officer = null, string? Seen = null)
{
    /// <summary>An officer of the subsystem looked at their data (purpose <c>officer-look</c>).</summary>
    public const string AsOfficerLook = "officer-look";

    public const string AsApplicant = "applicant";
    public const string AsHouseholdMember = "household-member";
    public const string AsLifeEvent = "life-event";
}
