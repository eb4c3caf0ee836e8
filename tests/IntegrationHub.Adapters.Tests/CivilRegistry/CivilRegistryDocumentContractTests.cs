using IntegrationHub.Adapters.CivilRegistry;

namespace IntegrationHub.Adapters.Tests.CivilRegistry;

/// <summary>The civil-registry adapter against a registry that answers exactly as docs/agencies/civil-registry.md shows.</summary>
public sealed class CivilRegistryDocumentContractTests
{
    private const string Fin = "J3UTJ4U";
    private static readonly AgencyDocument Document = AgencyDocument.Load(CivilRegistryAdapter.Key);

    [Fact]
    public async Task Fetch_DocumentedActs_TheTiesTheDocumentNames()
    {
        await using var registry = await Serve(Document.Example("\"acts\""));

        var relations = (await FetchAsync(registry)).Relations;

        // "Spouse 7DZ2NU2 (since 2002-05-04, until 2025-01-22, relative deceased, MARRIAGE 2002/53723) and Child G5HA2JT (born 2009-04-18, BIRTH 2009/80727)".
        Assert.Equal(
        [
            new FamilyRelation(FamilyTie.Spouse, Contracts.Identifiers.Fin.Parse("7DZ2NU2"), new DateOnly(2002, 5, 4), new DateOnly(2025, 1, 22), null, true, "MARRIAGE 2002/53723"),
            new FamilyRelation(FamilyTie.Child, Contracts.Identifiers.Fin.Parse("G5HA2JT"), new DateOnly(2009, 4, 18), null, new DateOnly(2009, 4, 18), false, "BIRTH 2009/80727"),
        ], relations);
    }

    [Fact]
    public async Task Fetch_MarriageThenDivorce_FormerSpouseByTheDivorceAct()
    {
        Document.AssertLists("DIVORCE");
        var acts = Document.ExampleNode("\"acts\"");
        var divorce = (JsonObject)Act(acts, "MARRIAGE").DeepClone();
        divorce["kind"] = "DIVORCE";
        divorce["actNumber"] = "2015/1102";
        divorce["registeredOn"] = "2015-03-10";
        acts["acts"]!.AsArray().Add(divorce);
        await using var registry = await Serve(acts.ToJsonString());

        var former = (await FetchAsync(registry)).Relations.Single(r => r.Relative == Contracts.Identifiers.Fin.Parse("7DZ2NU2"));

        Assert.Equal((FamilyTie.FormerSpouse, new DateOnly(2002, 5, 4), new DateOnly(2015, 3, 10), "DIVORCE 2015/1102"), (former.Tie, former.Since, former.Until, former.ActReference));
    }

    [Theory]
    [InlineData("HUSBAND")]
    [InlineData("WIFE")]
    [InlineData("SPOUSE")]
    public async Task Fetch_EveryDocumentedMarriageRole_Spouse(string role)
    {
        Document.AssertLists(role);
        var acts = Document.ExampleNode("\"acts\"");
        Party(Act(acts, "MARRIAGE", live: true), Fin)["role"] = role;
        await using var registry = await Serve(acts.ToJsonString());

        Assert.Contains((await FetchAsync(registry)).Relations, r => r.Tie == FamilyTie.Spouse);
    }

    [Theory]
    [InlineData("BIRTH", "MOTHER", "CHILD", FamilyTie.Child)]
    [InlineData("BIRTH", "FATHER", "CHILD", FamilyTie.Child)]
    [InlineData("BIRTH", "CHILD", "MOTHER", FamilyTie.Parent)]
    [InlineData("ADOPTION", "ADOPTIVE_PARENT", "ADOPTED_CHILD", FamilyTie.AdoptedChild)]
    [InlineData("ADOPTION", "ADOPTED_CHILD", "ADOPTIVE_PARENT", FamilyTie.Parent)]
    public async Task Fetch_EveryDocumentedParentageRole_Read(string kind, string citizenRole, string otherRole, FamilyTie tie)
    {
        Document.AssertLists(kind, citizenRole, otherRole);
        var acts = Document.ExampleNode("\"acts\"");
        var act = Act(acts, "BIRTH", live: true);
        act["kind"] = kind;
        Party(act, Fin)["role"] = citizenRole;
        Party(act, "G5HA2JT")["role"] = otherRole;
        await using var registry = await Serve(acts.ToJsonString());

        Assert.Equal(tie, (await FetchAsync(registry)).Relations.Single(r => r.Relative == Contracts.Identifiers.Fin.Parse("G5HA2JT")).Tie);
    }

    [Fact]
    public async Task Fetch_DeathAct_NoTie()
    {
        Document.AssertLists("DEATH", "DECEASED");
        var acts = Document.ExampleNode("\"acts\"");
        acts["acts"]!.AsArray().Add(JsonNode.Parse("""
            { "kind": "DEATH", "actNumber": "2025/0192", "registeredOn": "2025-01-23",
              "parties": [ { "fin": "J3UTJ4U", "role": "DECEASED", "birthDate": "1982-09-25", "dateOfDeath": "2025-01-22" } ] }
            """));
        await using var registry = await Serve(acts.ToJsonString());

        Assert.Equal(2, (await FetchAsync(registry)).Relations.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Fetch_DatesNullOrLeftOut_Accepted(bool leftOut)
    {
        var acts = Document.ExampleNode("\"acts\"");
        var child = Party(Act(acts, "BIRTH", live: true), "G5HA2JT");
        if (leftOut)
        {
            child.Remove("birthDate");
            child.Remove("dateOfDeath");
        }
        else
        {
            child["birthDate"] = null;
        }
        await using var registry = await Serve(acts.ToJsonString());

        // Without a birth date, the birth act's own date stands in.
        Assert.Equal(new DateOnly(2009, 4, 18), (await FetchAsync(registry)).Relations.Single(r => r.Tie == FamilyTie.Child).RelativeBirthDate);
    }

    [Theory]
    [InlineData("kind", "ENGAGEMENT")]
    [InlineData("role", "BEST_MAN")]
    [InlineData("role", "FATHER")]
    [InlineData("citizen", "someone-else")]
    public async Task Fetch_UndocumentedValue_Malformed(string field, string value)
    {
        var acts = Document.ExampleNode("\"acts\"");
        var marriage = Act(acts, "MARRIAGE");
        switch (field)
        {
            case "kind": marriage["kind"] = value; break;
            case "role": Party(marriage, "7DZ2NU2")["role"] = value; break;
            default: Party(marriage, Fin)["fin"] = "G5HA2JT"; break;
        }
        await using var registry = await Serve(acts.ToJsonString());

        Assert.Equal(DocumentContract.MalformedContent, await DocumentContract.FailureAsync(registry, CivilRegistryAdapter.Key, Fin));
    }

    [Theory]
    [InlineData("actNumber")]
    [InlineData("registeredOn")]
    [InlineData("parties")]
    public async Task Fetch_RequiredFieldLeftOut_Malformed(string field)
    {
        var acts = Document.ExampleNode("\"acts\"");
        Act(acts, "MARRIAGE").Remove(field);
        await using var registry = await Serve(acts.ToJsonString());

        Assert.Equal(DocumentContract.MalformedBody, await DocumentContract.FailureAsync(registry, CivilRegistryAdapter.Key, Fin));
    }

    [Fact]
    public async Task Fetch_CitizenNotFound_Null()
    {
        Document.AssertLists("CITIZEN_NOT_FOUND");
        await using var registry = await Serve(Document.Example("\"acts\""));

        Assert.Null(await DocumentContract.FetchOrNullAsync(registry, CivilRegistryAdapter.Key, "3ABVK9J"));
    }

    /// <summary>The example's act of <paramref name="kind"/>; with <paramref name="live"/>, its parties all alive (a tie of a living person).</summary>
    private static JsonObject Act(JsonObject acts, string kind, bool live = false)
    {
        var act = acts["acts"]!.AsArray().Select(a => a!.AsObject()).First(a => (string)a["kind"]! == kind);
        if (live)
        {
            foreach (var party in act["parties"]!.AsArray()) party!["dateOfDeath"] = null;
        }
        return act;
    }

    private static JsonObject Party(JsonObject act, string fin) =>
        act["parties"]!.AsArray().Select(p => p!.AsObject()).Single(p => (string)p["fin"]! == fin);

    private static Task<FamilyRelationsData> FetchAsync(RegistryStub registry) =>
        DocumentContract.FetchAsync<FamilyRelationsData>(registry, CivilRegistryAdapter.Key, Fin);

    private static Task<RegistryStub> Serve(string acts) => RegistryStub.StartAsync(app =>
    {
        app.MapGet("/civil/v1/citizens/{fin}/acts", (string fin) => fin == Fin
            ? RegistryStub.Json(acts)
            : RegistryStub.Json("""{ "error": { "code": "CITIZEN_NOT_FOUND", "message": "…" } }""", 404));
        app.MapFallback(() => RegistryStub.Json("""{ "error": { "code": "NO_SUCH_ENDPOINT", "message": "…" } }""", 404));
    });
}
