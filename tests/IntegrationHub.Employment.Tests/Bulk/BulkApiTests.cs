using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using static IntegrationHub.Employment.Tests.Infrastructure.EmploymentFactory;

namespace IntegrationHub.Employment.Tests.Bulk;

/// <summary>Bulk files: each line on its own, progress while worked, every line's result fetchable afterwards.</summary>
public sealed class BulkApiTests(EmploymentHost host) : IClassFixture<EmploymentHost>
{
    private const string Header = "fin,position,occupationCode,workplace,startDate,term,weeklyHours,monthlyWage,contractKind";

    [Fact]
    public async Task CsvOf10000LinesWith100Bad_Registers9900_AndReportsThe100WithLineNumbersAndCodes()
    {
        var adults = host.Adults().ToList();
        var young = adults[0];
        var start = Today.AddDays(-7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var lines = new StringBuilder(Header).Append('\n');
        var expectedRefusals = new Dictionary<int, string>();
        for (var i = 0; i < 10_000; i++)
        {
            var lineNumber = i + 2; // the header is line 1
            var fin = adults[i % adults.Count].Fin;
            if (i % 100 == 50)
            {
                // One bad line in a hundred, four kinds in turn.
                var (line, code) = ((i / 100) % 4) switch
                {
                    0 => ($"AB-12,aşpaz,5120,Bakı,{start},indefinite,40,900,secondary", EmploymentCodes.InvalidFin),
                    1 => ($"{fin},aşpaz,5120,Bakı,{start},indefinite,40,100,secondary", EmploymentCodes.WageBelowMinimum),
                    2 => ($"{young.Fin},aşpaz,5120,Bakı,{young.BirthDate.AddYears(14):yyyy-MM-dd},indefinite,20,5000,secondary", EmploymentCodes.EmployeeTooYoung),
                    _ => ($"{fin},aşpaz,5120,Bakı", EmploymentCodes.MalformedLine),
                };
                lines.Append(line).Append('\n');
                expectedRefusals[lineNumber] = code;
                continue;
            }
            lines.Append(CultureInfo.InvariantCulture, $"{fin},\"aşpaz, növbəli\",5120,\"Bakı; Yasamal\",{start},indefinite,40,{900 + i % 50},secondary\n");
        }

        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(lines.ToString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var submitted = await host.Employer().PostAsync("/api/v1/employment/bulk", content, Ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var location = submitted.Headers.Location!.OriginalString;
        var accepted = await submitted.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(10_000, accepted.GetProperty("lines").GetInt32());

        var progress = new List<int>();
        JsonElement status;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            await Task.Delay(100, Ct);
            status = await host.Employer().GetFromJsonAsync<JsonElement>(location, Ct);
            progress.Add(status.GetProperty("processed").GetInt32());
        }
        while (status.GetProperty("status").GetString() != "done" && waited.Elapsed < TimeSpan.FromMinutes(3));

        Assert.Equal("done", status.GetProperty("status").GetString());
        Assert.Equal(9_900, status.GetProperty("accepted").GetInt32());
        Assert.Equal(100, status.GetProperty("refused").GetInt32());
        Assert.Equal(100m, status.GetProperty("percentDone").GetDecimal());
        Assert.Equal(progress.Order(), progress);

        // The refused lines, later, by line number and code.
        var refused = await host.Employer().GetFromJsonAsync<JsonElement>(location + "/lines?outcome=refused&pageSize=1000", Ct);
        Assert.Equal(100, refused.GetProperty("total").GetInt32());
        Assert.Equal(expectedRefusals, refused.GetProperty("items").EnumerateArray().ToDictionary(l => l.GetProperty("line").GetInt32(), l => l.GetProperty("code").GetString()!));
        var firstPage = await host.Employer().GetFromJsonAsync<JsonElement>(location + "/lines?page=1&pageSize=3", Ct);
        Assert.Equal([2, 3, 4], firstPage.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("line").GetInt32()));
        Assert.Equal(10_000, firstPage.GetProperty("total").GetInt32());
        var firstLine = firstPage.GetProperty("items")[0];
        Assert.Equal("accepted", firstLine.GetProperty("outcome").GetString());
        Assert.Matches(@"^EM-\d{4}-\d{7}$", firstLine.GetProperty("contractNumber").GetString());

        // The file is the sample employer's alone.
        using var foreign = await host.Client(OtherEmployer).GetAsync(location, Ct);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task JsonLines_ChangeAndTerminationLines_AppliedInOrder_SameFileAgainUnderItsKeyIsTheSameFile()
    {
        var fin = host.Adults().Skip(30).First().Fin;
        var number = await host.RegisterAsync(fin, Today.AddDays(-40));
        var file = string.Join('\n',
            JsonSerializer.Serialize(new { kind = "change", contractNumber = number, effectiveDate = Today.AddDays(-2).ToString("yyyy-MM-dd"), monthlyWage = 1200 }),
            "",
            JsonSerializer.Serialize(new { kind = "termination", contractNumber = number, effectiveDate = Today.ToString("yyyy-MM-dd"), ground = "employee-initiative" }),
            "{ not json",
            JsonSerializer.Serialize(new { kind = "termination", contractNumber = number, effectiveDate = Today.ToString("yyyy-MM-dd"), ground = "agreement" })) + "\n";

        async Task<HttpResponseMessage> SendAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/employment/bulk") { Content = new StringContent(file, Encoding.UTF8, "application/x-ndjson") };
            request.Headers.Add("Idempotency-Key", "jsonl-1");
            return await host.Employer().SendAsync(request, Ct);
        }

        using var submitted = await SendAsync();
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        using var again = await SendAsync();
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var location = submitted.Headers.Location!.OriginalString;
        Assert.Equal((await submitted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("number").GetString(),
            (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("number").GetString());

        JsonElement status;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            await Task.Delay(100, Ct);
            status = await host.Employer().GetFromJsonAsync<JsonElement>(location, Ct);
        }
        while (status.GetProperty("status").GetString() != "done" && waited.Elapsed < TimeSpan.FromMinutes(1));
        var results = (await host.Employer().GetFromJsonAsync<JsonElement>(location + "/lines", Ct)).GetProperty("items").EnumerateArray()
            .Select(l => (l.GetProperty("line").GetInt32(), l.GetProperty("outcome").GetString(), l.TryGetProperty("code", out var c) ? c.GetString() : null)).ToList();
        // Line 2 is blank: skipped, and the numbers stay the editor's.
        Assert.Equal([(1, "accepted", null), (3, "accepted", null), (4, "refused", EmploymentCodes.MalformedLine), (5, "refused", EmploymentCodes.ContractTerminated)], results);
        var contract = await host.Employer().GetFromJsonAsync<JsonElement>($"/api/v1/employment/contracts/{number}", Ct);
        Assert.Equal("employee-initiative", contract.GetProperty("terminationGround").GetString());
    }

    [Fact]
    public async Task Bulk_OtherMediaType_UnsupportedMediaType_BadHeader_InvalidCsvHeader()
    {
        using var xml = await host.Employer().PostAsync("/api/v1/employment/bulk", new StringContent("<a/>", Encoding.UTF8, "application/xml"), Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, xml.StatusCode);
        // The host's own answer to a media type the operation does not take (docs/problems.md).
        Assert.Equal("unsupported-media-type", (await Problem.ReadAsync(xml)).Code);
        using var header = await host.Employer().PostAsync("/api/v1/employment/bulk", new StringContent("fin,salary\nAAAAAA1,1\n", Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, header.StatusCode);
        Assert.Equal(EmploymentCodes.InvalidCsvHeader, (await Problem.ReadAsync(header)).Code);
    }
}
