using System.Security.Claims;
using IntegrationHub.Employment.Agency;
using IntegrationHub.Employment.Bulk;
using IntegrationHub.Employment.Certificates;
using IntegrationHub.Statistics;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Employment.Api;

/// <summary>A contract as its employer and its employee see it: the terms today, the status, every notification.</summary>
public sealed record ContractView(
    string Number, string EmployerVoen, string EmployerName, string Fin, string EmployeeName, string Kind, DateOnly StartDate, string Term, DateOnly? TermEnd,
    DateOnly? EndDate, string? TerminationGround, string Status, ContractTermsView Terms, IReadOnlyList<ContractEntry> History)
{
    public static ContractView Of(ContractRecord c, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Number, c.EmployerVoen, c.EmployerName, c.Fin, c.EmployeeName, c.Kind, c.StartDate, c.Term, c.TermEnd, c.EndDate, c.TerminationGround,
            LabourContractsAgencyApi.Of(c, today).Status.ToLowerInvariant(), c.CurrentTerms(today), c.History);
    }
}

/// <summary>A notification registered: its number and the contract as it now stands.</summary>
public sealed record NotificationReceipt(string Notification, ContractView Contract);

public sealed record ContractPage(IReadOnlyList<ContractView> Items, int Page, int PageSize, int Total);

public sealed record CertificateRequest(string? Date);

/// <summary>The employment module's HTTP API, version 1.</summary>
public static class EmploymentApi
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const int MaxPageSize = 200;

    public static RouteGroupBuilder MapEmploymentApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/employment").WithTags("Employment");

        // An employer: its own system (API key with the employer's VÖEN) or one of its officers (token with the voen claim).
        var employer = api.MapGroup("").RequireSystemOrPerson(CallerRoles.Employer, CallerRoles.EmployerOfficer)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden);
        employer.MapPost("/contracts", (HttpRequest r, NotificationService s, EmployerDirectory d, IEServiceCounter u, TimeProvider t, CancellationToken ct) => NotifyAsync(r, null, NotificationKinds.New, s, d, u, t, ct))
            .WithName("NotifyNewContract").WithSummary("Notify a new labour contract")
            .WithDescription("Fields: fin, position, occupationCode, workplace, startDate, term (indefinite | fixed, with endDate), weeklyHours, monthlyWage, contractKind (main | secondary). Checked against the population register (through the hub) and the Labour Code's limits; durable before 201; Idempotency-Key makes a retry safe (200 with the first answer).")
            .Accepts<NotificationInput>("application/json")
            .Produces<NotificationReceipt>(StatusCodes.Status201Created).Produces<NotificationReceipt>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        MapOn(employer, "changes", NotificationKinds.Change, "NotifyContractChange", "Notify a change of wage, position, workplace or hours (effectiveDate)");
        MapOn(employer, "suspensions", NotificationKinds.Suspension, "NotifyContractSuspension", "Notify a suspension (effectiveDate, until, reason)");
        MapOn(employer, "resumptions", NotificationKinds.Resumption, "NotifyContractResumption", "Notify the end of a suspension (effectiveDate)");
        MapOn(employer, "termination", NotificationKinds.Termination, "NotifyContractTermination", "Notify the termination (effectiveDate: the last day worked; ground)");

        employer.MapGet("/contracts", ListContracts).WithName("ListEmployerContracts")
            .WithSummary("The employer's contracts: its current employees (current=true, the default) or every contract ever registered (current=false), by number");
        employer.MapGet("/contracts/{contractNumber}", GetContract).WithName("GetEmployerContract")
            .WithSummary("One of the employer's contracts with its history (another employer's: 404)").ProducesProblem(StatusCodes.Status404NotFound);

        employer.MapPost("/bulk", SubmitBulkAsync).WithName("SubmitBulkNotifications")
            .WithSummary("Many notifications at once: CSV with a header row (text/csv) or JSON lines (application/x-ndjson)")
            .WithDescription("Stored whole, then worked in the background, each line on its own: 202 with the file's number and progress; Idempotency-Key makes a retry safe.")
            .Accepts<string>("text/csv", "application/x-ndjson")
            .Produces<BulkView>(StatusCodes.Status202Accepted).Produces<BulkView>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        employer.MapGet("/bulk/{bulkNumber}", GetBulk).WithName("GetBulk").WithSummary("A bulk file's progress").ProducesProblem(StatusCodes.Status404NotFound);
        employer.MapGet("/bulk/{bulkNumber}/lines", GetBulkLines).WithName("GetBulkLines")
            .WithSummary("A bulk file's per-line results, in line order (outcome=accepted|refused to filter), paged").ProducesProblem(StatusCodes.Status404NotFound);

        // The citizen's own token, and their own FIN in the path (another: 403 not-your-data).
        var citizen = api.MapGroup("/citizens/{fin}").RequirePerson(CallerRoles.Citizen)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        citizen.MapGet("/contracts", CitizenContracts).WithName("GetCitizenContracts").WithSummary("The citizen's labour contracts with every employer");
        citizen.MapPost("/certificates", IssueCertificateAsync).WithName("IssueWorkplaceCertificate")
            .WithSummary("Issue a workplace certificate (PDF in Azerbaijani and English, authentication code and QR) of employment on a date (default today)");
        citizen.MapGet("/certificates", CertificateHistory).WithName("GetWorkplaceCertificates").WithSummary("The citizen's certificates, each with how often it was verified");
        citizen.MapGet("/certificates/{code}/pdf", CertificatePdf).WithName("GetWorkplaceCertificatePdf").WithSummary("One certificate as PDF")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "application/pdf").ProducesProblem(StatusCodes.Status404NotFound);
        citizen.MapGet("/verifications", WhoVerified).WithName("GetWhoVerifiedCertificates").WithSummary("Who verified the citizen's certificates");

        api.MapGet("/verify/{code}", VerifyAsync).RequireSystem(CallerRoles.Verifier)
            .WithName("VerifyWorkplaceCertificate").WithSummary("Verify a workplace certificate by its code (the QR code's address); recorded and shown to the citizen")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/verifications", VerifiedBy).RequireSystem(CallerRoles.Verifier)
            .WithName("GetCertificatesVerifiedByMe").WithSummary("Workplace certificates this organisation verified");

        app.MapLabourContractsAgencyApi();
        return api;
    }

    private static void MapOn(RouteGroupBuilder employer, string path, string kind, string name, string summary) =>
        employer.MapPost("/contracts/{contractNumber}/" + path,
                (string contractNumber, HttpRequest r, NotificationService s, EmployerDirectory d, IEServiceCounter u, TimeProvider t, CancellationToken ct) => NotifyAsync(r, contractNumber, kind, s, d, u, t, ct))
            .WithName(name).WithSummary(summary)
            .Accepts<NotificationInput>("application/json")
            .Produces<NotificationReceipt>(StatusCodes.Status201Created).Produces<NotificationReceipt>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> NotifyAsync(
        HttpRequest request, string? contractNumber, string kind, NotificationService notifications, EmployerDirectory employers, IEServiceCounter usage, TimeProvider time, CancellationToken cancellationToken)
    {
        var (actor, refused) = employers.Of(request.HttpContext.User);
        if (refused is not null) return refused.ToResult();
        if (Key(request, out var key) is { } badKey) return badKey.ToResult();
        string body;
        using (var reader = new StreamReader(request.Body))
        {
            body = await reader.ReadToEndAsync(cancellationToken);
        }
        try
        {
            using var _ = System.Text.Json.JsonDocument.Parse(body, new System.Text.Json.JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (System.Text.Json.JsonException e)
        {
            // The hub's one answer to a body that is not JSON or gives a key twice (the last one never silently wins).
            return ApiProblem.BadRequest(EmploymentCodes.MalformedJson, "The body is not valid JSON: " + e.Message).ToResult();
        }
        var (input, malformed) = BulkFormat.ReadJson(body);
        if (malformed is not null) return ApiProblem.BadRequest(EmploymentCodes.MalformedJson, malformed.Detail, malformed.Field).ToResult();
        if (contractNumber is not null) input = input! with { ContractNumber = contractNumber.Trim().ToUpperInvariant() };
        var result = await notifications.NotifyAsync(input!, kind, actor!, key, cancellationToken);
        if (result.Problem is not null) return result.Problem.ToResult();
        var receipt = new NotificationReceipt(result.Notification!, ContractView.Of(result.Contract!, Today(time)));
        if (!result.Created) return TypedResults.Ok(receipt);
        usage.Count(EServiceKeys.ContractNotification, actor!.Officer is null ? EServiceChannel.Api : EServiceChannel.Portal);
        return TypedResults.Created($"/api/v1/employment/contracts/{result.Contract!.Number}", receipt);
    }

    private static Results<Ok<ContractPage>, ProblemHttpResult> ListContracts(
        ClaimsPrincipal user, EmployerDirectory employers, IEmploymentStore store, IEServiceCounter usage, TimeProvider time, bool? current, int? page, int? pageSize)
    {
        var (actor, refused) = employers.Of(user);
        if (refused is not null) return refused.ToResult();
        usage.Count(EServiceKeys.EmployeeContracts, Channel(actor!));
        if (Paging.Check(page, pageSize, MaxPageSize) is { } bad) return bad.ToResult();
        var (p, size) = (page ?? 1, pageSize ?? 50);
        var today = Today(time);
        var (items, total) = store.ContractsOfEmployer(actor!.Voen, current ?? true ? today : null, (p - 1) * size, size);
        return TypedResults.Ok(new ContractPage(items.Select(c => ContractView.Of(c, today)).ToList(), p, size, total));
    }

    private static Results<Ok<ContractView>, ProblemHttpResult> GetContract(string contractNumber, ClaimsPrincipal user, EmployerDirectory employers, IEmploymentStore store, IEServiceCounter usage, TimeProvider time)
    {
        var (actor, refused) = employers.Of(user);
        if (refused is not null) return refused.ToResult();
        usage.Count(EServiceKeys.EmployeeContracts, Channel(actor!));
        // Another employer's contract is answered as one that does not exist.
        return store.FindContract(contractNumber.Trim().ToUpperInvariant()) is { } c && c.EmployerVoen == actor!.Voen
            ? TypedResults.Ok(ContractView.Of(c, Today(time)))
            : new ApiProblem(404, EmploymentCodes.UnknownContract, $"This employer has no contract {contractNumber}.", "contractNumber").ToResult();
    }

    private static async Task<IResult> SubmitBulkAsync(HttpRequest request, BulkService bulk, EmployerDirectory employers, CancellationToken cancellationToken)
    {
        var (actor, refused) = employers.Of(request.HttpContext.User);
        if (refused is not null) return refused.ToResult();
        if (Key(request, out var key) is { } badKey) return badKey.ToResult();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var (job, created, problem) = await bulk.SubmitAsync(buffer.ToArray(), request.ContentType, actor!, key, cancellationToken);
        if (problem is not null) return problem.ToResult();
        var view = BulkView.Of(job!);
        return created ? TypedResults.Accepted($"/api/v1/employment/bulk/{job!.Number}", view) : TypedResults.Ok(view);
    }

    private static Results<Ok<BulkView>, ProblemHttpResult> GetBulk(string bulkNumber, ClaimsPrincipal user, EmployerDirectory employers, BulkService bulk)
    {
        var (actor, refused) = employers.Of(user);
        if (refused is not null) return refused.ToResult();
        return bulk.Find(bulkNumber, actor!.Voen) is { } job ? TypedResults.Ok(BulkView.Of(job)) : UnknownBulk(bulkNumber);
    }

    private static Results<Ok<BulkLinesPage>, ProblemHttpResult> GetBulkLines(
        string bulkNumber, ClaimsPrincipal user, EmployerDirectory employers, BulkService bulk, string? outcome, int? page, int? pageSize)
    {
        var (actor, refused) = employers.Of(user);
        if (refused is not null) return refused.ToResult();
        if (Paging.Check(page, pageSize, maxPageSize: 10_000) is { } bad) return bad.ToResult();
        if (outcome is not null && outcome is not (BulkService.AcceptedOutcome or BulkService.RefusedOutcome))
        {
            return ApiProblem.BadRequest(EmploymentCodes.InvalidOutcome, "outcome is accepted or refused.", "outcome").ToResult();
        }
        return bulk.Find(bulkNumber, actor!.Voen) is { } job ? TypedResults.Ok(bulk.Results(job, outcome, page ?? 1, pageSize ?? 1000)) : UnknownBulk(bulkNumber);
    }

    private static ProblemHttpResult UnknownBulk(string number) =>
        new ApiProblem(404, EmploymentCodes.UnknownBulk, $"This employer sent no bulk file {number}.", "bulkNumber").ToResult();

    private static Results<Ok<IReadOnlyList<ContractView>>, ProblemHttpResult> CitizenContracts(string fin, ClaimsPrincipal user, IEmploymentStore store, TimeProvider time)
    {
        if (OwnFin(fin, user, out var parsed) is { } bad) return bad;
        var today = Today(time);
        return TypedResults.Ok<IReadOnlyList<ContractView>>(store.ContractsOfEmployee(parsed.Value).OrderBy(c => c.StartDate).Select(c => ContractView.Of(c, today)).ToList());
    }

    private static async Task<Results<Created<CertificateEntry>, ProblemHttpResult>> IssueCertificateAsync(
        string fin, [FromBody] CertificateRequest? request, ClaimsPrincipal user, CertificateService certificates, IEServiceCounter usage, CancellationToken cancellationToken)
    {
        if (OwnFin(fin, user, out var parsed) is { } bad) return bad;
        var (certificate, problem) = await certificates.IssueAsync(parsed, request?.Date, cancellationToken);
        if (problem is not null) return problem.ToResult();
        usage.Count(EServiceKeys.WorkplaceCertificate, EServiceChannel.Portal);
        return TypedResults.Created($"/api/v1/employment/citizens/{parsed.Value}/certificates/{certificate!.Code}/pdf", certificate);
    }

    private static Results<Ok<IReadOnlyList<CertificateEntry>>, ProblemHttpResult> CertificateHistory(string fin, ClaimsPrincipal user, CertificateService certificates) =>
        OwnFin(fin, user, out var parsed) is { } bad ? bad : TypedResults.Ok(certificates.History(parsed));

    private static Results<FileContentHttpResult, ProblemHttpResult> CertificatePdf(string fin, string code, ClaimsPrincipal user, CertificateService certificates)
    {
        if (OwnFin(fin, user, out var parsed) is { } bad) return bad;
        return certificates.Pdf(parsed, code) is { } pdf
            ? TypedResults.File(pdf, "application/pdf", $"workplace-certificate-{code}.pdf")
            : new ApiProblem(404, EmploymentCodes.UnknownCode, "This person has no certificate with this code.", "code").ToResult();
    }

    private static Results<Ok<IReadOnlyList<CertificateVerification>>, ProblemHttpResult> WhoVerified(string fin, ClaimsPrincipal user, CertificateService certificates) =>
        OwnFin(fin, user, out var parsed) is { } bad ? bad : TypedResults.Ok(certificates.WhoVerified(parsed));

    private static async Task<Results<Ok<VerifiedCertificate>, ProblemHttpResult>> VerifyAsync(
        string code, ClaimsPrincipal user, CertificateService certificates, IEServiceCounter usage, CancellationToken cancellationToken)
    {
        var (certificate, problem) = await certificates.VerifyAsync(code, user.ActorId(), cancellationToken);
        if (problem is not null) return problem.ToResult();
        usage.Count(EServiceKeys.ExtractVerification, EServiceChannel.Api);
        return TypedResults.Ok(certificate!);
    }

    /// <summary>An employer's officer is a person at the employer's own portal; its system, the API.</summary>
    private static EServiceChannel Channel(EmployerActor employer) => employer.Officer is null ? EServiceChannel.Api : EServiceChannel.Portal;

    private static Ok<IReadOnlyList<CertificateVerification>> VerifiedBy(ClaimsPrincipal user, CertificateService certificates) =>
        TypedResults.Ok(certificates.VerifiedBy(user.ActorId()));

    private static ApiProblem? Key(HttpRequest request, out string? key)
    {
        key = request.Headers.TryGetValue(IdempotencyHeader, out var values) ? values.ToString().Trim() : null;
        if (key is null) return null;
        return key.Length is >= 1 and <= 100 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? null
            : ApiProblem.BadRequest(EmploymentCodes.InvalidIdempotencyKey, "Idempotency-Key is 1-100 letters, digits, '-', '_', '.' or ':'.", IdempotencyHeader);
    }

    /// <summary>The route's FIN when it is well-formed and the token holder's own.</summary>
    private static ProblemHttpResult? OwnFin(string text, ClaimsPrincipal user, out Fin fin)
    {
        if (!Fin.TryParse(text, out var parsed, out var error))
        {
            fin = null!;
            return ApiProblem.BadRequest(EmploymentCodes.InvalidFin, error, "fin").ToResult();
        }
        fin = parsed;
        return user.RefuseUnlessOwn(parsed.Value);
    }

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
