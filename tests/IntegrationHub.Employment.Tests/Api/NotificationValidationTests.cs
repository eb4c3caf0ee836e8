using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Web.Http;
using static IntegrationHub.Employment.Tests.Infrastructure.EmploymentFactory;

namespace IntegrationHub.Employment.Tests.Api;

/// <summary>Each validation rule of a notification, by its problem code (docs/problems.md), through the API.</summary>
public sealed class NotificationValidationTests(EmploymentHost host) : IClassFixture<EmploymentHost>
{
    private const string Contracts = "/api/v1/employment/contracts";

    private async Task<Problem> RefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} instead of {(int)status}: {body}{Environment.NewLine}{host.ServerLog}");
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(code, problem.Code);
        return problem;
    }

    [Theory]
    [InlineData("page=0", "page")]
    // (page - 1) x pageSize would overflow an int: refused, not served as some other page.
    [InlineData("page=2147483647", "page")]
    [InlineData("pageSize=201", "pageSize")]
    public async Task ContractList_PagingOutOfRange_InvalidPage(string query, string field)
    {
        using var response = await host.Employer().GetAsync($"{Contracts}?{query}", Ct);
        Assert.Equal(field, (await RefusedAsync(response, HttpStatusCode.BadRequest, Paging.InvalidPage)).Field);
    }

    [Fact]
    public async Task NewContract_MalformedFin_InvalidFin()
    {
        var body = NewContract("AB-12", Today);
        using var response = await PostAsync(host.Employer(), Contracts, body);
        Assert.Equal("fin", (await RefusedAsync(response, HttpStatusCode.BadRequest, EmploymentCodes.InvalidFin)).Field);
    }

    [Fact]
    public async Task NewContract_MalformedEmployerVoen_InvalidVoen()
    {
        var body = NewContract(host.Adult(0).Fin, Today);
        body["employerVoen"] = "140155507";
        using var response = await PostAsync(host.Employer(), Contracts, body);
        Assert.Equal("employerVoen", (await RefusedAsync(response, HttpStatusCode.BadRequest, EmploymentCodes.InvalidVoen)).Field);
    }

    [Fact]
    public async Task NewContract_AnotherEmployersVoen_NotYourEmployer()
    {
        var body = NewContract(host.Adult(0).Fin, Today);
        body["employerVoen"] = OtherEmployerVoen;
        using var response = await PostAsync(host.Employer(), Contracts, body);
        await RefusedAsync(response, HttpStatusCode.Forbidden, EmploymentCodes.NotYourEmployer);
    }

    [Fact]
    public async Task NewContract_OfficerOfAnEmployerTheRegistryDoesNotKnow_UnknownEmployer()
    {
        using var officer = host.PersonClient(People.EmployerOfficer("9900000001"));
        using var response = await PostAsync(officer, Contracts, NewContract(host.Adult(0).Fin, Today));
        await RefusedAsync(response, HttpStatusCode.Forbidden, EmploymentCodes.UnknownEmployer);
    }

    [Fact]
    public async Task NewContract_FinNotInThePopulationRegister_UnknownEmployee()
    {
        var stranger = Enumerable.Range(0, 1000).Select(i => $"ZZ{i:00000}")
            .First(f => Fin.TryParse(f, out _, out _) && !host.Country.Population.ByFin.ContainsKey(f));
        using var response = await PostAsync(host.Employer(), Contracts, NewContract(stranger, Today));
        Assert.Equal("fin", (await RefusedAsync(response, HttpStatusCode.UnprocessableEntity, EmploymentCodes.UnknownEmployee)).Field);
    }

    [Fact]
    public async Task NewContract_WageBelowTheMinimumOnTheStartDate_WageBelowMinimum_ProRatedForFewerHours()
    {
        // 2024: 345 AZN for 40 hours a week (docs/domain.md).
        var start = new DateOnly(2024, 6, 1);
        using var below = await PostAsync(host.Employer(), Contracts, NewContract(host.Adult(1).Fin, start, wage: 344.99m));
        var problem = await RefusedAsync(below, HttpStatusCode.UnprocessableEntity, EmploymentCodes.WageBelowMinimum);
        Assert.Equal("monthlyWage", problem.Field);
        Assert.Contains("345", problem.Detail);

        // Half the week, half the minimum: 172.50 is enough.
        using var half = await PostAsync(host.Employer(), Contracts, NewContract(host.Adult(1).Fin, start, wage: 172.50m, hours: 20));
        Assert.Equal(HttpStatusCode.Created, half.StatusCode);
    }

    [Fact]
    public async Task NewContract_BeforeThe15thBirthday_EmployeeTooYoung()
    {
        var person = host.Adult(2);
        using var response = await PostAsync(host.Employer(), Contracts, NewContract(person.Fin, person.BirthDate.AddYears(15).AddDays(-1), wage: 5000));
        Assert.Equal("startDate", (await RefusedAsync(response, HttpStatusCode.UnprocessableEntity, EmploymentCodes.EmployeeTooYoung)).Field);
    }

    [Theory]
    [InlineData(15, 25)]
    [InlineData(16, 37)]
    public async Task NewContract_UnderEighteenWithMoreThanTheirWeek_WeeklyHoursOverLimit(int age, int hours)
    {
        var person = host.Adult(3 + age);
        using var response = await PostAsync(host.Employer(), Contracts, NewContract(person.Fin, person.BirthDate.AddYears(age).AddDays(1), wage: 5000, hours: hours));
        Assert.Equal("weeklyHours", (await RefusedAsync(response, HttpStatusCode.UnprocessableEntity, EmploymentCodes.WeeklyHoursOverLimit)).Field);
    }

    [Fact]
    public async Task NewContract_SecondOpenMainContractWithTheSameEmployer_OpenMainContractExists_ASecondaryOneIsAccepted()
    {
        var fin = host.Adult(5).Fin;
        await host.RegisterAsync(fin, Today.AddDays(-30));
        using var again = await PostAsync(host.Employer(), Contracts, NewContract(fin, Today));
        await RefusedAsync(again, HttpStatusCode.Conflict, EmploymentCodes.OpenMainContractExists);
        using var secondary = await PostAsync(host.Employer(), Contracts, NewContract(fin, Today, kind: "secondary", hours: 16));
        Assert.Equal(HttpStatusCode.Created, secondary.StatusCode);
        // Another employer may have its own main contract with the same person.
        using var other = await PostAsync(host.Client(OtherEmployer), Contracts, NewContract(fin, Today));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    [Fact]
    public async Task Termination_BeforeTheStart_TerminationBeforeStart()
    {
        var number = await host.RegisterAsync(host.Adult(6).Fin, Today.AddDays(-10));
        using var response = await PostAsync(host.Employer(), $"{Contracts}/{number}/termination",
            new { effectiveDate = Today.AddDays(-11).ToString("yyyy-MM-dd"), ground = "agreement" });
        Assert.Equal("effectiveDate", (await RefusedAsync(response, HttpStatusCode.UnprocessableEntity, EmploymentCodes.TerminationBeforeStart)).Field);
    }

    [Fact]
    public async Task NewContract_StartFurtherAheadThanAllowed_DateTooFarAhead()
    {
        using var response = await PostAsync(host.Employer(), Contracts, NewContract(host.Adult(7).Fin, Today.AddDays(61)));
        Assert.Equal("startDate", (await RefusedAsync(response, HttpStatusCode.BadRequest, EmploymentCodes.DateTooFarAhead)).Field);
    }

    [Fact]
    public async Task Notification_SameIdempotencyKeyOtherContent_IdempotencyKeyReused_SameContentGivesTheFirstAnswer()
    {
        var fin = host.Adult(8).Fin;
        using var first = await PostAsync(host.Employer(), Contracts, NewContract(fin, Today), "key-8");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var firstBody = await first.Content.ReadAsStringAsync(Ct);
        using var again = await PostAsync(host.Employer(), Contracts, NewContract(fin, Today), "key-8");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(Number(firstBody), Number(await again.Content.ReadAsStringAsync(Ct)));
        using var other = await PostAsync(host.Employer(), Contracts, NewContract(fin, Today, wage: 900), "key-8");
        await RefusedAsync(other, HttpStatusCode.Conflict, EmploymentCodes.IdempotencyKeyReused);

        static string Number(string body) => System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("notification").GetString()!;
    }

    [Fact]
    public async Task Notification_ByACitizenToken_Forbidden()
    {
        var fin = host.Adult(9).Fin;
        using var response = await PostAsync(host.CitizenClient(fin), Contracts, NewContract(fin, Today));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
