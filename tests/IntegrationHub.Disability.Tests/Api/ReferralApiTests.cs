namespace IntegrationHub.Disability.Tests.Api;

public sealed class ReferralApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Referral(string fin, string[] diagnoses, string number = "F88-REF00001", string? clinic = null) =>
        new { referralNumber = number, fin, clinic, issuedOn = TestClock.Today, diagnoses };

    [Theory]
    [InlineData("I6", "invalid-icd10", "diagnoses[1]")]
    [InlineData("163.9", "invalid-icd10", "diagnoses[1]")]
    [InlineData("I63.12345", "invalid-icd10", "diagnoses[1]")]
    public async Task Submit_MalformedIcd10_ProblemNamesTheDiagnosis(string bad, string code, string field)
    {
        await using var host = new DisabilityFactory();
        var response = await host.ClinicDoctor().PostAsJsonAsync("/api/v1/disability/referrals", Referral(host.HealthyAdult().Fin, ["G35", bad]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(code, problem.Code);
        Assert.Equal(field, problem.Field);
    }

    [Fact]
    public async Task Submit_BadFinNoDiagnosisNoClinic_EachItsCode()
    {
        await using var host = new DisabilityFactory();
        var clinic = host.ClinicDoctor();
        var fin = host.HealthyAdult().Fin;

        var badFin = await clinic.PostAsJsonAsync("/api/v1/disability/referrals", Referral("12345O7", ["G35"]), Ct);
        var none = await clinic.PostAsJsonAsync("/api/v1/disability/referrals", Referral(fin, []), Ct);
        var noClinic = await clinic.PostAsJsonAsync("/api/v1/disability/referrals", Referral(fin, ["G35"], clinic: " "), Ct);
        var badNumber = await clinic.PostAsJsonAsync("/api/v1/disability/referrals", Referral(fin, ["G35"], number: "x"), Ct);

        Assert.Equal(("invalid-fin", "fin"), await CodeAndField(badFin));
        Assert.Equal(("missing-diagnosis", "diagnoses"), await CodeAndField(none));
        Assert.Equal(("missing-clinic", "clinic"), await CodeAndField(noClinic));
        Assert.Equal(("invalid-referral-number", "referralNumber"), await CodeAndField(badNumber));
    }

    [Fact]
    public async Task Case_TheLookCannotBeRecorded_503AuditUnavailable_AndNothingShown()
    {
        await using var host = new DisabilityFactory(new Dictionary<string, string?> { ["Messaging:TransientRetries"] = "0" });
        var fin = host.HealthyAdult().Fin;
        (await host.ClinicDoctor().PostAsJsonAsync("/api/v1/disability/referrals", Referral(fin, ["G35"]), Ct)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await host.CommissionMember().GetAsync("/api/v1/disability/referrals/F88-REF00001", Ct)).StatusCode);

        // The hub's audit goes away: the commission member's look cannot be recorded, so the case is not shown.
        host.Services.GetRequiredService<IntegrationHub.Hub.Engine.Audit.IAuditStore>().Dispose();
        using var refused = await host.CommissionMember().GetAsync("/api/v1/disability/referrals/F88-REF00001", Ct);

        var body = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "audit-unavailable"), (refused.StatusCode, (await Problem.ReadAsync(refused)).Code));
        Assert.DoesNotContain(fin, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_PersonUnknownToThePopulationRegister_UnknownPersonAndNoCaseKept()
    {
        await using var host = new DisabilityFactory();
        var unknown = "ZZZZZZ9";
        Assert.False(host.Country.Population.ByFin.ContainsKey(unknown));

        var response = await host.ClinicDoctor().PostAsJsonAsync("/api/v1/disability/referrals", Referral(unknown, ["G35"]), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("unknown-person", (await Problem.ReadAsync(response)).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await host.CommissionMember().GetAsync("/api/v1/disability/referrals/F88-REF00001", Ct)).StatusCode);
    }

    [Fact]
    public async Task Submit_SameFormTwice_SameCase_ReusedNumberForAnotherPerson_Conflict()
    {
        await using var host = new DisabilityFactory();
        var clinic = host.ClinicDoctor();

        var first = await clinic.PostAsJsonAsync("/api/v1/disability/referrals", Referral(host.HealthyAdult().Fin, ["G35"]), Ct);
        var again = await clinic.PostAsJsonAsync("/api/v1/disability/referrals", Referral(host.HealthyAdult().Fin, ["G35"]), Ct);
        var other = await clinic.PostAsJsonAsync("/api/v1/disability/referrals", Referral(host.HealthyAdult(skip: 1).Fin, ["G35"]), Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("referral-number-taken", (await Problem.ReadAsync(other)).Code);
    }

    [Fact]
    public async Task Submit_PopulationRegisterDown_AcceptedAndWaiting_ResultRefusedUntilRecordsCome()
    {
        await using var host = new DisabilityFactory(new Dictionary<string, string?> { ["Disability:RecordsRetryInterval"] = "00:00:01" });
        host.Country["population"].Inject(new IntegrationHub.Mocks.Agencies.FaultPlan(IntegrationHub.Mocks.Agencies.FaultKind.Down));

        var response = await host.ClinicDoctor().PostAsJsonAsync("/api/v1/disability/referrals", Referral(host.HealthyAdult().Fin, ["G35"]), Ct);
        var result = await host.CommissionMember().PostAsJsonAsync("/api/v1/disability/referrals/F88-REF00001/result",
            new { percent = 40, cause = "GeneralIllness", startDate = TestClock.Today }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("AwaitingRecords", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, result.StatusCode);
        Assert.Equal("records-pending", (await Problem.ReadAsync(result)).Code);

        // The register comes back; the background worker asks the hub again and the case moves on.
        host.Country.HealAll();
        var commission = host.CommissionMember();
        var status = "";
        for (var waited = 0; waited < 200 && status != "AwaitingResult"; waited++)
        {
            var view = await commission.GetFromJsonAsync<JsonElement>("/api/v1/disability/referrals/F88-REF00001", Ct);
            status = view.GetProperty("status").GetString()!;
            if (status != "AwaitingResult") await Task.Delay(100, Ct);
        }
        Assert.Equal("AwaitingResult", status);
    }

    [Theory]
    [InlineData(33, "GeneralIllness", 0, "invalid-percent", "percent")]
    [InlineData(105, "GeneralIllness", 0, "invalid-percent", "percent")]
    [InlineData(40, "Witchcraft", 0, "invalid-cause", "cause")]
    // Enum.TryParse would OR these into WorkInjury, and take a number for a cause.
    [InlineData(40, "GeneralIllness,WorkInjury", 0, "invalid-cause", "cause")]
    [InlineData(40, "1", 0, "invalid-cause", "cause")]
    [InlineData(40, "GeneralIllness", -1, "invalid-start-date", "startDate")]
    [InlineData(40, "GeneralIllness", 400, "invalid-start-date", "startDate")]
    public async Task Decide_InvalidEntry_ProblemNamesTheField(int percent, string cause, int startOffsetDays, string code, string field)
    {
        await using var host = new DisabilityFactory();
        await host.ClinicDoctor().PostAsJsonAsync("/api/v1/disability/referrals", Referral(host.HealthyAdult().Fin, ["G35"]), Ct);

        var response = await host.CommissionMember().PostAsJsonAsync("/api/v1/disability/referrals/F88-REF00001/result",
            new { percent, cause, startDate = TestClock.Today.AddDays(startOffsetDays) }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((code, field), await CodeAndField(response));
    }

    [Theory]
    [InlineData("Reabilitasiya kursu.\u202E", "invalid-characters")]
    [InlineData("Reabilitasiya\u0000 kursu.", "invalid-characters")]
    [InlineData("Reabilitasiya\u2028kursu.", "invalid-characters")]
    public async Task Decide_RecommendationsWithControlOrBidiCharacters_Is400NamingThem(string recommendations, string code)
    {
        await using var host = new DisabilityFactory();
        await host.ClinicDoctor().PostAsJsonAsync("/api/v1/disability/referrals", Referral(host.HealthyAdult().Fin, ["G35"]), Ct);

        var response = await host.CommissionMember().PostAsJsonAsync("/api/v1/disability/referrals/F88-REF00001/result",
            new { percent = 40, cause = "GeneralIllness", startDate = TestClock.Today, recommendations }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((code, "recommendations"), await CodeAndField(response));
    }

    [Fact]
    public async Task Decide_RecommendationsOnSeveralLines_AreKept()
    {
        await using var host = new DisabilityFactory();

        var decided = await host.DecideAsync(host.HealthyAdult(), 40, recommendations: "1. Reabilitasiya kursu.\r\n2. Müalicəvi idman.");

        Assert.Equal("1. Reabilitasiya kursu.\r\n2. Müalicəvi idman.", decided.GetProperty("result").GetProperty("recommendations").GetString());
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("OLD")]
    [InlineData("AHEAD")]
    public async Task Submit_IssueDateOutsideAPlausibleRange_Is400InvalidIssueDate(string issuedOn)
    {
        await using var host = new DisabilityFactory();
        var date = issuedOn switch
        {
            "OLD" => TestClock.Today.AddDays(-366).ToString("yyyy-MM-dd"),
            "AHEAD" => TestClock.Today.AddDays(2).ToString("yyyy-MM-dd"),
            _ => issuedOn,
        };

        var response = await host.ClinicDoctor().PostAsJsonAsync("/api/v1/disability/referrals",
            new { referralNumber = "F88-DATE0001", fin = host.HealthyAdult().Fin, issuedOn = date, diagnoses = new[] { "G35" } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("invalid-issue-date", "issuedOn"), await CodeAndField(response));
    }

    [Theory]
    [InlineData("Bakı 3 saylı poliklinika\r\nINFO forged")]
    [InlineData("Bakı \u202Eakinilkiop")]
    [InlineData("Bakı\t3")]
    public async Task Submit_ClinicWithControlOrBidiCharacters_Is400InvalidCharacters(string clinic)
    {
        await using var host = new DisabilityFactory();

        var response = await host.ClinicDoctor().PostAsJsonAsync("/api/v1/disability/referrals", Referral(host.HealthyAdult().Fin, ["G35"], clinic: clinic), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("invalid-characters", "clinic"), await CodeAndField(response));
    }

    [Fact]
    public async Task Decide_Twice_AlreadyDecided()
    {
        await using var host = new DisabilityFactory();
        await host.DecideAsync(host.HealthyAdult(), 40, referralNumber: "F88-TWICE001");

        var again = await host.CommissionMember().PostAsJsonAsync("/api/v1/disability/referrals/F88-TWICE001/result",
            new { percent = 60, cause = "GeneralIllness", startDate = TestClock.Today }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("already-decided", (await Problem.ReadAsync(again)).Code);
    }

    [Fact]
    public async Task Decide_ChernobylCause_IndefiniteAtOnce_OtherwiseTheCategoryTerm()
    {
        await using var host = new DisabilityFactory();
        var person = host.HealthyAdult();

        var chernobyl = (await host.DecideAsync(person, 50, cause: "Chernobyl")).GetProperty("result");
        var regular = (await host.DecideAsync(host.HealthyAdult(skip: 1), 50)).GetProperty("result");

        Assert.True(chernobyl.GetProperty("indefinite").GetBoolean());
        Assert.Equal("chernobyl", chernobyl.GetProperty("indefiniteReason").GetString());
        Assert.False(regular.GetProperty("indefinite").GetBoolean());
        Assert.Equal(TestClock.Today.AddYears(1).ToString("yyyy-MM-dd"), regular.GetProperty("nextExam").GetString());
    }

    private static async Task<(string Code, string? Field)> CodeAndField(HttpResponseMessage response)
    {
        var problem = await Problem.ReadAsync(response);
        return (problem.Code, problem.Field);
    }
}
