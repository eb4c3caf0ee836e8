namespace IntegrationHub.Disability.Tests.Api;

/// <summary>
/// Issue 19's disability appeal: the citizen appeals an exam result within the period, the central commission decides
/// within its working-day deadline, a changed result supersedes the extract (the old code verifies as superseded by the
/// new one) and an unchanged one is recorded as confirmed. The host runs on a fake clock the tests move.
/// </summary>
public sealed class AppealTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Tuesday 13 October 2026, 08:00 UTC: ten working days later is Tuesday 27 October (no holiday between).</summary>
    private static FakeTimeProvider Clock() => TestClock.Fake();

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"HTTP {(int)response.StatusCode}, expected {(int)expected}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<string> Code(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return (await Problem.ReadAsync(response)).Code;
    }

    [Fact]
    public async Task ResultAppealedAndChanged_OldExtractVerifiesAsSuperseded_NewExtractReadsBack()
    {
        await using var host = new DisabilityFactory(time: Clock());
        var person = host.DisabledAdult();
        var first = (await host.DecideAsync(person, 45)).GetProperty("referralNumber").GetString()!;
        var portal = host.CitizenClient(person.Fin);
        var oldCode = (await Json(await portal.PostAsJsonAsync($"/api/v1/disability/citizens/{person.Fin}/extracts", new { }, Ct), HttpStatusCode.Created))
            .GetProperty("code").GetString()!;

        // The citizen appeals; it is due ten working days on.
        var appeal = await Json(await portal.PostAsJsonAsync($"/api/v1/disability/citizens/{person.Fin}/appeals",
            new { referralNumber = first, reason = "Müayinədə son MRT nəticəsi nəzərə alınmayıb." }, Ct), HttpStatusCode.Created);
        Assert.Equal(("Pending", "on-time", "2026-10-27"), (appeal.GetProperty("status").GetString(), appeal.GetProperty("deadline").GetString(), appeal.GetProperty("dueOn").GetString()));
        Assert.Equal("appeal-exists", await Code(await portal.PostAsJsonAsync($"/api/v1/disability/citizens/{person.Fin}/appeals",
            new { referralNumber = first, reason = "Bir daha." }, Ct), HttpStatusCode.Conflict));

        // The central commission sees it with the appellant's case; a regional commission member may not decide it.
        var central = host.PersonClient(People.CentralCommission());
        var pending = await Json(await central.GetAsync("/api/v1/disability/appeals", Ct), HttpStatusCode.OK);
        Assert.Equal(first, Assert.Single(pending.EnumerateArray()).GetProperty("referralNumber").GetString());
        var withCase = await Json(await central.GetAsync($"/api/v1/disability/appeals/{first}", Ct), HttpStatusCode.OK);
        Assert.Equal(45, withCase.GetProperty("case").GetProperty("result").GetProperty("percent").GetInt32());
        // The central commission's look is in the citizen's "who looked" view, by role, before the case was shown.
        var accesses = await Json(await portal.GetAsync($"/api/v1/audit/citizens/{person.Fin}/accesses", Ct), HttpStatusCode.OK);
        var look = Assert.Single(accesses.GetProperty("accesses").EnumerateArray(), a => a.GetProperty("as").GetString() == "officer-look");
        Assert.Equal(("central-commission", "appeal-case", "disability", first),
            (look.GetProperty("officerRole").GetString(), look.GetProperty("seen").GetString(), look.GetProperty("subsystem").GetString(), look.GetProperty("caseNumber").GetString()));
        var decision = new { outcome = "changed", justification = "MRT: sol tərəfli hemiparez.", percent = 65, cause = "GeneralIllness", startDate = host.Today };
        Assert.Equal("not-central-commission", await Code(await host.CommissionMember().PostAsJsonAsync($"/api/v1/disability/appeals/{first}/decision", decision, Ct), HttpStatusCode.Forbidden));
        Assert.Equal("forbidden", await Code(await portal.PostAsJsonAsync($"/api/v1/disability/appeals/{first}/decision", decision, Ct), HttpStatusCode.Forbidden));

        // Changed: a new result linked to the first, and an extract of it that supersedes the citizen's old one.
        var decided = await Json(await central.PostAsJsonAsync($"/api/v1/disability/appeals/{first}/decision", decision, Ct), HttpStatusCode.OK);
        Assert.Equal(("Changed", "decided", first + "-AP"),
            (decided.GetProperty("status").GetString(), decided.GetProperty("deadline").GetString(), decided.GetProperty("newReferralNumber").GetString()));
        var newCode = decided.GetProperty("newExtractCode").GetString()!;
        Assert.NotEqual(oldCode, newCode);
        Assert.Equal("appeal-decided", await Code(await central.PostAsJsonAsync($"/api/v1/disability/appeals/{first}/decision", decision, Ct), HttpStatusCode.Conflict));
        Assert.Empty((await Json(await central.GetAsync("/api/v1/disability/appeals", Ct), HttpStatusCode.OK)).EnumerateArray());

        // The old code verifies as superseded by the new one; the new one as valid with the new percentage.
        var bank = host.Client("bank-of-baku");
        var old = await Json(await bank.GetAsync($"/api/v1/disability/verify/{oldCode}", Ct), HttpStatusCode.OK);
        Assert.Equal(("superseded", newCode, 45), (old.GetProperty("status").GetString(), old.GetProperty("supersededBy").GetString(), old.GetProperty("percent").GetInt32()));
        var now = await Json(await bank.GetAsync($"/api/v1/disability/verify/{newCode}", Ct), HttpStatusCode.OK);
        Assert.Equal(("valid", 65), (now.GetProperty("status").GetString(), now.GetProperty("percent").GetInt32()));
        var logged = await Json(await portal.GetAsync($"/api/v1/disability/citizens/{person.Fin}/verifications", Ct), HttpStatusCode.OK);
        Assert.Equal([(oldCode, "superseded"), (newCode, "valid")],
            logged.EnumerateArray().Select(v => (v.GetProperty("code").GetString(), v.GetProperty("status").GetString())).OrderBy(v => v.Item2));

        // pdftotext reads the new extract, and the old one says it was superseded and by what.
        var newText = await DocumentTools.PdfTextAsync(await portal.GetByteArrayAsync($"/api/v1/disability/citizens/{person.Fin}/extracts/{newCode}/pdf", Ct));
        Assert.Contains(newCode, newText);
        Assert.Contains("65 %", newText);
        Assert.Contains("Decided on appeal", newText);
        Assert.Contains(first, newText);
        Assert.DoesNotContain("SUPERSEDED", newText);
        var oldText = await DocumentTools.PdfTextAsync(await portal.GetByteArrayAsync($"/api/v1/disability/citizens/{person.Fin}/extracts/{oldCode}/pdf", Ct));
        Assert.Contains("SUPERSEDED", oldText);
        Assert.Contains(newCode, oldText);

        // The citizen's views: both extracts with their status, the register with the link, no extract of the replaced result.
        var extracts = await Json(await portal.GetAsync($"/api/v1/disability/citizens/{person.Fin}/extracts", Ct), HttpStatusCode.OK);
        Assert.Equal([(oldCode, "superseded"), (newCode, "valid")],
            extracts.EnumerateArray().Select(e => (e.GetProperty("code").GetString(), e.GetProperty("status").GetString())).OrderBy(e => e.Item2));
        var register = await Json(await portal.GetAsync($"/api/v1/disability/citizens/{person.Fin}/exams", Ct), HttpStatusCode.OK);
        Assert.Contains(register.EnumerateArray(), e => e.GetProperty("referralNumber").GetString() == first + "-AP" && e.GetProperty("appealOf").GetString() == first);
        Assert.Equal("result-superseded", await Code(await portal.PostAsJsonAsync($"/api/v1/disability/citizens/{person.Fin}/extracts", new { referralNumber = first }, Ct), HttpStatusCode.Conflict));
        Assert.Equal("appeal-decision-final", await Code(await portal.PostAsJsonAsync($"/api/v1/disability/citizens/{person.Fin}/appeals",
            new { referralNumber = first + "-AP", reason = "Yenə." }, Ct), HttpStatusCode.Conflict));
        var latest = await Json(await portal.PostAsJsonAsync($"/api/v1/disability/citizens/{person.Fin}/extracts", new { }, Ct), HttpStatusCode.Created);
        Assert.Equal(first + "-AP", latest.GetProperty("referralNumber").GetString());

        // The operations statistics: one appeal filed and one changed this month.
        var outcomes = await Json(await host.Client(null).GetAsync("/api/v1/operations/statistics/outcomes", Ct), HttpStatusCode.OK);
        Assert.Equal([("filed", 1L), ("changed", 1L)], outcomes.EnumerateArray()
            .Where(o => o.GetProperty("process").GetString() == "disability-appeal" && o.GetProperty("month").GetString() == "2026-10")
            .Select(o => (o.GetProperty("outcome").GetString(), o.GetProperty("count").GetInt64())).OrderByDescending(o => o.Item1));
    }

    [Fact]
    public async Task ResultConfirmed_TheExtractStillStands_AndTheDeadlineTurnsAtRiskThenOverdue()
    {
        var clock = Clock();
        await using var host = new DisabilityFactory(time: clock);
        var person = host.DisabledAdult();
        var first = (await host.DecideAsync(person, 50)).GetProperty("referralNumber").GetString()!;
        var code = (await Json(await host.CitizenClient(person.Fin).PostAsJsonAsync($"/api/v1/disability/citizens/{person.Fin}/extracts", new { }, Ct), HttpStatusCode.Created))
            .GetProperty("code").GetString()!;
        await Json(await host.CitizenClient(person.Fin).PostAsJsonAsync($"/api/v1/disability/citizens/{person.Fin}/appeals",
            new { referralNumber = first, reason = "Razı deyiləm." }, Ct), HttpStatusCode.Created);

        // Due Tuesday 27 October. On Wednesday 21 October four working days are left (22, 23, 26, 27): on time.
        clock.Advance(TimeSpan.FromDays(8));
        var onTime = Assert.Single((await Json(await host.PersonClient(People.CentralCommission()).GetAsync("/api/v1/disability/appeals", Ct), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(("on-time", 4), (onTime.GetProperty("deadline").GetString(), onTime.GetProperty("workingDaysLeft").GetInt32()));
        // Thursday 22 October: three left, at risk (Disability:Appeals:AtRiskWorkingDays = 3).
        clock.Advance(TimeSpan.FromDays(1));
        var central = host.PersonClient(People.CentralCommission());
        var atRisk = Assert.Single((await Json(await central.GetAsync("/api/v1/disability/appeals?deadline=at-risk", Ct), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(3, atRisk.GetProperty("workingDaysLeft").GetInt32());
        Assert.Empty((await Json(await central.GetAsync("/api/v1/disability/appeals?deadline=overdue", Ct), HttpStatusCode.OK)).EnumerateArray());
        // Wednesday 28 October: past the due day, overdue.
        clock.Advance(TimeSpan.FromDays(6));
        central = host.PersonClient(People.CentralCommission());
        var overdue = Assert.Single((await Json(await central.GetAsync("/api/v1/disability/appeals?deadline=overdue", Ct), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(-1, overdue.GetProperty("workingDaysLeft").GetInt32());
        Assert.Equal("invalid-deadline", await Code(await central.GetAsync("/api/v1/disability/appeals?deadline=soon", Ct), HttpStatusCode.BadRequest));
        Assert.Equal("not-central-commission", await Code(await host.CommissionMember().GetAsync("/api/v1/disability/appeals", Ct), HttpStatusCode.Forbidden));

        // Confirmed: the result and its extract stand.
        Assert.Equal("missing-justification", await Code(await central.PostAsJsonAsync($"/api/v1/disability/appeals/{first}/decision", new { outcome = "confirmed" }, Ct), HttpStatusCode.BadRequest));
        Assert.Equal("invalid-appeal-outcome", await Code(await central.PostAsJsonAsync($"/api/v1/disability/appeals/{first}/decision", new { outcome = "maybe", justification = "x" }, Ct), HttpStatusCode.BadRequest));
        var confirmed = await Json(await central.PostAsJsonAsync($"/api/v1/disability/appeals/{first}/decision",
            new { outcome = "confirmed", justification = "Sənədlər nəticəni təsdiq edir." }, Ct), HttpStatusCode.OK);
        Assert.Equal("Confirmed", confirmed.GetProperty("status").GetString());
        Assert.False(confirmed.TryGetProperty("newReferralNumber", out _));
        var verified = await Json(await host.Client("bank-of-baku").GetAsync($"/api/v1/disability/verify/{code}", Ct), HttpStatusCode.OK);
        Assert.Equal(("valid", 50), (verified.GetProperty("status").GetString(), verified.GetProperty("percent").GetInt32()));
        var mine = await Json(await host.CitizenClient(person.Fin).GetAsync($"/api/v1/disability/citizens/{person.Fin}/appeals", Ct), HttpStatusCode.OK);
        Assert.Equal("Confirmed", Assert.Single(mine.EnumerateArray()).GetProperty("status").GetString());
        var outcomes = await Json(await host.Client(null).GetAsync("/api/v1/operations/statistics/outcomes", Ct), HttpStatusCode.OK);
        Assert.Contains(outcomes.EnumerateArray(), o => o.GetProperty("outcome").GetString() == "confirmed" && o.GetProperty("count").GetInt64() == 1);
    }

    [Fact]
    public async Task Appeal_BySomeoneElse_OfAnotherPersonsResult_OutOfPeriod_AreRefusedWithTheirCodes()
    {
        var clock = Clock();
        await using var host = new DisabilityFactory(time: clock);
        var person = host.DisabledAdult();
        var other = host.HealthyAdult();
        var first = (await host.DecideAsync(person, 40)).GetProperty("referralNumber").GetString()!;
        var body = new { referralNumber = first, reason = "Razı deyiləm." };

        // Someone else, for the person: their own token, the person's FIN.
        Assert.Equal("not-your-data", await Code(await host.CitizenClient(other.Fin).PostAsJsonAsync($"/api/v1/disability/citizens/{person.Fin}/appeals", body, Ct), HttpStatusCode.Forbidden));
        // Someone else, under their own FIN: the referral is not theirs, answered as if it did not exist.
        Assert.Equal("unknown-referral", await Code(await host.CitizenClient(other.Fin).PostAsJsonAsync($"/api/v1/disability/citizens/{other.Fin}/appeals", body, Ct), HttpStatusCode.NotFound));
        Assert.Equal("invalid-appeal-reason", await Code(await host.CitizenClient(person.Fin).PostAsJsonAsync($"/api/v1/disability/citizens/{person.Fin}/appeals",
            new { referralNumber = first, reason = " " }, Ct), HttpStatusCode.BadRequest));
        Assert.Equal("unknown-appeal", await Code(await host.PersonClient(People.CentralCommission()).PostAsJsonAsync($"/api/v1/disability/appeals/{first}/decision",
            new { outcome = "confirmed", justification = "x" }, Ct), HttpStatusCode.NotFound));

        // 30 days and a minute after the decision (Disability:Appeals:Period = 30 days): too late.
        clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        var late = await host.CitizenClient(person.Fin).PostAsJsonAsync($"/api/v1/disability/citizens/{person.Fin}/appeals", body, Ct);
        Assert.Equal("appeal-period-over", await Code(late, HttpStatusCode.UnprocessableEntity));
        Assert.Empty((await Json(await host.CitizenClient(person.Fin).GetAsync($"/api/v1/disability/citizens/{person.Fin}/appeals", Ct), HttpStatusCode.OK)).EnumerateArray());
    }
}
