using IntegrationHub.Adapters.Land;

namespace IntegrationHub.Adapters.Tests.Land;

/// <summary>The land adapter against a registry that answers exactly as docs/agencies/land.md shows.</summary>
public sealed class AgricultureRegistryDocumentContractTests
{
    private const string Fin = "ZDLDHEH";
    private static readonly AgencyDocument Document = AgencyDocument.Load(AgricultureRegistryAdapter.Key);

    [Fact]
    public async Task Fetch_DocumentedAnswers_BothCallsAtOnceAndReadAsDocumented()
    {
        var farm = new Registry();
        await using var registry = await farm.StartAsync();

        var data = await FetchAsync(registry);

        Assert.True(farm.Together.AtOnce, "the two calls were not made at once");
        // Every crop year the window (November 2025 - October 2026) touches.
        Assert.Equal(("2025", "2026"), farm.Years);
        Assert.Equal(new LandShare("TP-18883993", "Mil-Muğan", 3.42m, "arable"), Assert.Single(data.Shares));
        Assert.Equal(new Livestock(2, 1, 22), data.Livestock);
        Assert.Equal(new Subsidy(2025, "sowing", 101m), Assert.Single(data.Subsidies));
    }

    /// <summary>Each land category code the page lists, with what the hub reads it as (the mapper test maps the same rows).</summary>
    public static TheoryData<string, string> DocumentedLandCategories => new()
    {
        { "ARABLE", "arable" },
        { "PASTURE", "pasture" },
        { "HAYFIELD", "hayfield" },
        { "PERENNIAL", "perennial" },
        { "HOMESTEAD", "homestead" },
    };

    [Theory]
    [MemberData(nameof(DocumentedLandCategories))]
    public async Task Fetch_EveryDocumentedLandCategory_Read(string code, string use)
    {
        Document.AssertLists(code);
        var holding = Document.ExampleNode("\"landPlots\"");
        holding["data"]!["landPlots"]![0]!["landCategory"] = code;
        await using var registry = await new Registry { Holding = holding.ToJsonString() }.StartAsync();

        Assert.Equal(use, Assert.Single((await FetchAsync(registry)).Shares).Use);
    }

    /// <summary>Each subsidy type code the page lists, with what the hub reads it as (the mapper test maps the same rows).</summary>
    public static TheoryData<string, string> DocumentedSubsidyTypes => new()
    {
        { "SOWING", "sowing" },
        { "YIELD", "yield" },
        { "LIVESTOCK", "livestock" },
    };

    [Theory]
    [MemberData(nameof(DocumentedSubsidyTypes))]
    public async Task Fetch_EveryDocumentedSubsidyType_Read(string code, string kind)
    {
        Document.AssertLists(code);
        var subsidies = Document.ExampleNode("\"subsidyType\"");
        subsidies["data"]![0]!["subsidyType"] = code;
        await using var registry = await new Registry { Subsidies = subsidies.ToJsonString() }.StartAsync();

        Assert.Equal(kind, Assert.Single((await FetchAsync(registry)).Subsidies).Kind);
    }

    [Theory]
    [InlineData("landCategory", "FOREST")]
    [InlineData("areaHa", -1)]
    [InlineData("farmerFin", "3ABVK9J")]
    public async Task Fetch_UndocumentedValue_Malformed(string field, object value)
    {
        var holding = Document.ExampleNode("\"landPlots\"");
        var target = field == "farmerFin" ? holding["data"]!.AsObject() : holding["data"]!["landPlots"]![0]!.AsObject();
        target[field] = JsonValue.Create(value);
        await using var registry = await new Registry { Holding = holding.ToJsonString() }.StartAsync();

        Assert.Equal(DocumentContract.MalformedContent, await DocumentContract.FailureAsync(registry, AgricultureRegistryAdapter.Key, Fin));
    }

    [Theory]
    [InlineData("livestock")]
    [InlineData("landPlots")]
    public async Task Fetch_RequiredFieldLeftOut_Malformed(string field)
    {
        var holding = Document.ExampleNode("\"landPlots\"");
        holding["data"]!.AsObject().Remove(field);
        await using var registry = await new Registry { Holding = holding.ToJsonString() }.StartAsync();

        Assert.Equal(DocumentContract.MalformedBody, await DocumentContract.FailureAsync(registry, AgricultureRegistryAdapter.Key, Fin));
    }

    [Fact]
    public async Task Fetch_FarmerNotFound_Null()
    {
        Document.AssertLists("FARMER_NOT_FOUND");
        await using var registry = await new Registry().StartAsync();

        Assert.Null(await DocumentContract.FetchOrNullAsync(registry, AgricultureRegistryAdapter.Key, "3ABVK9J"));
    }

    private static Task<LandData> FetchAsync(RegistryStub registry) =>
        DocumentContract.FetchAsync<LandData>(registry, AgricultureRegistryAdapter.Key, Fin);

    /// <summary>The registry of the page (EKTİS v2): both examples for <see cref="Fin"/>, the year range checked.</summary>
    private sealed class Registry
    {
        public string Holding { get; set; } = Document.Example("\"landPlots\"");

        public string Subsidies { get; set; } = Document.Example("\"subsidyType\"");

        public Rendezvous Together { get; } = new(2);

        public (string? From, string? To) Years { get; private set; }

        public Task<RegistryStub> StartAsync() => RegistryStub.StartAsync(app =>
        {
            app.MapGet("/ektis/api/v2/farmers/{fin}/holding", (string fin) => Answer(fin, Holding));
            app.MapGet("/ektis/api/v2/farmers/{fin}/subsidies", (string fin, HttpRequest request) =>
            {
                Years = (request.Query["yearFrom"], request.Query["yearTo"]);
                return !int.TryParse(Years.From, out var from) || !int.TryParse(Years.To, out var to) || from > to
                    ? Task.FromResult(Error(400, "INVALID_YEAR_RANGE"))
                    : Answer(fin, Subsidies);
            });
            app.MapFallback(() => Error(404, "NO_SUCH_ENDPOINT"));
        });

        private async Task<IResult> Answer(string fin, string body)
        {
            if (fin != Fin) return Error(404, "FARMER_NOT_FOUND");
            await Together.ArriveAsync();
            return RegistryStub.Json(body);
        }

        private static IResult Error(int status, string code) =>
            RegistryStub.Json($$"""{ "success": false, "error": { "code": "{{code}}", "text": "…" } }""", status);
    }
}
