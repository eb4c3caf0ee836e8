using System.Text;
using IntegrationHub.Adapters.Common;

namespace IntegrationHub.Hub.Tests.Api;

/// <summary>The profiles endpoint over HTTP: every test asks one shared hub and reads its answer.</summary>
public sealed class ProfilesApiTests(SharedHub shared) : IClassFixture<SharedHub>
{
    private readonly HubFactory _hub = shared.Hub;

    private Person Sample(string kind) => _hub.Country.Population.ByFin[_hub.Country.Population.Samples().Single(s => s.HouseholdKind == kind).Fin];

    [Fact]
    public async Task Post_SampleCitizen_ReturnsCompleteProfileFromEveryAgency()
    {
        var applicant = Sample("low-income-family");

        var profile = await HubFactory.ReadProfileAsync(await _hub.PostProfileAsync(applicant.Fin));

        // The configured policy keeps health records from targeted social assistance.
        var agencies = _hub.Services.GetServices<IAgencyAdapter>().Where(a => a.Agency.DataSet != "health").Select(a => a.Agency.Key).Order().ToList();
        Assert.True(profile.Complete, $"Incomplete: {string.Join(", ", profile.Sources.Where(s => s.Failed > 0))}; address utilities {profile.Address?.Utilities?.Status}");
        Assert.False(profile.Declared);
        Assert.Equal(agencies, profile.Sources.Select(s => s.Agency).ToList());
        var household = applicant.Household.Members.Where(m => !m.Deceased).Select(m => m.Fin).Order().ToList();
        Assert.Equal(household, profile.Members.Select(m => m.Fin.Value).Order().ToList());
        Assert.All(profile.Sources, s => Assert.Equal(household.Count, s.Asked));
        Assert.All(profile.Sources, s => Assert.Equal(s.Asked, s.Ok));
        Assert.Equal(RelationToApplicant.Applicant, profile.Members[0].Relation);
        Assert.Equal(applicant.GivenName, profile.Members[0].Identity!.Data!.GivenName);
        Assert.Equal("population", profile.Members[0].Identity!.Provenance!.Agency);
        Assert.Equal(household.Count, profile.Summary.HouseholdSize);
    }

    [Fact]
    public async Task Post_MalformedFin_Is400InvalidFin()
    {
        var response = await _hub.PostProfileAsync("5ABI12D");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("invalid-fin", problem.Code);
        Assert.Equal("applicant", problem.Field);
        Assert.Contains("the letters I and O are never used", problem.Detail, StringComparison.Ordinal);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_UnknownFin_Is404UnknownPerson()
    {
        var response = await _hub.PostProfileAsync("ZZZZZZ9");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown-person", (await Problem.ReadAsync(response)).Code);
    }

    [Theory]
    [InlineData("{\"applicant\": \"5ABC12D\", \"purpose\": ", "application/json", HttpStatusCode.BadRequest, "malformed-json")]
    [InlineData("{\"applicant\": 42}", "application/json", HttpStatusCode.BadRequest, "malformed-json")]
    [InlineData("applicant=5ABC12D", "text/plain", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type")]
    public async Task Post_UnreadableBody_IsAProblemWithItsCode(string body, string mediaType, HttpStatusCode status, string code)
    {
        using var content = new StringContent(body, Encoding.UTF8, mediaType);

        var response = await _hub.CreateClient("assistance").PostAsync("/api/v1/profiles", content, TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (await Problem.ReadAsync(response)).Code);
    }

    /// <summary>A purpose or case number missing or carrying what a log or a screen could be fooled by.</summary>
    public static TheoryData<string?, string, string, string> BadTextFields => new()
    {
        { null, "TEST-1", "missing-purpose", "purpose" },
        { "", "TEST-1", "missing-purpose", "purpose" },
        { "  ", "TEST-1", "missing-purpose", "purpose" },
        { "targeted-social-assistance", "", "missing-case-number", "caseNumber" },
        { "targeted-social-assistance", "VEM-1\r\nINFO forged line", "invalid-characters", "caseNumber" },
        { "targeted-social-assistance", "VEM-1\u0000", "invalid-characters", "caseNumber" },
        { "targeted-social-assistance", "VEM-1\u202Egnp.exe", "invalid-characters", "caseNumber" },
        { "targeted-social-assistance", "VEM\u2066-1", "invalid-characters", "caseNumber" },
        { "targeted-social-assistance", "VEM-1\u001B[31m", "invalid-characters", "caseNumber" },
    };

    [Theory]
    [MemberData(nameof(BadTextFields))]
    public async Task Post_BadPurposeOrCaseNumber_Is400NamingTheField(string? purpose, string caseNumber, string code, string field)
    {
        var response = await _hub.PostProfileAsync(Sample("single").Fin, purpose: purpose, caseNumber: caseNumber);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal((code, field), (problem.Code, problem.Field));
    }

    /// <summary>A declared member whose FIN or relation does not read, or who is in no registry.</summary>
    public static TheoryData<string, string, HttpStatusCode, string, string> BadDeclaredMembers => new()
    {
        { "12", "Child", HttpStatusCode.BadRequest, "invalid-fin", "declaredMembers[0].fin" },
        { "ZZZZZZ9", "Spouse", HttpStatusCode.UnprocessableEntity, "unknown-member", "declaredMembers[0].fin" },
        { "5ABC12D", "Cousin", HttpStatusCode.BadRequest, "invalid-relation", "declaredMembers[0].relation" },
        { "5ABC12D", "Spouse,Child", HttpStatusCode.BadRequest, "invalid-relation", "declaredMembers[0].relation" },
        { "5ABC12D", "Spouse, Grandchild", HttpStatusCode.BadRequest, "invalid-relation", "declaredMembers[0].relation" },
        { "5ABC12D", "3", HttpStatusCode.BadRequest, "invalid-relation", "declaredMembers[0].relation" },
        { "5ABC12D", "-1", HttpStatusCode.BadRequest, "invalid-relation", "declaredMembers[0].relation" },
        { "5ABC12D", "Applicant", HttpStatusCode.BadRequest, "invalid-relation", "declaredMembers[0].relation" },
    };

    [Theory]
    [MemberData(nameof(BadDeclaredMembers))]
    public async Task Post_BadDeclaredMember_IsAProblemNamingTheMember(string fin, string relation, HttpStatusCode status, string code, string field)
    {
        var response = await _hub.PostProfileAsync(Sample("single").Fin, [new { fin, relation }]);

        Assert.Equal(status, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal((code, field), (problem.Code, problem.Field));
        // A relation that does not read is told with the names that do.
        if (code == "invalid-relation") Assert.Contains("Spouse", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_CaseNumberInAnotherScript_IsAccepted()
    {
        var response = await _hub.PostProfileAsync(Sample("single").Fin, caseNumber: "İŞ-2026/Ə-17 №5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_DeclaredHousehold_ChecksEachMemberAgainstTheRegistries()
    {
        var applicant = Sample("low-income-family");
        var spouse = applicant.Household.Members.Single(m => m.Role == "spouse");
        var child = applicant.Household.Members.First(m => m.Role == "child");
        var stranger = Sample("single");

        var profile = await HubFactory.ReadProfileAsync(await _hub.PostProfileAsync(applicant.Fin,
        [
            new { fin = spouse.Fin, relation = "Spouse" },
            new { fin = child.Fin, relation = "Parent" },
            new { fin = stranger.Fin, relation = "Sibling" },
        ]));

        Assert.True(profile.Declared);
        var codes = profile.Members.Skip(1).Select(m => m.Findings.Select(f => f.Code).ToList()).ToList();
        Assert.Contains("relation-confirmed", codes[0]);
        Assert.Contains("address-confirmed", codes[0]);
        Assert.Contains("relation-mismatch", codes[1]);
        Assert.Contains("relation-unconfirmed", codes[2]);
        Assert.Contains("address-mismatch", codes[2]);
        // The children not declared are named as undeclared, not silently dropped.
        var undeclared = applicant.Household.Members.Where(m => m.Role == "child" && m != child).Select(m => m.Fin);
        Assert.All(undeclared, fin => Assert.Contains(profile.Excluded, e => e.Fin.Value == fin));
    }

    [Fact]
    public async Task Post_DeceasedMember_IsExcludedWithReason()
    {
        var widow = Sample("deceased-member");
        var husband = widow.Household.Members.Single(m => m.Deceased);

        var profile = await HubFactory.ReadProfileAsync(await _hub.PostProfileAsync(widow.Fin));

        Assert.DoesNotContain(profile.Members, m => m.Fin.Value == husband.Fin);
        Assert.Contains(profile.Excluded, e => e.Fin.Value == husband.Fin && e.Reason.Contains("deceased", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheProfilesEndpoint()
    {
        var document = await _hub.CreateClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Contains("/api/v1/profiles", document, StringComparison.Ordinal);
        Assert.Contains("AssembleProfile", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocument_GivesTheProfileRequestAnExample()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await _hub.CreateClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));

        var path = document.RootElement.GetProperty("paths").EnumerateObject().Single(p => p.Name.TrimEnd('/') == "/api/v1/profiles").Value;
        var example = path.GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("targeted-social-assistance", example.GetProperty("purpose").GetString());
    }
}
