using System.Globalization;
using IntegrationHub.Adapters.Property;

namespace IntegrationHub.Adapters.Tests.Property;

/// <summary>The property adapter against a registry that answers exactly as docs/agencies/property.md shows.</summary>
public sealed class PropertyRegistryDocumentContractTests
{
    private const string Fin = "UETN00C";
    private static readonly AgencyDocument Document = AgencyDocument.Load(PropertyRegistryAdapter.Key);

    [Fact]
    public async Task Fetch_DocumentedAnswers_ReadAsDocumented()
    {
        var registry = new Registry(Document.Example("\"rights\""), Deals(1));
        await using var stub = await registry.StartAsync();

        var data = await DocumentContract.FetchAsync<RealEstateData>(stub, PropertyRegistryAdapter.Key, Fin);

        Assert.Equal(new RealEstateHolding("DR-6069891049", PropertyPurpose.Residential, "Bakı, Nəsimi r., Füzuli küç. 20 apt 22", 100m, 60m, new DateOnly(2010, 12, 1)), data.Holdings[0]);
        Assert.Equal(2, data.Holdings.Count);
        Assert.Equal(new PropertyTransaction(new DateOnly(2026, 3, 1), TransactionKind.Sale, "DR-8979909204", PropertyPurpose.Residential, 15338m), Assert.Single(data.Transactions));
        // The last 24 months: from the income window's first day less 12 months to the day asked.
        Assert.Equal([("2024-11-01", "2026-11-02", 1, 100)], registry.Asked);
    }

    [Fact]
    public async Task Fetch_MoreDealsThanAPage_PagesOf100UntilTheTotal()
    {
        var registry = new Registry(Document.Example("\"rights\""), Deals(230));
        await using var stub = await registry.StartAsync();

        var data = await DocumentContract.FetchAsync<RealEstateData>(stub, PropertyRegistryAdapter.Key, Fin);

        Assert.Equal(230, data.Transactions.Count);
        Assert.Equal([1, 2, 3], registry.Asked.Select(a => a.Page).Order());
        Assert.All(registry.Asked, a => Assert.Equal(100, a.PageSize));
    }

    /// <summary>Each purpose code the page lists, with what the hub reads it as (the mapper test maps the same rows).</summary>
    public static TheoryData<string, PropertyPurpose> DocumentedPurposes => new()
    {
        { "RESIDENTIAL", PropertyPurpose.Residential },
        { "COMMERCIAL", PropertyPurpose.Commercial },
        { "GARAGE", PropertyPurpose.Garage },
        { "GARDEN", PropertyPurpose.Garden },
        { "OTHER", PropertyPurpose.Other },
    };

    [Theory]
    [MemberData(nameof(DocumentedPurposes))]
    public async Task Fetch_EveryDocumentedPurpose_Read(string code, PropertyPurpose purpose)
    {
        Document.AssertLists(code);
        var rights = Document.ExampleNode("\"rights\"");
        rights["rights"]![0]!["purpose"] = code;
        await using var stub = await new Registry(rights.ToJsonString(), Deals(1, d => d["purpose"] = code)).StartAsync();

        var data = await DocumentContract.FetchAsync<RealEstateData>(stub, PropertyRegistryAdapter.Key, Fin);

        Assert.Equal(purpose, data.Holdings[0].Purpose);
        Assert.Equal(purpose, data.Transactions[0].Purpose);
    }

    [Theory]
    [InlineData("PURCHASE", TransactionKind.Purchase)]
    [InlineData("SALE", TransactionKind.Sale)]
    public async Task Fetch_EveryDocumentedDealType_Read(string code, TransactionKind kind)
    {
        Document.AssertLists(code);
        await using var stub = await new Registry(Document.Example("\"rights\""), Deals(1, d => d["deal_type"] = code)).StartAsync();

        Assert.Equal(kind, (await DocumentContract.FetchAsync<RealEstateData>(stub, PropertyRegistryAdapter.Key, Fin)).Transactions[0].Kind);
    }

    [Theory]
    [InlineData("share_percent", 0)]
    [InlineData("share_percent", 100.5)]
    [InlineData("purpose", "FARM")]
    public async Task Fetch_UndocumentedRight_Malformed(string field, object value)
    {
        var rights = Document.ExampleNode("\"rights\"");
        rights["rights"]![0]![field] = JsonValue.Create(value);
        await using var stub = await new Registry(rights.ToJsonString(), Deals(1)).StartAsync();

        Assert.Equal(DocumentContract.MalformedContent, await DocumentContract.FailureAsync(stub, PropertyRegistryAdapter.Key, Fin));
    }

    [Fact]
    public async Task Fetch_RightsOfAnotherOwner_Malformed()
    {
        var rights = Document.ExampleNode("\"rights\"");
        rights["owner_fin"] = "2PQEU4F";
        await using var stub = await new Registry(rights.ToJsonString(), Deals(1)).StartAsync();

        Assert.Equal(DocumentContract.MalformedContent, await DocumentContract.FailureAsync(stub, PropertyRegistryAdapter.Key, Fin));
    }

    [Theory]
    [InlineData("price_azn")]
    [InlineData("deal_date")]
    public async Task Fetch_RequiredFieldLeftOut_Malformed(string field)
    {
        await using var stub = await new Registry(Document.Example("\"rights\""), Deals(1, d => d.Remove(field))).StartAsync();

        Assert.Equal(DocumentContract.MalformedBody, await DocumentContract.FailureAsync(stub, PropertyRegistryAdapter.Key, Fin));
    }

    [Fact]
    public async Task Fetch_OwnerNotFound_Null()
    {
        Document.AssertLists("OWNER_NOT_FOUND");
        await using var stub = await new Registry(Document.Example("\"rights\""), Deals(1)).StartAsync();

        Assert.Null(await DocumentContract.FetchOrNullAsync(stub, PropertyRegistryAdapter.Key, "3ABVK9J"));
    }

    /// <summary><paramref name="count"/> deals shaped like the page's example (the first is the example itself).</summary>
    private static List<JsonObject> Deals(int count, Action<JsonObject>? change = null) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var deal = (JsonObject)Document.ExampleNode("\"deal_type\"")["items"]![0]!.DeepClone();
            if (i > 0) deal["registry_number"] = $"DR-{i:D10}";
            change?.Invoke(deal);
            return deal;
        }).ToList();

    /// <summary>The registry of the page: the rights of <see cref="Fin"/>, and deals in pages of at most 100 (a larger page_size is cut).</summary>
    private sealed class Registry(string rights, List<JsonObject> deals)
    {
        public ConcurrentQueue<(string? From, string? To, int Page, int PageSize)> Asked { get; } = new();

        public Task<RegistryStub> StartAsync() => RegistryStub.StartAsync(app =>
        {
            app.MapGet("/api/v1/owners/{fin}/rights", (string fin) => fin == Fin ? RegistryStub.Json(rights) : Error(404, "OWNER_NOT_FOUND"));
            app.MapGet("/api/v1/owners/{fin}/transactions", (string fin, HttpRequest request) =>
            {
                if (fin != Fin) return Error(404, "OWNER_NOT_FOUND");
                string? from = request.Query["date_from"], to = request.Query["date_to"];
                if (!Day(from, out var first) || !Day(to, out var last) || first > last) return Error(400, "INVALID_PERIOD");
                var page = int.TryParse(request.Query["page"], CultureInfo.InvariantCulture, out var p) ? Math.Max(1, p) : 1;
                var size = int.TryParse(request.Query["page_size"], CultureInfo.InvariantCulture, out var s) ? s : 20;
                Asked.Enqueue((from, to, page, size));
                size = Math.Clamp(size, 1, 100);
                var answer = new JsonObject
                {
                    ["items"] = new JsonArray([.. deals.Skip((page - 1) * size).Take(size).Select(d => d.DeepClone())]),
                    ["page"] = page,
                    ["page_size"] = size,
                    ["total"] = deals.Count,
                };
                return RegistryStub.Json(answer.ToJsonString());
            });
            app.MapFallback(() => Error(404, "NO_SUCH_ENDPOINT"));
        });

        private static IResult Error(int status, string code) =>
            RegistryStub.Json($$"""{ "error": { "code": "{{code}}", "message": "…" } }""", status);

        private static bool Day(string? text, out DateOnly day) =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }
}
