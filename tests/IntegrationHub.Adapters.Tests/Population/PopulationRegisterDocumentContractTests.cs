using IntegrationHub.Adapters.Population;
using IntegrationHub.Contracts.Profiles;

namespace IntegrationHub.Adapters.Tests.Population;

/// <summary>The population adapter against a register that answers exactly as docs/agencies/population.md shows.</summary>
public sealed class PopulationRegisterDocumentContractTests
{
    private static readonly AgencyDocument Document = AgencyDocument.Load(PopulationRegisterAdapter.Key);

    [Fact]
    public async Task Fetch_DocumentedPerson_ReadAsDocumented()
    {
        await using var registry = await Serve(Document.Example("\"isDead\""));

        var identity = await FetchAsync(registry);

        Assert.Equal(Fin.Parse("WDT8LT0"), identity.Fin);
        Assert.Equal(("Tural", "Kərimov", "Əli oğlu"), (identity.GivenName, identity.Surname, identity.Patronymic));
        Assert.Equal((new DateOnly(1993, 2, 8), Sex.Male, "AZE"), (identity.BirthDate, identity.Sex, identity.Citizenship));
        Assert.Equal(new IdDocument("ID_CARD", "AA1412291", new DateOnly(2019, 10, 29), new DateOnly(2029, 10, 29)), identity.Document);
        Assert.Equal(new RegisteredAddress("AD68006452", "Mil-Muğan", "İmişli, Bəhrəmtəpə kəndi", "Kənd yolu", "62", null), identity.Address);
        Assert.False(identity.Deceased);
        Assert.Null(identity.DateOfDeath);
    }

    [Theory]
    [InlineData("M", Sex.Male)]
    [InlineData("F", Sex.Female)]
    public async Task Fetch_EveryDocumentedGender_Read(string code, Sex sex)
    {
        Document.AssertLists(code);
        var person = Document.ExampleNode("\"isDead\"");
        person["gender"] = code;
        await using var registry = await Serve(person.ToJsonString());

        Assert.Equal(sex, (await FetchAsync(registry)).Sex);
    }

    [Fact]
    public async Task Fetch_DocumentedNulls_ReadAsAbsent()
    {
        var person = Document.ExampleNode("\"isDead\"");
        person["patronymic"] = null;
        person["document"] = null;
        person["registration"] = null;
        await using var registry = await Serve(person.ToJsonString());

        var identity = await FetchAsync(registry);

        Assert.Null(identity.Patronymic);
        Assert.Null(identity.Document);
        Assert.Null(identity.Address);
    }

    [Theory]
    [InlineData("2025-01-22")]
    [InlineData(null)]
    public async Task Fetch_DeceasedWithOrWithoutADate_ReadAsDeceased(string? deathDate)
    {
        var person = Document.ExampleNode("\"isDead\"");
        person["isDead"] = true;
        person["deathDate"] = deathDate;
        await using var registry = await Serve(person.ToJsonString());

        var identity = await FetchAsync(registry);

        Assert.True(identity.Deceased);
        Assert.Equal(deathDate is null ? null : DateOnly.Parse(deathDate, System.Globalization.CultureInfo.InvariantCulture), identity.DateOfDeath);
    }

    [Theory]
    [InlineData("isDead")]
    [InlineData("gender")]
    [InlineData("birthDate")]
    [InlineData("document")]
    [InlineData("registration")]
    [InlineData("patronymic")]
    public async Task Fetch_RequiredFieldLeftOut_Malformed(string field)
    {
        // A missing isDead must never read as "alive"; fields that may be null must still be sent.
        var person = Document.ExampleNode("\"isDead\"");
        person.Remove(field);
        await using var registry = await Serve(person.ToJsonString());

        Assert.Equal(DocumentContract.MalformedBody, await FailureAsync(registry));
    }

    [Theory]
    [InlineData("gender", "X")]
    [InlineData("pin", "not-a-fin")]
    [InlineData("isDead", "false")]
    public async Task Fetch_UndocumentedValue_Malformed(string field, string value)
    {
        var person = Document.ExampleNode("\"isDead\"");
        person[field] = value;
        await using var registry = await Serve(person.ToJsonString());

        Assert.Equal(SourceStatus.Failed, (await FailureAsync(registry)).Status);
    }

    [Fact]
    public async Task Fetch_PersonNotFound_Null()
    {
        Document.AssertLists("PERSON_NOT_FOUND");
        await using var registry = await Serve(Document.Example("\"isDead\""));

        Assert.Null(await DocumentContract.FetchOrNullAsync(registry, PopulationRegisterAdapter.Key, "3ABVK9J"));
    }

    [Fact]
    public async Task CoResidents_DocumentedAnswer_ReadAsDocumented()
    {
        var answer = Document.ExampleNode("\"residents\"");
        // A co-resident whose PIN is not a FIN is skipped, as the page says.
        answer["residents"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["pin"] = "12", ["registeredSince"] = "2011-02-08" });
        await using var registry = await Serve(Document.Example("\"isDead\""), answer.ToJsonString());
        using var services = DocumentContract.Host(registry, PopulationRegisterAdapter.Key);

        var residents = await services.Adapter<IPopulationRegister>(PopulationRegisterAdapter.Key).GetCoResidentsAsync(Fin.Parse("WDT8LT0"), TestContext.Current.CancellationToken);

        Assert.Equal("AD68006452", residents!.AddressId);
        Assert.Equal([Fin.Parse("3ABVK9J")], residents.Residents);
    }

    /// <summary>The register of the page: WDT8LT0's record (and co-residents); any other PIN is PERSON_NOT_FOUND.</summary>
    private static Task<RegistryStub> Serve(string person, string? coResidents = null) => RegistryStub.StartAsync(app =>
    {
        var notFound = RegistryStub.Json("""{ "errorCode": "PERSON_NOT_FOUND", "message": "No person with this PIN." }""", 404);
        app.MapGet("/api/v2/persons/{pin}", (string pin) => pin == "WDT8LT0" ? RegistryStub.Json(person) : notFound);
        app.MapGet("/api/v2/persons/{pin}/co-residents", (string pin) =>
            pin == "WDT8LT0" && coResidents is not null ? RegistryStub.Json(coResidents) : notFound);
        app.MapFallback(() => RegistryStub.Json("""{ "errorCode": "NO_SUCH_ENDPOINT", "message": "No such endpoint." }""", 404));
    });

    private static Task<IdentityData> FetchAsync(RegistryStub registry) =>
        DocumentContract.FetchAsync<IdentityData>(registry, PopulationRegisterAdapter.Key, "WDT8LT0");

    private static Task<(SourceStatus Status, string Detail)> FailureAsync(RegistryStub registry) =>
        DocumentContract.FailureAsync(registry, PopulationRegisterAdapter.Key, "WDT8LT0");
}
