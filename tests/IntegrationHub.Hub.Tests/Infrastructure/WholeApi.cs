using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace IntegrationHub.Hub.Tests.Infrastructure;

/// <summary>
/// One host with every route of the binary (hub, assistance, disability, contact centre, and, in the default mode, the mock
/// country's), its OpenAPI document, and a plausible body for each operation that takes JSON, for
/// the tests that send every operation the same hostile input.
/// </summary>
public sealed class WholeApi : IAsyncLifetime
{
    // The default mode (the mock country's routes too); the agencies stay at the factory's own country, the same people.
    private readonly HubFactory _hub = new(new Dictionary<string, string?> { ["Mocks:InProcess"] = "true", ["Mocks:Households"] = "60" }, households: 60);

    public WebApplicationFactory<Program> Host { get; private set; } = null!;

    public ApiDocument Document { get; private set; } = null!;

    public HubFactory Hub => _hub;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Bodies that are well-formed JSON of each operation's shape (whether the values pass its checks or not).</summary>
    public static readonly IReadOnlyDictionary<string, string> SampleBodies = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AssembleProfile"] = """{"applicant":"5ABC12D","declaredMembers":[{"fin":"3ABVK9J","relation":"Spouse"}],"purpose":"targeted-social-assistance","caseNumber":"VEM-2026-000001"}""",
        ["SubmitAssistanceApplication"] = """{"applicant":"5ABC12D","idCardNumber":"AA1234567","members":[{"fin":"3ABVK9J","relation":"Spouse"}],"incomes":[{"fin":"5ABC12D","source":"wages","monthlyAmount":450.5}],"channel":{"kind":"sms","address":"+994501234567"},"consent":true}""",
        ["SubmitReferral"] = """{"referralNumber":"F88-HOSTILE1","fin":"5ABC12D","clinic":"Bakı 3 saylı poliklinika","issuedOn":"2026-01-10","diagnoses":["I63.9"]}""",
        ["DecideReferral"] = """{"percent":65,"cause":"GeneralIllness","startDate":"2026-01-10","recommendations":"Reabilitasiya kursu."}""",
        ["IssueExtract"] = """{"referralNumber":"F88-HOSTILE1"}""",
        ["AppealExamResult"] = """{"referralNumber":"F88-HOSTILE1","reason":"Son MRT nəticəsi nəzərə alınmayıb."}""",
        ["DecideAppeal"] = """{"outcome":"changed","justification":"MRT nəticəsi.","percent":70,"cause":"GeneralIllness","startDate":"2026-01-10"}""",
        ["LookupLastExam"] = """{"idCardNumber":"AA1234567","birthDate":"1980-05-17"}""",
        ["CallCentreLastExam"] = """{"callerNumber":"+994501234567","idDigits":"1234567","birthDigits":"17051980"}""",
        ["TriggerMockLifeEvent"] = """{"kind":"contract-started","fin":"5ABC12D","partner":null,"date":"2026-01-10"}""",
        ["SubmitAssistedApplication"] = """{"birthDate":"1980-05-17","application":{"applicant":"5ABC12D","idCardNumber":"AA1234567","members":[],"incomes":[],"channel":{"kind":"ecabinet"},"consent":true}}""",
        ["RegisterCall"] = """{"callId":"pbx-hostile-1","callerNumber":"+994501234567","topic":"social-security"}""",
        ["IdentifyCaller"] = """{"fin":"5ABC12D","idCardNumber":"AA1234567","birthDate":"1980-05-17"}""",
        ["AddCallNote"] = """{"question":"Müraciətim hansı mərhələdədir?","answer":"Baxılır."}""",
        ["TransferCall"] = """{"department":"employment","reason":"job seeker"}""",
        ["OpenFollowUp"] = """{"dueDate":"2026-01-20","task":"Call back"}""",
        ["CompleteFollowUp"] = """{"outcome":"Called back"}""",
        ["SetMockFault"] = """{"kind":"none","delayMs":0,"count":0,"retryAfterSeconds":1}""",
        ["NotifyNewContract"] = """{"fin":"5ABC12D","position":"mühasib","occupationCode":"2411","workplace":"Bakı","startDate":"2026-01-10","term":"indefinite","weeklyHours":40,"monthlyWage":800,"contractKind":"main"}""",
        ["NotifyContractChange"] = """{"effectiveDate":"2026-01-10","monthlyWage":900}""",
        ["NotifyContractSuspension"] = """{"effectiveDate":"2026-01-10","until":"2026-02-10","reason":"parental leave"}""",
        ["NotifyContractResumption"] = """{"effectiveDate":"2026-01-10"}""",
        ["NotifyContractTermination"] = """{"effectiveDate":"2026-01-10","ground":"agreement"}""",
        ["IssueWorkplaceCertificate"] = """{"date":"2026-01-10"}""",
        ["DecideAssistanceCase"] = """{"outcome":"refuse","reasons":["vehicle"],"justification":"A car is on record at the traffic police."}""",
        ["ResolveAssistanceContest"] = """{"state":"rejected","justification":"The registry's record stands."}""",
        ["ContestAssistanceItem"] = """{"item":"5ABC12D:vehicles","comment":"This car was sold in March.","document":{"fileName":"sale.pdf","contentBase64":"JVBERi0xLjQK"}}""",
        ["AppealAssistanceDecision"] = """{"grounds":"The car was sold in March."}""",
    };

    public async ValueTask InitializeAsync()
    {
        Host = _hub;
        Client = Host.CreateClient();
        Document = await ApiDocument.LoadAsync(Client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _hub.DisposeAsync();
    }

    /// <summary>Every operation that reads a JSON body; each must have a sample body.</summary>
    public IReadOnlyList<ApiOperation> JsonOperations
    {
        get
        {
            var operations = Document.Operations.Where(o => o.TakesJson).ToList();
            var missing = operations.Where(o => !SampleBodies.ContainsKey(o.OperationId)).ToList();
            Assert.True(missing.Count == 0, $"Operations taking JSON without a sample body in WholeApi.SampleBodies: {string.Join(", ", missing)}");
            return operations;
        }
    }

    /// <summary>The operation's path with its parameters filled (a FIN, a referral number, an agency...).</summary>
    public static string PathOf(ApiOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return operation.Path
            .Replace("{fin}", Citizen, StringComparison.Ordinal)
            .Replace("{referralNumber}", "F88-HOSTILE1", StringComparison.Ordinal)
            .Replace("{agency}", "population", StringComparison.Ordinal)
            .Replace("{number}", "VEM-2026-999999", StringComparison.Ordinal)
            .Replace("{code}", "ABCDE-FGHJK-LMNPQ-RSTUV", StringComparison.Ordinal)
            .Replace("{changeId}", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", StringComparison.Ordinal)
            .Replace("{offerId}", "OFR-0000000", StringComparison.Ordinal)
            .Replace("{contractNumber}", "EM-2026-0000001", StringComparison.Ordinal)
            .Replace("{bulkNumber}", "BLK-2026-000001", StringComparison.Ordinal)
            .Replace("{callNumber}", "142-20260101-000001", StringComparison.Ordinal)
            .Replace("{id}", "FU-142-20260101-000001-1", StringComparison.Ordinal);
    }

    /// <summary>The FIN in every path and sample body; a citizen's token is this person's.</summary>
    public const string Citizen = "5ABC12D";

    /// <summary>Sends <paramref name="body"/> to <paramref name="operation"/> with its caller's credentials.</summary>
    public async Task<HttpResponseMessage> SendAsync(ApiOperation operation, byte[]? body, string contentType = "application/json")
    {
        using var request = Request(operation, PathOf(operation), body, contentType);
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>A request of <paramref name="operation"/> to <paramref name="path"/> with its caller's credentials.</summary>
    public HttpRequestMessage Request(ApiOperation operation, string path, byte[]? body = null, string contentType = "application/json") =>
        ApiCallers.Request(operation, path, Host.Services, Citizen, body, contentType);

    public Task<HttpResponseMessage> SendAsync(ApiOperation operation, string body, string contentType = "application/json") =>
        SendAsync(operation, Encoding.UTF8.GetBytes(body), contentType);
}
