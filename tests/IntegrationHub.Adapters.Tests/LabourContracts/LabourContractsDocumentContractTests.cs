using System.Globalization;
using IntegrationHub.Adapters.LabourContracts;

namespace IntegrationHub.Adapters.Tests.LabourContracts;

/// <summary>The labour-contract adapter against a registry that answers exactly as docs/agencies/labour-contracts.md shows.</summary>
public sealed class LabourContractsDocumentContractTests
{
    private const string Fin = "XBGN7TP";
    private static readonly AgencyDocument Document = AgencyDocument.Load(LabourContractsAdapter.Key);

    [Fact]
    public async Task Fetch_DocumentedContract_ReadAsDocumented()
    {
        await using var registry = await new Registry(Contracts(1)).StartAsync();

        var contract = Assert.Single((await DocumentContract.FetchAsync<EmploymentData>(registry, LabourContractsAdapter.Key, Fin)).Contracts);

        Assert.Equal(new EmploymentContract("EM-994146856", Voen.Parse("1700038881"), "Bakı Metropoliteni QSC", "xadimə", 2864m, new DateOnly(2018, 7, 1), null, true), contract);
    }

    [Fact]
    public async Task Fetch_MoreContractsThanAPage_AsksWithinTheCapAndFollowsToTheTotal()
    {
        var registry = new Registry(Contracts(45));
        await using var stub = await registry.StartAsync();

        var data = await DocumentContract.FetchAsync<EmploymentData>(stub, LabourContractsAdapter.Key, Fin);

        Assert.Equal(45, data.Contracts.Select(c => c.ContractNumber).Distinct().Count());
        Assert.Equal([(1, 20), (2, 20), (3, 20)], registry.Asked.Order());
    }

    [Theory]
    [InlineData("ACTIVE", true)]
    [InlineData("SUSPENDED", true)]
    [InlineData("TERMINATED", false)]
    public async Task Fetch_EveryDocumentedStatus_Read(string code, bool active)
    {
        Document.AssertLists(code);
        await using var registry = await new Registry(Contracts(1, c => c["status"] = code)).StartAsync();

        Assert.Equal(active, Assert.Single((await DocumentContract.FetchAsync<EmploymentData>(registry, LabourContractsAdapter.Key, Fin)).Contracts).Active);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Fetch_EndDateNullOrLeftOut_ReadAsRunning(bool leftOut)
    {
        await using var registry = await new Registry(Contracts(1, c => { if (leftOut) c.Remove("endDate"); })).StartAsync();

        Assert.Null(Assert.Single((await DocumentContract.FetchAsync<EmploymentData>(registry, LabourContractsAdapter.Key, Fin)).Contracts).EndDate);
    }

    [Theory]
    [InlineData("status", "ON_LEAVE")]
    [InlineData("employer.voen", "17000388")]
    public async Task Fetch_UndocumentedValue_Malformed(string field, string value)
    {
        await using var registry = await new Registry(Contracts(1, c =>
        {
            if (field == "employer.voen") c["employer"]!["voen"] = value;
            else c[field] = value;
        })).StartAsync();

        Assert.Equal(DocumentContract.MalformedContent, await DocumentContract.FailureAsync(registry, LabourContractsAdapter.Key, Fin));
    }

    [Theory]
    [InlineData("monthlyWage")]
    [InlineData("startDate")]
    [InlineData("status")]
    public async Task Fetch_RequiredFieldLeftOut_Malformed(string field)
    {
        await using var registry = await new Registry(Contracts(1, c => c.Remove(field))).StartAsync();

        Assert.Equal(DocumentContract.MalformedBody, await DocumentContract.FailureAsync(registry, LabourContractsAdapter.Key, Fin));
    }

    [Fact]
    public async Task Fetch_EmployeeNotFound_Null()
    {
        Document.AssertLists("EMPLOYEE_NOT_FOUND");
        await using var registry = await new Registry(Contracts(1)).StartAsync();

        Assert.Null(await DocumentContract.FetchOrNullAsync(registry, LabourContractsAdapter.Key, "3ABVK9J"));
    }

    /// <summary><paramref name="count"/> contracts shaped like the page's example (the first is the example itself), each changed by <paramref name="change"/>.</summary>
    private static List<JsonObject> Contracts(int count, Action<JsonObject>? change = null) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var contract = (JsonObject)Document.ExampleNode("\"contractNumber\"")["items"]![0]!.DeepClone();
            if (i > 0) contract["contractNumber"] = $"EM-{i:D9}";
            change?.Invoke(contract);
            return contract;
        }).ToList();

    /// <summary>The registry of the page: pages of at most 50 (a larger pageSize is cut, the answer says what was applied).</summary>
    private sealed class Registry(List<JsonObject> contracts)
    {
        public ConcurrentQueue<(int Page, int PageSize)> Asked { get; } = new();

        public Task<RegistryStub> StartAsync() => RegistryStub.StartAsync(app =>
        {
            app.MapGet("/mlspp/v1/employees/{fin}/labour-contracts", (string fin, HttpRequest request) =>
            {
                if (fin != Fin) return Problem(404, "EMPLOYEE_NOT_FOUND");
                if (!Number(request.Query["page"], 1, out var page) || !Number(request.Query["pageSize"], 20, out var size) || page < 1 || size < 1)
                {
                    return Problem(400, "INVALID_PAGING");
                }
                Asked.Enqueue((page, size));
                size = Math.Min(size, 50);
                var answer = new JsonObject
                {
                    ["items"] = new JsonArray([.. contracts.Skip((page - 1) * size).Take(size).Select(c => c.DeepClone())]),
                    ["page"] = page,
                    ["pageSize"] = size,
                    ["total"] = contracts.Count,
                };
                return RegistryStub.Json(answer.ToJsonString());
            });
            app.MapFallback(() => Problem(404, "NO_SUCH_ENDPOINT"));
        });

        private static IResult Problem(int status, string code) =>
            RegistryStub.Json($$"""{ "type": "about:blank", "title": "…", "status": {{status}}, "code": "{{code}}", "detail": "…" }""", status);

        private static bool Number(string? text, int fallback, out int value)
        {
            value = fallback;
            return text is null || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
    }
}
