using IntegrationHub.Adapters.DisabilityRegistry;

namespace IntegrationHub.Adapters.Tests.DisabilityRegistry;

/// <summary>The disability-registry adapter against a registry that answers exactly as docs/agencies/disability-registry.md shows.</summary>
public sealed class DisabilityRegistryDocumentContractTests
{
    private const string Fin = "XNQCR40";
    private static readonly AgencyDocument Document = AgencyDocument.Load(DisabilityRegistryAdapter.Key);

    [Fact]
    public async Task Fetch_DocumentedAssessment_ReadAsDocumented()
    {
        await using var registry = await Serve(Document.Example("\"assessments\""));

        var assessment = Assert.Single((await FetchAsync(registry)).Assessments);

        Assert.Equal(new DisabilityAssessment(85, 1, DisabilityCause.WorkInjury, new DateOnly(2023, 6, 1), new DateOnly(2027, 2, 1), false, false), assessment);
    }

    /// <summary>Each cause code the page lists, with what the hub reads it as (the mapper test maps the same rows).</summary>
    public static TheoryData<string, DisabilityCause> DocumentedCauses => new()
    {
        { "GENERAL_ILLNESS", DisabilityCause.GeneralIllness },
        { "WORK_INJURY", DisabilityCause.WorkInjury },
        { "OCCUPATIONAL_DISEASE", DisabilityCause.OccupationalDisease },
        { "CHERNOBYL", DisabilityCause.Chernobyl },
        { "MILITARY_SERVICE", DisabilityCause.MilitaryService },
        { "FROM_CHILDHOOD", DisabilityCause.FromChildhood },
        { "OTHER", DisabilityCause.Other },
    };

    [Theory]
    [MemberData(nameof(DocumentedCauses))]
    public async Task Fetch_EveryDocumentedCause_Read(string code, DisabilityCause cause)
    {
        Document.AssertLists(code);
        await using var registry = await Serve(Changed(a => a["cause_code"] = code));

        Assert.Equal(cause, Assert.Single((await FetchAsync(registry)).Assessments).Cause);
    }

    [Fact]
    public async Task Fetch_IndefiniteChildAssessment_NullsAsDocumented()
    {
        Document.AssertLists("INDEFINITE", "FIXED_TERM");
        await using var registry = await Serve(Changed(a =>
        {
            a["term"] = "INDEFINITE";
            a["valid_until"] = null;
            a["former_degree"] = null;
            a["is_child"] = true;
        }));

        var assessment = Assert.Single((await FetchAsync(registry)).Assessments);

        Assert.Equal((true, null, null, true), (assessment.Indefinite, assessment.Until, assessment.FormerDegree, assessment.Under18));
    }

    [Theory]
    [InlineData("term", "PERMANENT")]
    [InlineData("cause_code", "ACCIDENT")]
    [InlineData("former_degree", 4)]
    [InlineData("impairment_percent", 105)]
    [InlineData("valid_until", null)]
    public async Task Fetch_UndocumentedValue_Malformed(string field, object? value)
    {
        // The last: a FIXED_TERM decision without valid_until.
        await using var registry = await Serve(Changed(a => a[field] = System.Text.Json.Nodes.JsonValue.Create(value)));

        Assert.Equal(DocumentContract.MalformedContent, await DocumentContract.FailureAsync(registry, DisabilityRegistryAdapter.Key, Fin));
    }

    [Theory]
    [InlineData("is_child")]
    [InlineData("former_degree")]
    [InlineData("valid_until")]
    public async Task Fetch_RequiredFieldLeftOut_Malformed(string field)
    {
        // Before, a missing is_child read as an adult and a missing degree as none.
        await using var registry = await Serve(Changed(a => a.Remove(field)));

        Assert.Equal(DocumentContract.MalformedBody, await DocumentContract.FailureAsync(registry, DisabilityRegistryAdapter.Key, Fin));
    }

    [Fact]
    public async Task Fetch_PinNotFound_Null()
    {
        Document.AssertLists("PIN_NOT_FOUND");
        await using var registry = await Serve(Document.Example("\"assessments\""));

        Assert.Null(await DocumentContract.FetchOrNullAsync(registry, DisabilityRegistryAdapter.Key, "3ABVK9J"));
    }

    private static string Changed(Action<System.Text.Json.Nodes.JsonObject> change)
    {
        var answer = Document.ExampleNode("\"assessments\"");
        change(answer["assessments"]![0]!.AsObject());
        return answer.ToJsonString();
    }

    private static Task<DisabilityData> FetchAsync(RegistryStub registry) =>
        DocumentContract.FetchAsync<DisabilityData>(registry, DisabilityRegistryAdapter.Key, Fin);

    private static Task<RegistryStub> Serve(string assessments) => RegistryStub.StartAsync(app =>
    {
        app.MapGet("/tseras/api/v1/persons/{fin}/assessments", (string fin) => fin == Fin
            ? RegistryStub.Json(assessments)
            : RegistryStub.Json("""{ "error_code": "PIN_NOT_FOUND", "error_message": "…" }""", 404));
        app.MapFallback(() => RegistryStub.Json("""{ "error_code": "NO_SUCH_ENDPOINT", "error_message": "…" }""", 404));
    });
}
