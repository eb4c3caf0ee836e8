using System.Text.Json.Nodes;

namespace IntegrationHub.Hub.Tests.Api;

/// <summary>
/// Input a reviewer sent to every endpoint that takes JSON (listed from the OpenAPI document, so a new one is
/// covered): charsets .NET does not know, keys given twice. Each answer is a problem with a stable code, and a
/// status the document lists for the operation; never a 500, never a silent reading.
/// </summary>
public sealed class HostileInputTests(WholeApi api) : IClassFixture<WholeApi>
{
    [Theory]
    [InlineData("application/json; charset=ebcdic", "ebcdic")]
    [InlineData("application/json; charset=utf-7", "utf-7")]
    [InlineData("application/json; charset=", "")]
    [InlineData("application/json; charset=\"\"", "")]
    [InlineData("application/json; charset=utf-16", "utf-16")]
    [InlineData("application/json; charset=utf-8; charset=latin1", "latin1")]
    public async Task UnknownOrNonUtf8Charset_Is415UnsupportedCharset_OnEveryJsonOperation(string contentType, string charset)
    {
        var failures = new List<string>();
        foreach (var operation in api.JsonOperations)
        {
            using var response = await api.SendAsync(operation, WholeApi.SampleBodies[operation.OperationId], contentType);
            failures.AddRange(await api.Document.CheckAsync(operation, response));
            if (response.StatusCode != HttpStatusCode.UnsupportedMediaType)
            {
                failures.Add($"{operation}: {(int)response.StatusCode} for {contentType}");
                continue;
            }
            var problem = await Problem.ReadAsync(response);
            if (problem.Code != "unsupported-charset" || !problem.Detail!.Contains($"'{charset}'", StringComparison.Ordinal))
            {
                failures.Add($"{operation}: {problem.Code} '{problem.Detail}' for {contentType}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json")]
    public async Task Utf8_QuotedOrNot_IsRead_OnEveryJsonOperation(string contentType)
    {
        var failures = new List<string>();
        foreach (var operation in api.JsonOperations)
        {
            using var response = await api.SendAsync(operation, WholeApi.SampleBodies[operation.OperationId], contentType);
            failures.AddRange(await api.Document.CheckAsync(operation, response));
            if (response.StatusCode is HttpStatusCode.UnsupportedMediaType || (int)response.StatusCode >= 500
                || (response.Content.Headers.ContentType?.MediaType == "application/problem+json" && (await Problem.ReadAsync(response)).Code is "malformed-json" or "malformed-request"))
            {
                failures.Add($"{operation}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)} for {contentType}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task DuplicateKey_Is400MalformedJson_OnEveryJsonOperation()
    {
        var failures = new List<string>();
        foreach (var operation in api.JsonOperations)
        {
            // The first property of the sample body given again, the second time with another value: the last must not win.
            var body = JsonNode.Parse(WholeApi.SampleBodies[operation.OperationId])!.AsObject();
            var (key, value) = body.First();
            var json = body.ToJsonString()[..^1] + $",\"{key}\":{(value is JsonValue v && v.TryGetValue<string>(out _) ? "\"other\"" : "0")}}}";

            using var response = await api.SendAsync(operation, json);
            failures.AddRange(await api.Document.CheckAsync(operation, response));
            var problem = response.StatusCode == HttpStatusCode.BadRequest ? await Problem.ReadAsync(response) : null;
            if (problem?.Code != RefusalCodes.MalformedJson || !problem.Detail!.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{operation}: {(int)response.StatusCode} {problem?.Code} {problem?.Detail} for {json}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task DuplicateKey_InANestedObject_IsRefusedToo()
    {
        var operation = api.Document.Operation("AssembleProfile");

        using var response = await api.SendAsync(operation,
            """{"applicant":"5ABC12D","declaredMembers":[{"fin":"3ABVK9J","relation":"Spouse","relation":"Child"}],"purpose":"targeted-social-assistance","caseNumber":"C-1"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(RefusalCodes.MalformedJson, (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task FrameworkProblems_CarryTheTitleOfTheirStatus()
    {
        var client = api.Client;
        var token = TestContext.Current.CancellationToken;
        using var noKey = await client.GetAsync("/api/v1/audit/verify", token);
        using var wrongRole = await api.Hub.CreateClient("assistance").GetAsync("/api/v1/audit/verify", token);
        using var noRoute = await client.GetAsync("/api/v1/nothing-here", token);
        using var wrongMethod = await client.DeleteAsync("/api/v1/disability/last-exam", token);
        using var notJson = await client.PostAsync("/api/v1/disability/last-exam", new StringContent("idCardNumber=AA1234567", System.Text.Encoding.UTF8, "text/plain"), token);

        var problems = new List<Problem>();
        foreach (var response in new[] { noKey, wrongRole, noRoute, wrongMethod, notJson }) problems.Add(await Problem.ReadAsync(response));

        Assert.Equal(
            [(401, "authentication-required", "Authentication required"), (403, "forbidden", "Forbidden"), (404, "no-such-endpoint", "No such endpoint"),
             (405, "method-not-allowed", "Method not allowed"), (415, "unsupported-media-type", "Unsupported media type")],
            problems.Select(p => (p.Status, p.Code, p.Title)));
    }
}
