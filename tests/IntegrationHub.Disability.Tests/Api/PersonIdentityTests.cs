using IntegrationHub.Hub.Engine.Audit;

namespace IntegrationHub.Disability.Tests.Api;

/// <summary>Citizens and officers act as themselves: a citizen reads only their own sections, a clinic only its own referrals.</summary>
public sealed class PersonIdentityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CitizenSections_AnotherPersonsFin_403NotYourData_OwnAnswered_NoToken401()
    {
        await using var host = new DisabilityFactory();
        var owner = host.DisabledAdult();
        await host.DecideAsync(owner, 65);
        var ownerClient = host.CitizenClient(owner.Fin);
        var issued = await ownerClient.PostAsJsonAsync($"/api/v1/disability/citizens/{owner.Fin}/extracts", new { }, Ct);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var code = (await issued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString();
        var stranger = host.CitizenClient(host.HealthyAdult().Fin);
        var anonymous = host.Client(null);

        foreach (var (method, path) in new[]
        {
            ("GET", $"/api/v1/disability/citizens/{owner.Fin}/exams"),
            ("GET", $"/api/v1/disability/citizens/{owner.Fin}/extracts"),
            ("POST", $"/api/v1/disability/citizens/{owner.Fin}/extracts"),
            ("GET", $"/api/v1/disability/citizens/{owner.Fin}/extracts/{code}/pdf"),
            ("GET", $"/api/v1/disability/citizens/{owner.Fin}/verifications"),
        })
        {
            HttpRequestMessage Request() => new(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { }) : null };
            var refused = await stranger.SendAsync(Request(), Ct);
            var unauthenticated = await anonymous.SendAsync(Request(), Ct);
            var own = await ownerClient.SendAsync(Request(), Ct);

            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var problem = await Problem.ReadAsync(refused);
            Assert.Equal(("not-your-data", "fin"), (problem.Code, problem.Field));
            Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
            Assert.True(own.IsSuccessStatusCode, $"{method} {path}: HTTP {(int)own.StatusCode}");
        }
    }

    [Fact]
    public async Task Referral_AnotherClinicsDoctor_NeitherReadsItNorRefersForTheOtherClinic()
    {
        await using var host = new DisabilityFactory();
        var fin = host.HealthyAdult().Fin;
        var ours = host.PersonClient(People.ClinicDoctor("dr-0001", "Bakı 3 saylı poliklinika"));
        var theirs = host.PersonClient(People.ClinicDoctor("dr-0777", "Gəncə şəhər xəstəxanası"));
        var submitted = await ours.PostAsJsonAsync("/api/v1/disability/referrals",
            new { referralNumber = "F88-CLINIC01", fin, issuedOn = TestClock.Today, diagnoses = new[] { "G35" } }, Ct);
        Assert.Contains(submitted.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Accepted });

        var read = await theirs.GetAsync("/api/v1/disability/referrals/F88-CLINIC01", Ct);
        var never = await theirs.GetAsync("/api/v1/disability/referrals/F88-NEVER001", Ct);
        var resent = await theirs.PostAsJsonAsync("/api/v1/disability/referrals",
            new { referralNumber = "F88-CLINIC01", fin, issuedOn = TestClock.Today, diagnoses = new[] { "G35" } }, Ct);
        var forOtherClinic = await theirs.PostAsJsonAsync("/api/v1/disability/referrals",
            new { referralNumber = "F88-CLINIC02", fin, clinic = "Bakı 3 saylı poliklinika", issuedOn = TestClock.Today, diagnoses = new[] { "G35" } }, Ct);

        // Another clinic's referral reads like one that does not exist.
        Assert.Equal((HttpStatusCode.NotFound, "unknown-referral"), (read.StatusCode, (await Problem.ReadAsync(read)).Code));
        Assert.Equal((HttpStatusCode.NotFound, "unknown-referral"), (never.StatusCode, (await Problem.ReadAsync(never)).Code));
        Assert.Equal((HttpStatusCode.Conflict, "referral-number-taken"), (resent.StatusCode, (await Problem.ReadAsync(resent)).Code));
        Assert.Equal((HttpStatusCode.Forbidden, "not-your-clinic"), (forOtherClinic.StatusCode, (await Problem.ReadAsync(forOtherClinic)).Code));
        Assert.Equal(HttpStatusCode.OK, (await ours.GetAsync("/api/v1/disability/referrals/F88-CLINIC01", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.CommissionMember().GetAsync("/api/v1/disability/referrals/F88-CLINIC01", Ct)).StatusCode);
    }

    [Fact]
    public async Task Referral_TheReferringDoctor_IsTheOfficerOfTheHubsAuditRecord()
    {
        await using var host = new DisabilityFactory();
        var doctor = host.PersonClient(People.ClinicDoctor("dr-0042"));

        var submitted = await doctor.PostAsJsonAsync("/api/v1/disability/referrals",
            new { referralNumber = "F88-OFFICER1", fin = host.HealthyAdult().Fin, issuedOn = TestClock.Today, diagnoses = new[] { "G35" } }, Ct);
        // 202 when the hub answered late (a loaded machine): the worker asks again, as the same doctor.
        Assert.Contains(submitted.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Accepted });

        var auditor = host.Client("auditor");
        var records = new List<AuditRecord>();
        for (var waited = 0; waited < 300 && !records.Any(r => r.Outcome == AuditRecord.Ok); waited++)
        {
            if (waited > 0) await Task.Delay(100, Ct);
            var page = await auditor.GetFromJsonAsync<AuditPage>("/api/v1/audit/records?caller=disability", DisabilityFactory.Json, Ct);
            records = page!.Items.Where(r => r.CaseNumber == "F88-OFFICER1").ToList();
        }
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal(("disability", "dr-0042"), (r.Caller, r.Officer)));
        Assert.Contains(records, r => r.Outcome == AuditRecord.Ok);
    }
}
