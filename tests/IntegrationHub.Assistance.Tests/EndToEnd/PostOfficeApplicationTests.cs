using System.Globalization;

namespace IntegrationHub.Assistance.Tests.EndToEnd;

/// <summary>
/// The assisted channel: post-office staff submit an application with the citizen after the ID card is checked with
/// the population register through the hub; it is decided like the citizen's own and records channel, office and officer.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PostOfficeApplicationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostOfficeApplication_ForASampleCitizen_IsDecidedLikeAnOnlineOne_AndShowsChannelOfficeAndOfficer()
    {
        await using var factory = new AssistanceFactory();
        var fin = factory.Country.Population.Samples().Single(s => s.HouseholdKind == "low-income-family").Fin;
        var person = factory.Country.Population.ByFin[fin];
        var application = await factory.PrefilledApplicationAsync(fin, new { kind = "email", address = "family@example.az" });
        using var staff = factory.PersonClient(People.PostOfficeStaff("po-0031"));

        using var response = await staff.PostAsJsonAsync("/api/v1/assistance/assisted-applications",
            new { birthDate = person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), application }, Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var accepted = JsonSerializer.Deserialize<JsonElement>(text);
        var number = accepted.GetProperty("applicationNumber").GetString()!;
        Assert.Equal(("PostOffice", People.PostOffice, "po-0031"),
            (accepted.GetProperty("channel").GetString(), accepted.GetProperty("office").GetString(), accepted.GetProperty("officer").GetString()));

        // The citizen's own view: listed, decided as their own online application would be.
        using var citizen = factory.CitizenClient(fin);
        var status = await Poll.ReadUntilAsync(
            () => citizen.GetFromJsonAsync<JsonElement>($"/api/v1/assistance/applications/{number}", Ct),
            s => s.GetProperty("status").GetString() is "approved" or "refused", TimeSpan.FromSeconds(60));
        Assert.Equal("approved", status.GetProperty("status").GetString());
        var profile = await factory.ProfileAsync(fin);
        var criterion = new RuleSet().CriterionFor(TestClock.Today.Year);
        Assert.Equal(criterion * profile.Members.Count - profile.Summary.TotalMonthlyIncome, status.GetProperty("decision").GetProperty("monthlyAmount").GetDecimal());
        Assert.Equal(("PostOffice", People.PostOffice, "po-0031"),
            (status.GetProperty("channel").GetString(), status.GetProperty("office").GetString(), status.GetProperty("officer").GetString()));
        var own = await citizen.GetFromJsonAsync<JsonElement>("/api/v1/assistance/applications", Ct);
        Assert.Contains(own.EnumerateArray(), a => a.GetProperty("applicationNumber").GetString() == number);

        // The notices go to the citizen's channel, as if they had applied themselves.
        var mails = await factory.Smtp.WaitForAsync(2, TimeSpan.FromSeconds(20));
        Assert.All(mails, m => Assert.Equal("family@example.az", m.To.Mailboxes.Single().Address));
        Assert.Contains(mails, m => m.TextBody!.Contains("is granted on application " + number, StringComparison.Ordinal));

        // The caseworker sees who submitted it.
        using var caseworker = factory.PersonClient(People.Caseworker());
        var detail = await caseworker.GetFromJsonAsync<JsonElement>($"/api/v1/assistance/decisions/{number}", Ct);
        Assert.Equal(("PostOffice", People.PostOffice, "po-0031"),
            (detail.GetProperty("channel").GetString(), detail.GetProperty("office").GetString(), detail.GetProperty("officer").GetString()));

        // The ministry's report counts it as an application through the post office, not the portal.
        var month = factory.Today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var report = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/operations/statistics/e-services?from={month}&to={month}", Ct);
        var applications = report.GetProperty("months")[0].GetProperty("eServices").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "assistance-application");
        var channels = applications.GetProperty("channels");
        Assert.Equal((1L, 1L, 0L), (applications.GetProperty("uses").GetInt64(), channels.GetProperty("post-office").GetInt64(), channels.GetProperty("portal").GetInt64()));
    }

    [Fact]
    public async Task PostOfficeApplication_WithAWrongBirthDate_Is422IdentityMismatch_AndNothingIsSubmitted()
    {
        await using var factory = new AssistanceFactory();
        var fin = factory.Country.Population.Samples().Single(s => s.HouseholdKind == "single").Fin;
        var person = factory.Country.Population.ByFin[fin];
        var application = await factory.PrefilledApplicationAsync(fin, new { kind = "ecabinet" });
        using var staff = factory.PersonClient(People.PostOfficeStaff());

        using var response = await staff.PostAsJsonAsync("/api/v1/assistance/assisted-applications",
            new { birthDate = person.BirthDate.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), application }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("identity-mismatch", (await Problem.ReadAsync(response)).Code);
        using var citizen = factory.CitizenClient(fin);
        Assert.Empty((await citizen.GetFromJsonAsync<JsonElement>("/api/v1/assistance/applications", Ct)).EnumerateArray());
    }
}
