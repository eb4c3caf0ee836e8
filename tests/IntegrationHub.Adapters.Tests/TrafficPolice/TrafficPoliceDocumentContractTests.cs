using IntegrationHub.Adapters.TrafficPolice;

namespace IntegrationHub.Adapters.Tests.TrafficPolice;

/// <summary>The traffic-police adapter against a service that answers exactly as docs/agencies/traffic-police.md shows.</summary>
public sealed class TrafficPoliceDocumentContractTests
{
    private const string Fin = "XNQCR40";
    private static readonly AgencyDocument Document = AgencyDocument.Load(TrafficPoliceAdapter.Key);

    [Fact]
    public async Task Fetch_DocumentedAnswers_BothCallsAtOnceAndReadAsDocumented()
    {
        var police = new Police();
        await using var registry = await police.StartAsync();

        var data = await FetchAsync(registry);

        Assert.True(police.Together.AtOnce, "the two calls were not made at once");
        Assert.Equal(new Vehicle("17-IO-472", "Mercedes-Benz", "E 200", 1996, VehicleHolding.Owner, true, new DateOnly(2020, 7, 1)), Assert.Single(data.Vehicles));
        Assert.Equal(new DrivingLicence("B", new DateOnly(2027, 11, 1)), Assert.Single(data.Licences));
    }

    /// <summary>Each holder type code the page lists, with what the hub reads it as (the mapper test maps the same rows).</summary>
    public static TheoryData<string, VehicleHolding> DocumentedHolderTypes => new()
    {
        { "OWNER", VehicleHolding.Owner },
        { "POWER_OF_ATTORNEY", VehicleHolding.User },
        { "LEASE", VehicleHolding.User },
    };

    [Theory]
    [MemberData(nameof(DocumentedHolderTypes))]
    public async Task Fetch_EveryDocumentedHolderType_Read(string code, VehicleHolding holding)
    {
        Document.AssertLists(code);
        await using var registry = await new Police { Vehicles = Changed("HolderType", code) }.StartAsync();

        Assert.Equal(holding, Assert.Single((await FetchAsync(registry)).Vehicles).Holding);
    }

    [Theory]
    [InlineData("PURCHASE", false)]
    [InlineData("GIFT", false)]
    [InlineData("INHERITANCE", false)]
    [InlineData("STATE_REHABILITATION", true)]
    public async Task Fetch_EveryDocumentedAcquisitionBasis_Read(string code, bool grant)
    {
        Document.AssertLists(code);
        await using var registry = await new Police { Vehicles = Changed("AcquisitionBasis", code) }.StartAsync();

        Assert.Equal(grant, Assert.Single((await FetchAsync(registry)).Vehicles).StateRehabilitationGrant);
    }

    [Fact]
    public async Task Fetch_EveryDocumentedCategory_Joined()
    {
        string[] categories = ["A", "A1", "B", "B1", "BE", "C", "C1", "CE", "C1E", "D", "D1", "DE", "D1E", "M", "Tm", "Tb"];
        Document.AssertLists(categories);
        var licences = Document.ExampleNode("\"Licences\"");
        licences["Licences"]![0]!["Categories"] = new System.Text.Json.Nodes.JsonArray([.. categories.Select(c => System.Text.Json.Nodes.JsonValue.Create(c))]);
        await using var registry = await new Police { Licences = licences.ToJsonString() }.StartAsync();

        Assert.Equal(string.Join(",", categories), Assert.Single((await FetchAsync(registry)).Licences).Categories);
    }

    [Theory]
    [InlineData("HolderType", "RENTAL")]
    [InlineData("AcquisitionBasis", "LOTTERY")]
    public async Task Fetch_UndocumentedValue_Malformed(string field, string value)
    {
        await using var registry = await new Police { Vehicles = Changed(field, value) }.StartAsync();

        Assert.Equal(DocumentContract.MalformedContent, await DocumentContract.FailureAsync(registry, TrafficPoliceAdapter.Key, Fin));
    }

    [Theory]
    [InlineData("ManufactureYear")]
    [InlineData("RegisteredOn")]
    public async Task Fetch_RequiredFieldLeftOut_Malformed(string field)
    {
        var vehicles = Document.ExampleNode("\"Vehicles\"");
        vehicles["Vehicles"]![0]!.AsObject().Remove(field);
        await using var registry = await new Police { Vehicles = vehicles.ToJsonString() }.StartAsync();

        Assert.Equal(DocumentContract.MalformedBody, await DocumentContract.FailureAsync(registry, TrafficPoliceAdapter.Key, Fin));
    }

    [Fact]
    public async Task Fetch_PersonNotFound_Null()
    {
        Document.AssertLists("PERSON_NOT_FOUND");
        await using var registry = await new Police().StartAsync();

        Assert.Null(await DocumentContract.FetchOrNullAsync(registry, TrafficPoliceAdapter.Key, "3ABVK9J"));
    }

    private static string Changed(string field, string value)
    {
        var vehicles = Document.ExampleNode("\"Vehicles\"");
        vehicles["Vehicles"]![0]![field] = value;
        return vehicles.ToJsonString();
    }

    private static Task<VehiclesData> FetchAsync(RegistryStub registry) =>
        DocumentContract.FetchAsync<VehiclesData>(registry, TrafficPoliceAdapter.Key, Fin);

    /// <summary>The State Road Police of the page: both examples for <see cref="Fin"/>.</summary>
    private sealed class Police
    {
        public string Vehicles { get; set; } = Document.Example("\"Vehicles\"");

        public string Licences { get; set; } = Document.Example("\"Licences\"");

        public Rendezvous Together { get; } = new(2);

        public Task<RegistryStub> StartAsync() => RegistryStub.StartAsync(app =>
        {
            app.MapGet("/dyp/api/v1/persons/{fin}/vehicles", (string fin) => Answer(fin, Vehicles));
            app.MapGet("/dyp/api/v1/persons/{fin}/driving-licences", (string fin) => Answer(fin, Licences));
            app.MapFallback(() => Error(404, "NO_SUCH_ENDPOINT"));
        });

        private async Task<IResult> Answer(string fin, string body)
        {
            if (fin != Fin) return Error(404, "PERSON_NOT_FOUND");
            await Together.ArriveAsync();
            return RegistryStub.Json(body);
        }

        private static IResult Error(int status, string code) =>
            RegistryStub.Json($$"""{ "ErrorCode": "{{code}}", "ErrorText": "…" }""", status);
    }
}
