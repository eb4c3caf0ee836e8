using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Json.Schema;

namespace IntegrationHub.Hub.Tests.Infrastructure;

/// <summary>One operation of the OpenAPI document.</summary>
public sealed record ApiOperation(string Method, string Path, string OperationId, JsonObject Node)
{
    public bool TakesJson => Node["requestBody"]?["content"] is JsonObject content && content.ContainsKey("application/json");

    /// <summary>The request body schema's property names (for a key given twice), if it names any.</summary>
    public IReadOnlyList<string> BodyProperties(ApiDocument document) =>
        document.Resolve(Node["requestBody"]?["content"]?["application/json"]?["schema"])?["properties"] is JsonObject properties
            ? [.. properties.Select(p => p.Key)]
            : [];

    public override string ToString() => $"{OperationId} ({Method} {Path})";
}

/// <summary>
/// The API's OpenAPI document as served at /openapi/v1.json, and checks of real answers against it: the status
/// is documented for the operation, with the answer's content type, and a JSON body matches the schema.
/// </summary>
public sealed class ApiDocument
{
    private readonly JsonObject _root;
    private readonly JsonObject _schemas;
    private readonly Dictionary<string, JsonSchema> _compiled = new(StringComparer.Ordinal);

    private ApiDocument(string json)
    {
        Json = json;
        _root = JsonNode.Parse(json)!.AsObject();
        _schemas = _root["components"]?["schemas"]?.AsObject() ?? [];
    }

    public string Json { get; }

    public JsonObject Root => _root;

    public static async Task<ApiDocument> LoadAsync(HttpClient client) =>
        new(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));

    public IReadOnlyList<ApiOperation> Operations =>
        [.. _root["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(op => op.Value is JsonObject)
            .Select(op => new ApiOperation(op.Key.ToUpperInvariant(), path.Key, op.Value!["operationId"]?.GetValue<string>() ?? "", op.Value.AsObject())))];

    public ApiOperation Operation(string operationId) => Operations.Single(o => o.OperationId == operationId);

    /// <summary>A schema with its $ref followed, one level.</summary>
    public JsonNode? Resolve(JsonNode? schema) =>
        schema?["$ref"]?.GetValue<string>() is { } reference ? _schemas[reference["#/components/schemas/".Length..]] : schema;

    /// <summary>What is wrong with <paramref name="response"/> as an answer of <paramref name="operation"/>; empty when it is documented.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(ApiOperation operation, HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var shown = $"{operation} answered {status} {response.Content.Headers.ContentType}: {Shorten(body)}";
        if (operation.Node["responses"]?[status] is not JsonObject documented)
        {
            return [$"{shown}: status {status} is not documented"];
        }
        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (documented["content"] is not JsonObject contents)
        {
            return body.Length == 0 ? [] : [$"{shown}: a body, where the document describes none"];
        }
        if (contentType is null || !contents.ContainsKey(contentType))
        {
            return [$"{shown}: content type {contentType} is not documented for {status} (documented: {string.Join(", ", contents.Select(c => c.Key))})"];
        }
        if (!contentType.Contains("json", StringComparison.Ordinal)) return CheckOther(shown, contentType, body);

        JsonNode? instance;
        try
        {
            instance = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            return [$"{shown}: not JSON ({e.Message})"];
        }
        var schema = Compile(contents[contentType]?["schema"]);
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        var errors = result.Details.Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"))
            .Take(10);
        return [$"{shown}: does not match the documented schema:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors)];
    }

    private static IReadOnlyList<string> CheckOther(string shown, string contentType, byte[] body) => contentType switch
    {
        "application/pdf" when body.AsSpan().StartsWith("%PDF-"u8) => [],
        "application/pdf" => [$"{shown}: not a PDF"],
        "text/plain" when body.Length > 0 => [],
        "text/event-stream" when body.AsSpan().IndexOf("data: "u8) >= 0 => [],
        "text/csv" when body.Length > 0 => [],
        _ => [$"{shown}: an empty or unexpected body"],
    };

    /// <summary>
    /// A response schema as a JSON Schema (OpenAPI 3.1 schemas are JSON Schema 2020-12): the document's component
    /// schemas become its $defs, so every $ref resolves inside it.
    /// </summary>
    private JsonSchema Compile(JsonNode? schema)
    {
        var key = schema?.ToJsonString() ?? "true";
        if (_compiled.TryGetValue(key, out var compiled)) return compiled;
        var root = schema is JsonObject o ? o.DeepClone().AsObject() : new JsonObject();
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = _schemas.DeepClone();
        var text = root.ToJsonString().Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);
        compiled = JsonSchema.FromText(text);
        _compiled[key] = compiled;
        return compiled;
    }

    private static string Shorten(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
        return body.Length > 300 ? text + "…" : text;
    }
}

/// <summary>
/// Who may call each operation, in one place: the tests of the whole API (contract, hostile input, fuzz) send each
/// operation's requests with these credentials. "key:{name}" is the system whose development key is
/// <c>dev-{name}-key</c> (Hub/appsettings.json); "citizen", "caseworker", "commission-member", "central-commission", "clinic-doctor",
/// "contact-centre-operator", "contact-centre-supervisor" (social security) and "post-office-staff" are people with a
/// token from the development issuer (tests/Shared/People.cs), a citizen's for the FIN the request is about;
/// "agency:{name}" is an agency signing its event with its development key (a CloudEvent, so the body goes as
/// application/cloudevents+json); null is anonymous. Change a row when an operation changes hands.
/// </summary>
public static class ApiCallers
{
    private static readonly Dictionary<string, string?> ByOperation = new(StringComparer.Ordinal)
    {
        ["AssembleProfile"] = "key:assistance",
        ["VerifyAuditChain"] = "key:auditor",
        ["AuditCheckpoints"] = "key:auditor",
        ["FindAuditRecords"] = "key:auditor",
        ["CitizenAccesses"] = "citizen",
        ["GetAgenciesState"] = null,
        ["GetEServiceStatistics"] = null,
        ["GetProfileStatistics"] = null,
        ["GetAuditVolume"] = null,
        ["GetMockSamples"] = "key:tester",
        ["GetMockFaults"] = "key:tester",
        ["SetMockFault"] = "key:tester",
        ["HealMockAgency"] = "key:tester",
        ["HealAllMockAgencies"] = "key:tester",
        ["SubmitAssistanceApplication"] = "citizen",
        ["GetAssistanceApplication"] = "citizen",
        ["ListOwnAssistanceApplications"] = "citizen",
        ["AssistanceQueue"] = "caseworker",
        ["AssistanceAtRisk"] = "caseworker",
        ["AssistanceDecision"] = "caseworker",
        ["ReplayAssistanceDecision"] = "caseworker",
        ["GetAssistanceCase"] = "caseworker",
        ["ClaimAssistanceCase"] = "caseworker",
        ["DecideAssistanceCase"] = "caseworker",
        ["GetContestDocument"] = "caseworker",
        ["ResolveAssistanceContest"] = "caseworker",
        ["PreviewAssistanceData"] = "citizen",
        ["ContestAssistanceItem"] = "citizen",
        ["ListAssistanceContests"] = "citizen",
        ["AppealAssistanceDecision"] = "citizen",
        ["ListAssistanceAppeals"] = "citizen",
        ["AssistancePeopleStatistics"] = null,
        ["SubmitReferral"] = "clinic-doctor",
        ["GetReferral"] = "clinic-doctor",
        ["DecideReferral"] = "commission-member",
        ["GetExamRegister"] = "citizen",
        ["IssueExtract"] = "citizen",
        ["GetExtractHistory"] = "citizen",
        ["GetExtractPdf"] = "citizen",
        ["GetWhoVerified"] = "citizen",
        ["AppealExamResult"] = "citizen",
        ["GetOwnAppeals"] = "citizen",
        ["ListPendingAppeals"] = "central-commission",
        ["GetAppeal"] = "central-commission",
        ["DecideAppeal"] = "central-commission",
        ["GetOutcomeStatistics"] = null,
        ["VerifyExtract"] = "key:bank-of-baku",
        ["GetVerifiedByMe"] = "key:bank-of-baku",
        ["LookupLastExam"] = null,
        ["CallCentreLastExam"] = "key:call-centre",
        ["ReceiveLifeEvent"] = "agency:population",
        ["GetLifeEventsState"] = null,
        ["ListLifeEvents"] = "key:operator",
        ["GetLifeEvent"] = "key:operator",
        ["RetryLifeEvent"] = "key:operator",
        ["GetMockLifeEvents"] = "key:tester",
        ["TriggerMockLifeEvent"] = "key:tester",
        ["ListOwnAssistanceOffers"] = "citizen",
        ["AcceptAssistanceOffer"] = "citizen",
        ["AssistanceLifeEventStatistics"] = null,
        ["NotifyNewContract"] = "key:sample-employer",
        ["NotifyContractChange"] = "key:sample-employer",
        ["NotifyContractSuspension"] = "key:sample-employer",
        ["NotifyContractResumption"] = "key:sample-employer",
        ["NotifyContractTermination"] = "key:sample-employer",
        ["ListEmployerContracts"] = "key:sample-employer",
        ["GetEmployerContract"] = "key:sample-employer",
        ["SubmitBulkNotifications"] = "key:sample-employer",
        ["GetBulk"] = "key:sample-employer",
        ["GetBulkLines"] = "key:sample-employer",
        ["GetLabourContractsAsAgency"] = "key:hub",
        ["GetCitizenContracts"] = "citizen",
        ["IssueWorkplaceCertificate"] = "citizen",
        ["GetWorkplaceCertificates"] = "citizen",
        ["GetWorkplaceCertificatePdf"] = "citizen",
        ["GetWhoVerifiedCertificates"] = "citizen",
        ["VerifyWorkplaceCertificate"] = "key:bank-of-baku",
        ["GetCertificatesVerifiedByMe"] = "key:bank-of-baku",

        ["SubmitAssistedApplication"] = "post-office-staff",
        ["RegisterCall"] = "key:telephony",
        ["RecordHangUp"] = "key:telephony",
        ["ListDepartmentQueue"] = "contact-centre-operator",
        ["TakeNextCall"] = "contact-centre-operator",
        ["GetCall"] = "contact-centre-operator",
        ["IdentifyCaller"] = "contact-centre-operator",
        ["AddCallNote"] = "contact-centre-operator",
        ["OpenFollowUp"] = "contact-centre-operator",
        ["ListFollowUps"] = "contact-centre-operator",
        ["CompleteFollowUp"] = "contact-centre-operator",
        ["TransferCall"] = "contact-centre-operator",
        ["CloseCall"] = "contact-centre-operator",
        ["GetContactCentreMonitor"] = "contact-centre-supervisor",
        ["StreamContactCentreMonitor"] = "contact-centre-supervisor",
        ["GetContactCentreStatistics"] = "contact-centre-supervisor",
    };

    public static IReadOnlyCollection<string> Operations => ByOperation.Keys;

    /// <summary>
    /// Adds the credentials <paramref name="operationId"/> is called with to <paramref name="request"/>; a citizen's
    /// token is <paramref name="citizen"/>'s, minted for the host of <paramref name="services"/>.
    /// </summary>
    public static HttpRequestMessage Authenticate(HttpRequestMessage request, string operationId, IServiceProvider services, string citizen)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ByOperation.TryGetValue(operationId, out var caller))
        {
            Assert.Fail($"{operationId} has no row in ApiCallers: say who calls it.");
        }
        if (caller is null) return request;
        if (caller.StartsWith("agency:", StringComparison.Ordinal))
        {
            var agency = caller[7..];
            var body = request.Content?.ReadAsByteArrayAsync().GetAwaiter().GetResult() ?? [];
            request.Headers.Add(IntegrationHub.Hub.Engine.LifeEvents.LifeEventIntake.KeyHeader, IntegrationHub.Mocks.LifeEvents.AgencyEventSigner.KeyId(agency));
            request.Headers.Add(IntegrationHub.Hub.Engine.LifeEvents.LifeEventIntake.SignatureHeader, IntegrationHub.Mocks.LifeEvents.AgencyEventSigner.Sign(agency, body));
            if (request.Content is not null && request.Content.Headers.ContentType?.MediaType == "application/json")
            {
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(IntegrationHub.Hub.Engine.LifeEvents.LifeEventIntake.MediaType);
            }
            return request;
        }
        if (caller.StartsWith("key:", StringComparison.Ordinal))
        {
            request.Headers.Add("X-Api-Key", $"dev-{caller[4..]}-key");
            return request;
        }
        var person = caller switch
        {
            "citizen" => People.Citizen(citizen),
            "caseworker" => People.Caseworker(),
            "commission-member" => People.CommissionMember(),
            "central-commission" => People.CentralCommission(),
            "clinic-doctor" => People.ClinicDoctor(),
            "contact-centre-operator" => People.ContactCentreOperator(),
            "contact-centre-supervisor" => People.ContactCentreSupervisor(),
            "post-office-staff" => People.PostOfficeStaff(),
            _ => throw new InvalidOperationException($"ApiCallers: unknown caller '{caller}' for {operationId}."),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", People.Token(services, person));
        return request;
    }

    /// <summary>A request of <paramref name="operation"/> with a body of <paramref name="body"/> as <paramref name="contentType"/>.</summary>
    public static HttpRequestMessage Request(ApiOperation operation, string path, IServiceProvider services, string citizen, byte[]? body = null, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(operation);
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        return Authenticate(request, operation.OperationId, services, citizen);
    }
}
