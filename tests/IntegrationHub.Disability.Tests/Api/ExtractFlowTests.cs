using IntegrationHub.Contracts.Profiles.DataSets;
using IntegrationHub.Extracts;

namespace IntegrationHub.Disability.Tests.Api;

/// <summary>The issue's "done when": a sample citizen with a referral gets an extract whose code and QR verify, then sees who verified it.</summary>
public sealed class ExtractFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Referral_Result_Extract_Verified_CitizenSeesTheOrganisation()
    {
        await using var host = new DisabilityFactory();
        var person = host.DisabledAdult();
        var number = "F88-FLOW0001";

        // 1. A clinic doctor sends form 88; the module pulls identity, health records and earlier exams through the hub.
        var referral = await host.ClinicDoctor().PostAsJsonAsync("/api/v1/disability/referrals",
            new { referralNumber = number, fin = person.Fin, clinic = "Bakı 3 saylı poliklinika", issuedOn = TestClock.Today, diagnoses = new[] { "i63.9", "G35" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, referral.StatusCode);
        var @case = await referral.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("AwaitingResult", @case.GetProperty("status").GetString());
        Assert.Equal(["I63.9", "G35"], @case.GetProperty("diagnoses").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(person.BirthDate.ToString("yyyy-MM-dd"), @case.GetProperty("birthDate").GetString());
        Assert.Equal(person.Disability.Count, @case.GetProperty("earlierExams").GetArrayLength());
        // The registry's own referral (the one behind the earlier assessment) came with the health records.
        Assert.Equal(person.Referrals.Select(r => r.Number).Order(),
            @case.GetProperty("healthRecords").GetProperty("referrals").EnumerateArray().Select(r => r.GetProperty("referralNumber").GetString()).Order());

        // 2. The commission enters the result; category and next exam / indefinite come from the history.
        var decided = await host.CommissionMember().PostAsJsonAsync($"/api/v1/disability/referrals/{number}/result",
            new { percent = 85, cause = "WorkInjury", startDate = TestClock.Today, recommendations = "Reabilitasiya kursu ildə iki dəfə." }, Ct);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var result = (await decided.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result");
        var history = person.Disability.Select(a => new PriorAssessment(a.Percent, a.From, a.Until, a.Until is null)).ToList();
        var expected = new ExamSchedule(new ExamRules()).Decide(85, DisabilityCause.WorkInjury, TestClock.Today, person.BirthDate,
            person.Sex == 'F' ? Sex.Female : Sex.Male, history);
        Assert.Equal(expected.Category.ToString(), result.GetProperty("category").GetString());
        Assert.Equal(expected.Indefinite, result.GetProperty("indefinite").GetBoolean());
        Assert.Equal(expected.NextExam?.ToString("yyyy-MM-dd"), result.TryGetProperty("nextExam", out var next) ? next.GetString() : null);

        // 3. The citizen, signed in as themselves, sees the exam and asks for an extract.
        var portal = host.CitizenClient(person.Fin);
        var register = await portal.GetFromJsonAsync<JsonElement>($"/api/v1/disability/citizens/{person.Fin}/exams", Ct);
        Assert.Equal(85, register[0].GetProperty("percent").GetInt32());
        var issued = await portal.PostAsJsonAsync($"/api/v1/disability/citizens/{person.Fin}/extracts", new { }, Ct);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var extract = await issued.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var code = extract.GetProperty("code").GetString()!;
        var pdf = await portal.GetByteArrayAsync(issued.Headers.Location, Ct);

        // 4. The PDF's text and QR code, read by ordinary tools.
        var text = await DocumentTools.PdfTextAsync(pdf);
        Assert.Contains(code, text);
        Assert.Contains(person.Fin, text);
        Assert.Contains($"{person.Surname} {person.GivenName}", text);
        Assert.Contains("85 %", text);
        var qr = Assert.Single(await DocumentTools.QrCodesAsync(pdf));
        Assert.Equal(extract.GetProperty("verificationUrl").GetString(), qr);

        // 5. An organisation follows the QR code's address (the public base URL is the host's address behind a proxy).
        Assert.StartsWith(DisabilityFactory.PublicBaseUrl + "/api/v1/disability/verify/", qr);
        var bank = host.Client("bank-of-baku");
        var verified = await bank.GetAsync(qr[DisabilityFactory.PublicBaseUrl.Length..], Ct);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var essentials = await verified.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(85, essentials.GetProperty("percent").GetInt32());
        Assert.Equal(code, essentials.GetProperty("code").GetString());
        Assert.False(essentials.TryGetProperty("fin", out _));
        // A second organisation types the code by hand, in lower case with spaces.
        var typed = await host.Client("pasha-insurance").GetAsync($"/api/v1/disability/verify/{code.ToLowerInvariant().Replace('-', ' ')}", Ct);
        Assert.Equal(HttpStatusCode.OK, typed.StatusCode);

        // 6. Each organisation sees what it verified; the citizen sees both organisations and the count.
        var mine = await bank.GetFromJsonAsync<JsonElement>("/api/v1/disability/verifications", Ct);
        Assert.Equal(code, Assert.Single(mine.EnumerateArray()).GetProperty("code").GetString());
        var who = await portal.GetFromJsonAsync<JsonElement>($"/api/v1/disability/citizens/{person.Fin}/verifications", Ct);
        Assert.Equal(["bank-of-baku", "pasha-insurance"], who.EnumerateArray().Select(v => v.GetProperty("organisation").GetString()).Order());
        var extracts = await portal.GetFromJsonAsync<JsonElement>($"/api/v1/disability/citizens/{person.Fin}/extracts", Ct);
        Assert.Equal(2, Assert.Single(extracts.EnumerateArray()).GetProperty("verifications").GetInt32());
    }

    [Fact]
    public async Task Verify_UnknownOrMalformedCode_ProblemAndNothingRecorded()
    {
        await using var host = new DisabilityFactory();
        var bank = host.Client("bank-of-baku");

        var unknown = await bank.GetAsync($"/api/v1/disability/verify/{AuthenticationCode.Format(AuthenticationCode.New())}", Ct);
        var malformed = await bank.GetAsync("/api/v1/disability/verify/ABC-0O1I", Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("unknown-code", (await Problem.ReadAsync(unknown)).Code);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("invalid-code", (await Problem.ReadAsync(malformed)).Code);
        Assert.Empty((await bank.GetFromJsonAsync<JsonElement>("/api/v1/disability/verifications", Ct)).EnumerateArray());
    }

    [Fact]
    public async Task Sections_CallersWithoutTheRole_AreRefused()
    {
        await using var host = new DisabilityFactory();
        var fin = host.DisabledAdult().Fin;

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client(null).GetAsync($"/api/v1/disability/citizens/{fin}/exams", Ct)).StatusCode);
        // A system's key is no person's credential, nor a person's token a system's.
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client("bank-of-baku").GetAsync($"/api/v1/disability/citizens/{fin}/exams", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CitizenClient(fin).GetAsync("/api/v1/disability/verifications", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.CommissionMember().GetAsync($"/api/v1/disability/citizens/{fin}/exams", Ct)).StatusCode);
        var byClinic = await host.ClinicDoctor().PostAsJsonAsync("/api/v1/disability/referrals/F88-X0001/result", new { percent = 40 }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, byClinic.StatusCode);
        Assert.Equal("forbidden", (await Problem.ReadAsync(byClinic)).Code);
    }

    [Fact]
    public async Task IssueExtract_NoDecidedExam_NoDecidedExamProblem()
    {
        await using var host = new DisabilityFactory();

        var fin = host.HealthyAdult().Fin;
        var response = await host.CitizenClient(fin).PostAsJsonAsync($"/api/v1/disability/citizens/{fin}/extracts", new { }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no-decided-exam", (await Problem.ReadAsync(response)).Code);
    }
}
