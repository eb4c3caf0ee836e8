using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace IntegrationHub.Hub.Tests.Api;

/// <summary>
/// The OpenAPI document tells the truth: the valid request of every operation it lists (the list comes from the
/// document itself, so an operation added without a case here fails) is sent, and the answer's status, content
/// type and body are checked against what the document says. The whole host runs (hub, assistance, disability, employment,
/// the mock country's routes), so one referral, one application and one extract carry the operations that need
/// them. With INTEGRATIONHUB_OPENAPI_EXPORT set, the document is written there (.ci/run lints it).
/// </summary>
public sealed class OpenApiContractTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HubFactory _hub = new(new Dictionary<string, string?>(AgencyBudgets.Unhurried())
    {
        // The default mode, so the mock country's routes are mapped too; the agencies stay at the factory's own
        // country (explicit addresses win), which has the same people (same seed and size).
        ["Mocks:InProcess"] = "true",
        ["Mocks:Households"] = "200",
        // A loaded machine must not turn the referral's records or the application's decision into a wait (the
        // budgets are the unhurried ones, above).
        ["Disability:RecordsRetryInterval"] = "00:00:01",
        ["Assistance:PollInterval"] = "00:00:00.200",
        ["Assistance:RetryInterval"] = "00:00:00.500",
        // The monitor's stream ends by itself after this, so its case reads a whole answer.
        ["ContactCentre:Monitor:MinimumInterval"] = "00:00:00.100",
        ["ContactCentre:Monitor:RefreshInterval"] = "00:00:00.500",
        ["ContactCentre:Monitor:StreamLifetime"] = "00:00:01",
    });

    private WebApplicationFactory<Program> _host = null!;

    public ValueTask InitializeAsync()
    {
        _host = _hub;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();

    /// <summary>Values that later requests take from earlier answers (an application number, a referral, a code).</summary>
    private sealed class Scenario
    {
        public required Person Applicant { get; init; }
        public required Person Assessed { get; init; }
        public required Person Bystander { get; init; }
        public string ReferralNumber { get; } = "F88-OA" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        public string? ApplicationNumber { get; set; }
        public string? ExtractCode { get; set; }
        public string? ChangeId { get; set; }
        public string EventId { get; } = "pop-openapi-" + Guid.NewGuid().ToString("N");
        public required Person Worker { get; init; }
        public string? ContractNumber { get; set; }
        public string? CertificateCode { get; set; }
        public string? BulkNumber { get; set; }
        public string? CallNumber { get; set; }
        public string? FollowUpId { get; set; }
        public string? ContestItem { get; set; }
        public string? ContestId { get; set; }
    }

    /// <param name="Expected">The statuses the valid request may get (a referral is 201 with its records, 202 while they come).</param>
    /// <param name="RetryOn">A status that means "not yet" (a decision still being made): the request is sent again, for up to a minute.</param>
    /// <param name="Citizen">Whose token a citizen's operation is called with (ApiCallers): the applicant's unless said.</param>
    /// <param name="ContentType">The body's media type when it is not JSON (the body is then sent as the string it is).</param>
    /// <param name="Before">What must happen first that no other case does (another call for an operator to hold).</param>
    private sealed record Case(
        string OperationId, Func<Scenario, (string Path, object? Body)> Request, int[] Expected, int? RetryOn = null,
        Action<Scenario, JsonNode?>? Capture = null, Func<Scenario, string>? Citizen = null, string? ContentType = null,
        Func<HttpClient, IServiceProvider, Scenario, Task>? Before = null);

    private static Case Get(string operationId, Func<Scenario, string> path, int? retryOn = null, Func<Scenario, string>? citizen = null) =>
        new(operationId, s => (path(s), null), [200], retryOn, Citizen: citizen);

    private static string Assessed(Scenario s) => s.Assessed.Fin;

    private static string Worker(Scenario s) => s.Worker.Fin;

    private static string Day(int days) => Today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>In order: later cases use what earlier ones created.</summary>
    private static readonly Case[] Cases =
    [
        Get("GetMockSamples", _ => "/mocks/samples"),
        Get("GetMockFaults", _ => "/mocks/faults"),
        new("SetMockFault", _ => ("/mocks/faults/population", new { kind = "none" }), [200]),
        new("HealMockAgency", _ => ("/mocks/faults/population", null), [200]),
        new("HealAllMockAgencies", _ => ("/mocks/faults", null), [200]),
        Get("GetAgenciesState", _ => "/api/v1/agencies/state"),
        Get("GetMockLifeEvents", _ => "/mocks/life-events"),
        // Someone of a household no other case uses; the in-process country changes, the agencies the tests ask do not.
        new("TriggerMockLifeEvent", s => ("/mocks/life-events", new { kind = "move", fin = s.Bystander.Fin }), [202]),
        new("ReceiveLifeEvent", s => ("/api/v1/life-events", new
        {
            specversion = "1.0",
            id = s.EventId,
            source = "urn:az:gov:population",
            type = "az.gov.population.move",
            time = TestClock.Start,
            datacontenttype = "application/json",
            data = new { persons = new[] { s.Bystander.Fin }, date = Today.AddDays(-1) },
        }), [202], Capture: (s, body) => s.ChangeId = body!["changeId"]!.GetValue<string>()),
        Get("GetLifeEventsState", _ => "/api/v1/life-events/state"),
        Get("ListLifeEvents", _ => "/api/v1/life-events?state=received&page=1&pageSize=10"),
        Get("GetLifeEvent", s => $"/api/v1/life-events/{s.ChangeId}"),
        // Only a dead letter is retried; this one is not (the retry itself is in LifeEventsApiTests).
        new("RetryLifeEvent", s => ($"/api/v1/life-events/{s.ChangeId}/retry", null), [409]),
        new("AssembleProfile", s => ("/api/v1/profiles", new
        {
            applicant = s.Applicant.Fin,
            declaredMembers = s.Applicant.Household.Members.Where(m => m != s.Applicant && !m.Deceased).Take(1).Select(m => new { fin = m.Fin, relation = "Spouse" }),
            purpose = "targeted-social-assistance",
            caseNumber = "OPENAPI-1",
        }), [200]),
        Get("GetEServiceStatistics", _ => "/api/v1/operations/statistics/e-services"),
        Get("GetProfileStatistics", _ => "/api/v1/operations/statistics/profiles"),
        Get("GetAuditVolume", _ => "/api/v1/operations/audit-volume"),
        Get("VerifyAuditChain", _ => "/api/v1/audit/verify"),
        Get("AuditCheckpoints", _ => "/api/v1/audit/checkpoints?limit=10"),
        Get("FindAuditRecords", s => $"/api/v1/audit/records?subject={s.Applicant.Fin}&page=1&pageSize=10"),
        Get("CitizenAccesses", s => $"/api/v1/audit/citizens/{s.Applicant.Fin}/accesses"),

        new("SubmitAssistanceApplication", s => ("/api/v1/assistance/applications", new
        {
            applicant = s.Applicant.Fin,
            idCardNumber = s.Applicant.IdCardNumber,
            members = Array.Empty<object>(),
            incomes = Array.Empty<object>(),
            channel = new { kind = "ecabinet" },
            consent = true,
        }), [201], Capture: (s, body) => s.ApplicationNumber = body!["applicationNumber"]!.GetValue<string>()),
        Get("GetAssistanceApplication", s => $"/api/v1/assistance/applications/{s.ApplicationNumber}"),
        Get("ListOwnAssistanceApplications", _ => "/api/v1/assistance/applications"),
        Get("AssistanceQueue", _ => "/api/v1/assistance/queue"),
        Get("AssistanceAtRisk", _ => "/api/v1/assistance/at-risk"),
        Get("AssistanceDecision", s => $"/api/v1/assistance/decisions/{s.ApplicationNumber}", retryOn: 404),
        new("ReplayAssistanceDecision", s => ($"/api/v1/assistance/decisions/{s.ApplicationNumber}/replay", null), [200]),
        new("PreviewAssistanceData", s => ($"/api/v1/assistance/applications/{s.ApplicationNumber}/preview", null), [200],
            Capture: (s, body) => s.ContestItem = body!["members"]![0]!["items"]![0]!["item"]!.GetValue<string>()),
        new("ContestAssistanceItem", s => ($"/api/v1/assistance/applications/{s.ApplicationNumber}/contests", new
        {
            item = s.ContestItem,
            comment = "This is not what I have.",
            document = new { fileName = "proof.pdf", contentBase64 = Convert.ToBase64String("%PDF-1.4\n%proof\n"u8.ToArray()) },
        }), [201], Capture: (s, body) => s.ContestId = body!["contestId"]!.GetValue<string>()),
        Get("ListAssistanceContests", s => $"/api/v1/assistance/applications/{s.ApplicationNumber}/contests"),
        Get("GetAssistanceCase", s => $"/api/v1/assistance/cases/{s.ApplicationNumber}"),
        new("ClaimAssistanceCase", s => ($"/api/v1/assistance/cases/{s.ApplicationNumber}/claim", null), [200]),
        Get("GetContestDocument", s => $"/api/v1/assistance/contests/{s.ContestId}/document"),
        new("ResolveAssistanceContest", s => ($"/api/v1/assistance/contests/{s.ContestId}/resolution", new { state = "rejected", justification = "The registry's record stands." }), [200]),
        // The single adult's application is approved or refused by the rules: a refusal is appealed (201) and the appeal
        // decided (201); an approval is not appealable (409) and, decided, not decided again (409).
        new("AppealAssistanceDecision", s => ($"/api/v1/assistance/applications/{s.ApplicationNumber}/appeals", new { grounds = "My income is lower than the registry says." }), [201, 409]),
        Get("ListAssistanceAppeals", s => $"/api/v1/assistance/applications/{s.ApplicationNumber}/appeals"),
        new("DecideAssistanceCase", s => ($"/api/v1/assistance/cases/{s.ApplicationNumber}/decision", new
        {
            outcome = "approve", monthlyAmount = 120.50m, justification = "Reviewed on appeal: the income has fallen.",
        }), [201, 409]),
        Get("AssistancePeopleStatistics", _ => $"/api/v1/assistance/people/statistics?month={Today:yyyy-MM}"),
        Get("ListOwnAssistanceOffers", _ => "/api/v1/assistance/offers"),
        // An offer comes from a birth in the household (accepted in the assistance tests); none here.
        new("AcceptAssistanceOffer", _ => ("/api/v1/assistance/offers/OFR-0000000/accept", null), [404]),
        Get("AssistanceLifeEventStatistics", _ => "/api/v1/assistance/life-events/statistics"),

        new("SubmitReferral", s => ("/api/v1/disability/referrals", new
        {
            referralNumber = s.ReferralNumber,
            fin = s.Assessed.Fin,
            clinic = People.Clinic,
            issuedOn = Today,
            diagnoses = new[] { "I63.9" },
        }), [201, 202]),
        Get("GetReferral", s => $"/api/v1/disability/referrals/{s.ReferralNumber}"),
        new("DecideReferral", s => ($"/api/v1/disability/referrals/{s.ReferralNumber}/result", new
        {
            percent = 65,
            cause = "GeneralIllness",
            startDate = Today,
            recommendations = "Reabilitasiya kursu.",
        }), [200], RetryOn: 409),
        Get("GetExamRegister", s => $"/api/v1/disability/citizens/{s.Assessed.Fin}/exams", citizen: Assessed),
        new("IssueExtract", s => ($"/api/v1/disability/citizens/{s.Assessed.Fin}/extracts", new { referralNumber = s.ReferralNumber }), [201],
            Capture: (s, body) => s.ExtractCode = body!["code"]!.GetValue<string>(), Citizen: Assessed),
        Get("GetExtractHistory", s => $"/api/v1/disability/citizens/{s.Assessed.Fin}/extracts", citizen: Assessed),
        Get("GetExtractPdf", s => $"/api/v1/disability/citizens/{s.Assessed.Fin}/extracts/{s.ExtractCode}/pdf", citizen: Assessed),
        Get("VerifyExtract", s => $"/api/v1/disability/verify/{s.ExtractCode}"),
        Get("GetVerifiedByMe", _ => "/api/v1/disability/verifications"),
        Get("GetWhoVerified", s => $"/api/v1/disability/citizens/{s.Assessed.Fin}/verifications", citizen: Assessed),
        new("AppealExamResult", s => ($"/api/v1/disability/citizens/{s.Assessed.Fin}/appeals", new { referralNumber = s.ReferralNumber, reason = "Son MRT nəticəsi nəzərə alınmayıb." }), [201],
            Citizen: Assessed),
        Get("GetOwnAppeals", s => $"/api/v1/disability/citizens/{s.Assessed.Fin}/appeals", citizen: Assessed),
        Get("ListPendingAppeals", _ => "/api/v1/disability/appeals"),
        Get("GetAppeal", s => $"/api/v1/disability/appeals/{s.ReferralNumber}"),
        new("DecideAppeal", s => ($"/api/v1/disability/appeals/{s.ReferralNumber}/decision", new
        {
            outcome = "changed",
            justification = "MRT nəticəsi dərəcəni artırır.",
            percent = 70,
            cause = "GeneralIllness",
            startDate = Today,
        }), [200]),
        Get("GetOutcomeStatistics", _ => "/api/v1/operations/statistics/outcomes"),
        new("LookupLastExam", s => ("/api/v1/disability/last-exam", new
        {
            idCardNumber = s.Assessed.IdCardNumber,
            birthDate = s.Assessed.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }), [200]),
        new("CallCentreLastExam", s => ("/api/v1/disability/call-centre/last-exam", new
        {
            callerNumber = "+994501234567",
            idDigits = new string(s.Assessed.IdCardNumber.Where(char.IsAsciiDigit).ToArray()),
            birthDigits = s.Assessed.BirthDate.ToString("ddMMyyyy", CultureInfo.InvariantCulture),
        }), [200]),

        new("NotifyNewContract", s => ("/api/v1/employment/contracts", new
        {
            fin = s.Worker.Fin, position = "mühasib", occupationCode = "2411", workplace = "Bakı", startDate = Day(-30),
            term = "indefinite", weeklyHours = 40, monthlyWage = 800, contractKind = "main",
        }), [201], Capture: (s, body) => s.ContractNumber = body!["contract"]!["number"]!.GetValue<string>()),
        new("NotifyContractChange", s => ($"/api/v1/employment/contracts/{s.ContractNumber}/changes", new { effectiveDate = Day(-2), monthlyWage = 900 }), [201]),
        new("NotifyContractSuspension", s => ($"/api/v1/employment/contracts/{s.ContractNumber}/suspensions", new { effectiveDate = Day(-1), reason = "parental leave" }), [201]),
        new("NotifyContractResumption", s => ($"/api/v1/employment/contracts/{s.ContractNumber}/resumptions", new { effectiveDate = Day(0) }), [201]),
        Get("ListEmployerContracts", _ => "/api/v1/employment/contracts"),
        Get("GetEmployerContract", s => $"/api/v1/employment/contracts/{s.ContractNumber}"),
        Get("GetLabourContractsAsAgency", s => $"/mlspp/v1/employees/{s.Worker.Fin}/labour-contracts"),
        Get("GetCitizenContracts", s => $"/api/v1/employment/citizens/{s.Worker.Fin}/contracts", citizen: Worker),
        new("IssueWorkplaceCertificate", s => ($"/api/v1/employment/citizens/{s.Worker.Fin}/certificates", new { }), [201],
            Capture: (s, body) => s.CertificateCode = body!["code"]!.GetValue<string>(), Citizen: Worker),
        Get("GetWorkplaceCertificates", s => $"/api/v1/employment/citizens/{s.Worker.Fin}/certificates", citizen: Worker),
        Get("GetWorkplaceCertificatePdf", s => $"/api/v1/employment/citizens/{s.Worker.Fin}/certificates/{s.CertificateCode}/pdf", citizen: Worker),
        Get("VerifyWorkplaceCertificate", s => $"/api/v1/employment/verify/{s.CertificateCode}"),
        Get("GetCertificatesVerifiedByMe", _ => "/api/v1/employment/verifications"),
        Get("GetWhoVerifiedCertificates", s => $"/api/v1/employment/citizens/{s.Worker.Fin}/verifications", citizen: Worker),
        new("NotifyContractTermination", s => ($"/api/v1/employment/contracts/{s.ContractNumber}/termination", new { effectiveDate = Day(0), ground = "agreement" }), [201]),
        new("SubmitBulkNotifications", s => ("/api/v1/employment/bulk",
            $"fin,position,occupationCode,workplace,startDate,term,weeklyHours,monthlyWage,contractKind\n{s.Worker.Fin},aşpaz,5120,Bakı,{Day(-3)},indefinite,20,500,secondary\n"),
            [202], Capture: (s, body) => s.BulkNumber = body!["number"]!.GetValue<string>(), ContentType: "text/csv"),
        Get("GetBulk", s => $"/api/v1/employment/bulk/{s.BulkNumber}"),
        Get("GetBulkLines", s => $"/api/v1/employment/bulk/{s.BulkNumber}/lines"),

        new("SubmitAssistedApplication", s => ("/api/v1/assistance/assisted-applications", new
        {
            birthDate = s.Assessed.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            application = new
            {
                applicant = s.Assessed.Fin,
                idCardNumber = s.Assessed.IdCardNumber,
                members = Array.Empty<object>(),
                incomes = Array.Empty<object>(),
                channel = new { kind = "ecabinet" },
                consent = true,
            },
        }), [201]),

        new("RegisterCall", _ => ("/api/v1/contact-centre/calls", new { callId = "openapi-1", callerNumber = "+994501234567", topic = "social-security" }), [201],
            Capture: (s, body) => s.CallNumber = body!["callNumber"]!.GetValue<string>()),
        Get("ListDepartmentQueue", _ => "/api/v1/contact-centre/queue"),
        new("TakeNextCall", _ => ("/api/v1/contact-centre/queue/take", null), [200]),
        Get("GetCall", s => $"/api/v1/contact-centre/calls/{s.CallNumber}"),
        new("IdentifyCaller", s => ($"/api/v1/contact-centre/calls/{s.CallNumber}/caller", new
        {
            fin = s.Applicant.Fin,
            idCardNumber = s.Applicant.IdCardNumber,
            birthDate = s.Applicant.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }), [200]),
        new("AddCallNote", s => ($"/api/v1/contact-centre/calls/{s.CallNumber}/notes", new { question = "Müraciətim hansı mərhələdədir?", answer = "Baxılır." }), [200]),
        new("OpenFollowUp", s => ($"/api/v1/contact-centre/calls/{s.CallNumber}/follow-ups", new { dueDate = Today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), task = "Call back" }), [201],
            Capture: (s, body) => s.FollowUpId = body!["id"]!.GetValue<string>()),
        Get("ListFollowUps", _ => "/api/v1/contact-centre/follow-ups"),
        new("CompleteFollowUp", s => ($"/api/v1/contact-centre/follow-ups/{s.FollowUpId}/done", new { outcome = "Called back" }), [200]),
        new("TransferCall", s => ($"/api/v1/contact-centre/calls/{s.CallNumber}/transfer", new { department = "employment", reason = "job seeker" }), [200]),
        new("RecordHangUp", s => ($"/api/v1/contact-centre/calls/{s.CallNumber}/hang-up", null), [200]),
        new("CloseCall", s => ($"/api/v1/contact-centre/calls/{s.CallNumber}/close", null), [200], Before: TakeAnotherCallAsync),
        Get("GetContactCentreMonitor", _ => "/api/v1/contact-centre/monitor"),
        Get("StreamContactCentreMonitor", _ => "/api/v1/contact-centre/monitor/stream"),
        Get("GetContactCentreStatistics", _ => "/api/v1/contact-centre/statistics"),
    ];

    /// <summary>The first call went to another department: the operator takes a second one, to close.</summary>
    private static async Task TakeAnotherCallAsync(HttpClient client, IServiceProvider services, Scenario scenario)
    {
        var ct = TestContext.Current.CancellationToken;
        using var register = new HttpRequestMessage(HttpMethod.Post, "/api/v1/contact-centre/calls")
        {
            Content = new StringContent("""{"callId":"openapi-2","callerNumber":"+994501234568","topic":"social-security"}""", Encoding.UTF8, "application/json"),
        };
        using var registered = await client.SendAsync(ApiCallers.Authenticate(register, "RegisterCall", services, scenario.Applicant.Fin), ct);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        scenario.CallNumber = JsonNode.Parse(await registered.Content.ReadAsStringAsync(ct))!["callNumber"]!.GetValue<string>();
        using var take = new HttpRequestMessage(HttpMethod.Post, "/api/v1/contact-centre/queue/take");
        using var taken = await client.SendAsync(ApiCallers.Authenticate(take, "TakeNextCall", services, scenario.Applicant.Fin), ct);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
    }

    /// <summary>The hub's day: it runs on the tests' clock.</summary>
    private static DateOnly Today => TestClock.Today;

    [Fact]
    public async Task EveryOperation_AnswersItsValidRequestAsDocumented()
    {
        var document = await ApiDocument.LoadAsync(_host.CreateClient());
        if (Environment.GetEnvironmentVariable("INTEGRATIONHUB_OPENAPI_EXPORT") is { Length: > 0 } export)
        {
            await File.WriteAllTextAsync(export, document.Json, TestContext.Current.CancellationToken);
        }

        var operations = document.Operations;
        Assert.All(operations, o => Assert.False(string.IsNullOrEmpty(o.OperationId), $"{o.Method} {o.Path} has no operationId (WithName)."));
        Assert.True(operations.Select(o => o.OperationId).Order().SequenceEqual(Cases.Select(c => c.OperationId).Order()),
            $"Operations without a case here: {string.Join(", ", operations.Select(o => o.OperationId).Except(Cases.Select(c => c.OperationId)))}; "
            + $"cases of operations no longer documented: {string.Join(", ", Cases.Select(c => c.OperationId).Except(operations.Select(o => o.OperationId)))}.");

        var scenario = new Scenario { Applicant = SingleAdult(), Assessed = DisabledAdult(), Bystander = Bystander(), Worker = Employee() };
        var client = _host.CreateClient();
        var failures = new List<string>();
        foreach (var @case in Cases)
        {
            var operation = document.Operation(@case.OperationId);
            if (@case.Before is not null) await @case.Before(client, _host.Services, scenario);
            using var response = await SendAsync(client, _host.Services, operation, @case, scenario);
            failures.AddRange(await document.CheckAsync(operation, response));
            if (!@case.Expected.Contains((int)response.StatusCode))
            {
                failures.Add($"{operation}: {(int)response.StatusCode} instead of {string.Join(" or ", @case.Expected)}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
                continue;
            }
            @case.Capture?.Invoke(scenario, JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures) + Environment.NewLine + "The host logged:" + Environment.NewLine + _hub.ServerLog);
    }

    [Fact]
    public async Task Document_HasSecurityOnEveryOperation_ProblemsWithCodeAndField_AndAServerWithoutTrailingSlash()
    {
        var document = await ApiDocument.LoadAsync(_host.CreateClient());

        Assert.All(document.Operations, o => Assert.NotNull(o.Node["security"]));
        var protectedOperations = document.Operations.Where(o => o.Node["security"]!.AsArray().Count > 0).ToList();
        Assert.NotEmpty(protectedOperations);
        Assert.All(protectedOperations, o =>
        {
            Assert.NotNull(o.Node["responses"]!["401"]);
            Assert.NotNull(o.Node["responses"]!["403"]);
        });
        Assert.Equal("apiKey", document.Root["components"]!["securitySchemes"]!["ApiKey"]!["type"]!.GetValue<string>());
        Assert.Equal("bearer", document.Root["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>());
        // A person's operation takes the token, a system's the key: never both.
        var security = (string id) => document.Operation(id).Node["security"]!.AsArray().SelectMany(r => r!.AsObject().Select(p => p.Key)).ToList();
        Assert.Equal(["Bearer"], security("GetExamRegister"));
        Assert.Equal(["ApiKey"], security("AssembleProfile"));
        var problem = document.Root["components"]!["schemas"]!["ProblemDetails"]!;
        Assert.NotNull(problem["properties"]!["code"]);
        Assert.NotNull(problem["properties"]!["field"]);
        Assert.All(document.Root["servers"]!.AsArray(), s => Assert.False(s!["url"]!.GetValue<string>().EndsWith('/')));
    }

    [Fact]
    public async Task Document_GivesEachCaseStatusItsOwnSchema_AndLeavesNullablePropertiesOptional()
    {
        var document = await ApiDocument.LoadAsync(_host.CreateClient());
        var schemas = document.Root["components"]!["schemas"]!;

        var assistance = schemas["AssistanceCaseStatus"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        var disability = schemas["DisabilityCaseStatus"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        Assert.Contains("WithCaseworker", assistance);
        Assert.Contains("AwaitingResult", disability);
        Assert.Null(schemas["CaseStatus"]);
        var required = (JsonNode? schema) => schema?["required"]?.AsArray().Select(v => v!.GetValue<string>()).ToList() ?? [];
        Assert.DoesNotContain("dateOfDeath", required(schemas["IdentityData"]));
        Assert.DoesNotContain("declaredMembers", required(schemas["ProfileRequest"]));
        Assert.Contains("fin", required(schemas["IdentityData"]));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, IServiceProvider services, ApiOperation operation, Case @case, Scenario scenario)
    {
        // Sent again while the answer is the case's "not yet" status (up to a minute); the caller checks the last answer.
        HttpResponseMessage? previous = null;
        return await Poll.ReadUntilAsync(async () =>
        {
            previous?.Dispose();
            var (path, body) = @case.Request(scenario);
            var citizen = (@case.Citizen ?? (s => s.Applicant.Fin))(scenario);
            var bytes = body switch
            {
                null => null,
                string text when @case.ContentType is not null => Encoding.UTF8.GetBytes(text),
                _ => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body, Json)),
            };
            using var request = ApiCallers.Request(operation, path, services, citizen, bytes, @case.ContentType ?? "application/json");
            return previous = await client.SendAsync(request, TestContext.Current.CancellationToken);
        }, response => (int)response.StatusCode != @case.RetryOn, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(200));
    }

    private Person SingleAdult() =>
        _hub.Country.Population.ByFin[_hub.Country.Population.Samples().Single(s => s.HouseholdKind == "single").Fin];

    private Person Bystander() =>
        _hub.Country.Population.Households.Where(h => h.Kind == "pensioners").SelectMany(h => h.Members).First(p => !p.Deceased && p.AgeOn(Today) >= 18);

    private Person Employee() =>
        _hub.Country.Population.People.First(p => !p.Deceased && p.AgeOn(Today) is >= 25 and < 55 && p.Household.Kind != "single" && p.Disability.Count == 0);

    private Person DisabledAdult() =>
        _hub.Country.Population.Households.Where(h => h.Kind == "disability").SelectMany(h => h.Members)
            .First(p => p.Disability.Count > 0 && !p.Deceased && p.AgeOn(Today) is >= 18 and < 60);
}
