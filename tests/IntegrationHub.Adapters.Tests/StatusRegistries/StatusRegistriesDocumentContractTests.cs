using IntegrationHub.Adapters.StatusRegistries;

namespace IntegrationHub.Adapters.Tests.StatusRegistries;

/// <summary>The status adapter against a service that answers exactly as docs/agencies/status-registries.md shows.</summary>
public sealed class StatusRegistriesDocumentContractTests
{
    private const string Fin = "WDT8LT0";
    private static readonly AgencyDocument Document = AgencyDocument.Load(StatusRegistriesAdapter.Key);

    [Fact]
    public async Task Fetch_DocumentedFlags_ReadAsDocumented()
    {
        await using var registry = await Serve(Document.Example("\"checkedRegistries\""));

        var flags = await FetchAsync(registry);

        Assert.Equal(new StatusFlagsData(false, false, false, false, false, false, false, new CreditSummary(2, 1616m)), flags);
    }

    /// <summary>Each flag code the page lists, with what the hub reads it as (the mapper test maps the same rows).</summary>
    public static TheoryData<string, string, string> DocumentedFlags => new()
    {
        { "DEFENCE", "ACTIVE_MILITARY_SERVICE", nameof(StatusFlagsData.Conscript) },
        { "PENITENTIARY", "SERVING_SENTENCE", nameof(StatusFlagsData.Prisoner) },
        { "INTERIOR", "WANTED", nameof(StatusFlagsData.Wanted) },
        { "MIGRATION", "RESIDING_ABROAD", nameof(StatusFlagsData.LivingAbroad) },
        { "MIGRATION", "FOREIGN_CITIZEN", nameof(StatusFlagsData.Foreigner) },
        { "SOCIAL_SERVICES", "FULL_STATE_CARE", nameof(StatusFlagsData.InFullStateCare) },
        { "IDP_COMMITTEE", "IDP", nameof(StatusFlagsData.InternallyDisplaced) },
    };

    [Theory]
    [MemberData(nameof(DocumentedFlags))]
    public async Task Fetch_EveryDocumentedFlag_SetsItsHubFlag(string registryCode, string code, string hubFlag)
    {
        Document.AssertLists(registryCode, code, hubFlag);
        await using var registry = await Serve(Changed(data => data["flags"] = new JsonArray(new JsonObject
        {
            ["registry"] = registryCode, ["code"] = code, ["count"] = null, ["amount"] = null,
        })));

        var flags = await FetchAsync(registry);

        Assert.True((bool)typeof(StatusFlagsData).GetProperty(hubFlag)!.GetValue(flags)!);
        Assert.Equal(new CreditSummary(0, 0m), flags.Credit);
    }

    [Fact]
    public async Task Fetch_CreditBureauNotConsulted_CreditUnknown()
    {
        await using var registry = await Serve(Changed(data =>
        {
            data["checkedRegistries"]!.AsArray().RemoveAt(6);
            data["flags"] = new JsonArray();
        }));

        Assert.Null((await FetchAsync(registry)).Credit);
    }

    [Theory]
    [InlineData("DEFENCE")]
    [InlineData("MIGRATION")]
    public async Task Fetch_RequiredRegistryNotConsulted_Malformed(string left)
    {
        await using var registry = await Serve(Changed(data =>
            data["checkedRegistries"] = new JsonArray([.. data["checkedRegistries"]!.AsArray().Select(r => (string)r!).Where(r => r != left).Select(r => JsonValue.Create(r))])));

        Assert.Equal(DocumentContract.MalformedContent, await DocumentContract.FailureAsync(registry, StatusRegistriesAdapter.Key, Fin));
    }

    [Theory]
    [InlineData("DEFENCE", "DESERTER")]
    [InlineData("TAX", "DEBT")]
    [InlineData("CREDIT_BUREAU", "OPEN_LOANS")]
    public async Task Fetch_UndocumentedFlag_Malformed(string registryCode, string code)
    {
        // The last: OPEN_LOANS without count and amount.
        await using var registry = await Serve(Changed(data => data["flags"] = new JsonArray(new JsonObject
        {
            ["registry"] = registryCode, ["code"] = code, ["count"] = null, ["amount"] = null,
        })));

        Assert.Equal(DocumentContract.MalformedContent, await DocumentContract.FailureAsync(registry, StatusRegistriesAdapter.Key, Fin));
    }

    [Theory]
    [InlineData("checkedRegistries")]
    [InlineData("flags")]
    public async Task Fetch_RequiredFieldLeftOut_Malformed(string field)
    {
        await using var registry = await Serve(Changed(data => data.Remove(field)));

        Assert.Equal(DocumentContract.MalformedBody, await DocumentContract.FailureAsync(registry, StatusRegistriesAdapter.Key, Fin));
    }

    [Fact]
    public async Task Fetch_FlagWithoutItsCountField_Malformed()
    {
        // count and amount are sent as null on other flags; leaving them out is not the documented shape.
        await using var registry = await Serve(Changed(data => data["flags"] = new JsonArray(new JsonObject { ["registry"] = "INTERIOR", ["code"] = "WANTED" })));

        Assert.Equal(DocumentContract.MalformedBody, await DocumentContract.FailureAsync(registry, StatusRegistriesAdapter.Key, Fin));
    }

    [Fact]
    public async Task Fetch_PersonNotFound_Null()
    {
        Document.AssertLists("PERSON_NOT_FOUND");
        await using var registry = await Serve(Document.Example("\"checkedRegistries\""));

        Assert.Null(await DocumentContract.FetchOrNullAsync(registry, StatusRegistriesAdapter.Key, "3ABVK9J"));
    }

    private static string Changed(Action<JsonObject> change)
    {
        var answer = Document.ExampleNode("\"checkedRegistries\"");
        change(answer["data"]!.AsObject());
        return answer.ToJsonString();
    }

    private static Task<StatusFlagsData> FetchAsync(RegistryStub registry) =>
        DocumentContract.FetchAsync<StatusFlagsData>(registry, StatusRegistriesAdapter.Key, Fin);

    private static Task<RegistryStub> Serve(string flags) => RegistryStub.StartAsync(app =>
    {
        app.MapGet("/status/v1/persons/{fin}/flags", (string fin) => fin == Fin
            ? RegistryStub.Json(flags)
            : RegistryStub.Json("""{ "error": { "code": "PERSON_NOT_FOUND", "message": "…" } }""", 404));
        app.MapFallback(() => RegistryStub.Json("""{ "error": { "code": "NO_SUCH_ENDPOINT", "message": "…" } }""", 404));
    });
}
