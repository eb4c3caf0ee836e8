using IntegrationHub.Adapters.SocialFund;

namespace IntegrationHub.Adapters.Tests.SocialFund;

/// <summary>The social-fund adapter against a fund that answers exactly as docs/agencies/social-fund.md shows.</summary>
public sealed class SocialFundDocumentContractTests
{
    private const string Fin = "03302KD";
    private static readonly AgencyDocument Document = AgencyDocument.Load(SocialFundAdapter.Key);

    [Fact]
    public async Task Fetch_DocumentedAnswer_ReadAsDocumented()
    {
        var fund = new Fund(Document.Example("\"Pensions\""));
        await using var registry = await fund.StartAsync();

        var data = await FetchAsync(registry);

        // The income window's days, as the page says.
        Assert.Equal(("2025-11-01", "2026-10-31"), fund.Window);
        Assert.Equal(new Entitlement("old-age pension", 375m, new DateOnly(2021, 3, 1), null), Assert.Single(data.Pensions));
        Assert.Empty(data.Allowances);
        Assert.Empty(data.PastAssistance);
        Assert.Equal([new DateOnly(2026, 8, 1), new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1)], data.Payments.Select(p => p.Month));
        Assert.All(data.Payments, p => Assert.Equal(("old-age pension", 375m), (p.Kind, p.Amount)));
    }

    [Theory]
    [InlineData("OLD_AGE_PENSION", "old-age pension")]
    [InlineData("DISABILITY_PENSION", "disability pension")]
    [InlineData("SURVIVORS_PENSION", "survivor's pension")]
    [InlineData("DISABILITY_ALLOWANCE", "disability allowance")]
    [InlineData("CHILD_ALLOWANCE", "child allowance")]
    [InlineData("LARGE_FAMILY_ALLOWANCE", "large-family allowance")]
    [InlineData("IDP_FOOD_ALLOWANCE", "IDP food allowance")]
    public async Task Fetch_EveryDocumentedTypeCode_Read(string code, string kind)
    {
        Document.AssertLists(code);
        var answer = Document.ExampleNode("\"Pensions\"");
        answer["Pensions"]![0]!["TypeCode"] = code;
        foreach (var payment in answer["Payments"]!.AsArray()) payment!["TypeCode"] = code;
        await using var registry = await new Fund(answer.ToJsonString()).StartAsync();

        var data = await FetchAsync(registry);

        Assert.Equal(kind, Assert.Single(data.Pensions).Kind);
        Assert.All(data.Payments, p => Assert.Equal(kind, p.Kind));
    }

    [Fact]
    public async Task Fetch_DocumentedTargetedAssistance_Read()
    {
        var answer = Document.ExampleNode("\"Pensions\"");
        var award = Document.Text[Document.Text.IndexOf("{ \"AwardedFrom\"", StringComparison.Ordinal)..];
        answer["TargetedAssistance"] = new JsonArray(JsonNode.Parse(award[..(award.IndexOf('}', StringComparison.Ordinal) + 1)]));
        await using var registry = await new Fund(answer.ToJsonString()).StartAsync();

        Assert.Equal(new AssistanceAward(new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31), 180m), Assert.Single((await FetchAsync(registry)).PastAssistance));
    }

    [Fact]
    public async Task Fetch_AssignedToLeftOut_ReadAsRunning()
    {
        var answer = Document.ExampleNode("\"Pensions\"");
        answer["Pensions"]![0]!.AsObject().Remove("AssignedTo");
        await using var registry = await new Fund(answer.ToJsonString()).StartAsync();

        Assert.Null(Assert.Single((await FetchAsync(registry)).Pensions).Until);
    }

    [Theory]
    [InlineData("TypeCode", "BIRTH_GRANT")]
    [InlineData("Month", 13)]
    public async Task Fetch_UndocumentedValue_Malformed(string field, object value)
    {
        var answer = Document.ExampleNode("\"Pensions\"");
        answer["Payments"]![0]![field] = JsonValue.Create(value);
        await using var registry = await new Fund(answer.ToJsonString()).StartAsync();

        Assert.Equal(DocumentContract.MalformedContent, await DocumentContract.FailureAsync(registry, SocialFundAdapter.Key, Fin));
    }

    [Theory]
    [InlineData("Allowances")]
    [InlineData("TargetedAssistance")]
    public async Task Fetch_RequiredListLeftOut_Malformed(string field)
    {
        var answer = Document.ExampleNode("\"Pensions\"");
        answer.Remove(field);
        await using var registry = await new Fund(answer.ToJsonString()).StartAsync();

        Assert.Equal(DocumentContract.MalformedBody, await DocumentContract.FailureAsync(registry, SocialFundAdapter.Key, Fin));
    }

    [Fact]
    public async Task Fetch_CamelCaseNames_Malformed()
    {
        // The fund's names are PascalCase and read case-sensitively, as the page says.
        await using var registry = await new Fund(Document.Example("\"Pensions\"").Replace("\"Pensions\"", "\"pensions\"", StringComparison.Ordinal)).StartAsync();

        Assert.Equal(DocumentContract.MalformedBody, await DocumentContract.FailureAsync(registry, SocialFundAdapter.Key, Fin));
    }

    [Fact]
    public async Task Fetch_PinNotFound_Null()
    {
        Document.AssertLists("PIN_NOT_FOUND");
        await using var registry = await new Fund(Document.Example("\"Pensions\"")).StartAsync();

        Assert.Null(await DocumentContract.FetchOrNullAsync(registry, SocialFundAdapter.Key, "3ABVK9J"));
    }

    private static Task<PensionsBenefitsData> FetchAsync(RegistryStub registry) =>
        DocumentContract.FetchAsync<PensionsBenefitsData>(registry, SocialFundAdapter.Key, Fin);

    /// <summary>The fund of the page: the answer for <see cref="Fin"/>, the window checked.</summary>
    private sealed class Fund(string answer)
    {
        public (string? From, string? To) Window { get; private set; }

        public Task<RegistryStub> StartAsync() => RegistryStub.StartAsync(app =>
        {
            app.MapGet("/dsmf/api/v1/Beneficiaries/{pin}/Entitlements", (string pin, HttpRequest request) =>
            {
                if (pin != Fin) return Error(404, "PIN_NOT_FOUND");
                Window = (request.Query["DateFrom"], request.Query["DateTo"]);
                return !DateOnly.TryParseExact(Window.From, "yyyy-MM-dd", out var from) || !DateOnly.TryParseExact(Window.To, "yyyy-MM-dd", out var to) || from > to
                    ? Error(400, "INVALID_PERIOD")
                    : RegistryStub.Json(answer);
            });
            app.MapFallback(() => Error(404, "NO_SUCH_ENDPOINT"));
        });

        private static IResult Error(int status, string code) =>
            RegistryStub.Json($$"""{ "ErrorCode": "{{code}}", "ErrorText": "…" }""", status);
    }
}
