using System.Net.Sockets;
using IntegrationHub.Contracts.Messaging;
using IntegrationHub.Contracts.Profiles;
using MassTransit;
using Response = WireMock.ResponseBuilders.Response;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using static IntegrationHub.Employment.Tests.Infrastructure.EmploymentFactory;

namespace IntegrationHub.Employment.Tests.Agency;

/// <summary>The registry served as the labour-contracts agency (docs/agencies/labour-contracts.md), and the hub reading it.</summary>
public sealed class RegistryAsAgencyTests
{
    private const string AgencyPath = "/mlspp/v1/employees/{0}/labour-contracts";

    [Fact]
    public async Task AgencyApi_AnswersInTheDocumentedShape_PagedOldestFirst_ForTheRegistryReaderOnly()
    {
        await using var host = new EmploymentFactory();
        var person = host.Adult(40);
        var older = await host.RegisterAsync(person.Fin, Today.AddYears(-2));
        await PostAsync(host.Employer(), $"/api/v1/employment/contracts/{older}/termination", new { effectiveDate = Today.AddYears(-1).ToString("yyyy-MM-dd"), ground = "agreement" });
        var newer = await host.RegisterAsync(person.Fin, Today.AddMonths(-6), wage: 1234.5m);

        var reader = host.Client("hub");
        var page = await reader.GetFromJsonAsync<JsonElement>(string.Format(null, AgencyPath, person.Fin) + "?page=1&pageSize=1", Ct);
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(1, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        var first = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(older, first.GetProperty("contractNumber").GetString());
        Assert.Equal("TERMINATED", first.GetProperty("status").GetString());
        Assert.Equal(People.SampleEmployerVoen, first.GetProperty("employer").GetProperty("voen").GetString());
        Assert.Equal("Nümunə İşəgötürən MMC", first.GetProperty("employer").GetProperty("name").GetString());
        Assert.Equal(["contractNumber", "employer", "position", "monthlyWage", "startDate", "endDate", "status"], first.EnumerateObject().Select(p => p.Name));

        var second = (await reader.GetFromJsonAsync<JsonElement>(string.Format(null, AgencyPath, person.Fin) + "?page=2&pageSize=1", Ct)).GetProperty("items")[0];
        Assert.Equal(newer, second.GetProperty("contractNumber").GetString());
        Assert.Equal(1234.5m, second.GetProperty("monthlyWage").GetDecimal());
        // A running contract's endDate is null or left out, as the document allows.
        Assert.True(!second.TryGetProperty("endDate", out var end) || end.ValueKind == JsonValueKind.Null);
        Assert.Equal("ACTIVE", second.GetProperty("status").GetString());

        var nobody = await reader.GetFromJsonAsync<JsonElement>(string.Format(null, AgencyPath, host.Adult(41).Fin), Ct);
        Assert.Equal(0, nobody.GetProperty("total").GetInt32());
        using var paging = await reader.GetAsync(string.Format(null, AgencyPath, person.Fin) + "?page=0", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, paging.StatusCode);
        Assert.Equal("INVALID_PAGING", (await Problem.ReadAsync(paging)).Code);
        using var employer = await host.Employer().GetAsync(string.Format(null, AgencyPath, person.Fin), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, employer.StatusCode);
    }

    /// <summary>
    /// The "done when": the hub's labour-contracts adapter points at the registry by configuration (over HTTP, with
    /// its key); a sample employer registers, changes and terminates a contract; the household's next assistance decision
    /// counts the changed wage. The tax service is a stub without the person's records, so wages come from the contracts.
    /// </summary>
    [Fact]
    public async Task HubReadingTheRegistry_AssistanceDecisionAfterAWageChange_CountsTheChangedWage()
    {
        using var tax = WireMockServer.Start();
        tax.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json")
            .WithBody("""{"error_code":"TAXPAYER_NOT_FOUND","error_message":"No taxpayer record for this FIN."}"""));
        await using var host = await ServedOnAFreePortAsync(port => new EmploymentFactory(new Dictionary<string, string?>
        {
            ["Roles"] = "hub,assistance,employment",
            ["Agencies:labour-contracts:BaseAddress"] = $"http://127.0.0.1:{port}/",
            ["Agencies:labour-contracts:Authentication:Kind"] = "ApiKey",
            ["Agencies:labour-contracts:Authentication:HeaderName"] = "X-Api-Key",
            ["Agencies:labour-contracts:Authentication:Key"] = "dev-hub-key",
            ["Agencies:tax:BaseAddress"] = tax.Url + "/",
            // Every decision reads the registry afresh (in production the cache lifetime bounds how late a change is seen).
            ["Cache:Enabled"] = "false",
            ["Assistance:PollInterval"] = "00:00:00.200",
            ["Assistance:RetryInterval"] = "00:00:00.500",
        }));

        // A person living alone, who is in no other registry's wage list now.
        var person = host.Country.Population.People.First(p => p.Household.Members.Count == 1 && !p.Deceased && p.AgeOn(Today) is >= 25 and < 55
            && p.Status is { Abroad: false, Foreigner: false, Prisoner: false });
        var number = await host.RegisterAsync(person.Fin, Today.AddYears(-2), wage: 600);

        var before = await DecideAsync(host, person);
        await PostAsync(host.Employer(), $"/api/v1/employment/contracts/{number}/changes", new { effectiveDate = Today.AddDays(-1).ToString("yyyy-MM-dd"), monthlyWage = 850 });
        var after = await DecideAsync(host, person);
        Assert.Equal(250m, after - before);

        // Terminated today: still in the window, and still the changed wage.
        using var ended = await PostAsync(host.Employer(), $"/api/v1/employment/contracts/{number}/termination", new { effectiveDate = Today.ToString("yyyy-MM-dd"), ground = "agreement" });
        Assert.Equal(HttpStatusCode.Created, ended.StatusCode);
    }

    /// <summary>Applies as the person with what the hub reports (as a portal pre-fills it) and returns the monthly income the decision counted.</summary>
    private static async Task<decimal> DecideAsync(EmploymentFactory host, Person person)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var profile = (await scope.ServiceProvider.GetRequiredService<IRequestClient<GetHouseholdProfile>>().GetResponse<HouseholdProfileResult>(
            new GetHouseholdProfile(Guid.NewGuid(), person.Fin, null, "targeted-social-assistance", "PREFILL", "assistance"), Ct)).Message.Profile;
        var income = profile.Summary.MonthlyIncome.Single(i => i.Fin.Value == person.Fin);
        var application = new
        {
            applicant = person.Fin,
            idCardNumber = person.IdCardNumber,
            members = Array.Empty<object>(),
            incomes = income.BySource.Select(s => new { fin = person.Fin, source = s.Key, monthlyAmount = s.Value }),
            channel = new { kind = "ecabinet" },
            consent = true,
        };
        using var citizen = host.CitizenClient(person.Fin);
        using var submitted = await citizen.PostAsJsonAsync("/api/v1/assistance/applications", application, Ct);
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync(Ct));
        var applicationNumber = (await submitted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("applicationNumber").GetString();
        using var caseworker = host.PersonClient(People.Caseworker());
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var decision = await caseworker.GetAsync($"/api/v1/assistance/decisions/{applicationNumber}", Ct);
            if (decision.StatusCode == HttpStatusCode.OK)
            {
                var figures = (await decision.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("figures");
                var counted = figures.GetProperty("counted").EnumerateArray().Single(m => m.GetProperty("fin").GetString() == person.Fin);
                return counted.GetProperty("monthlyIncome").GetDecimal();
            }
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"no decision for {applicationNumber}: {(int)decision.StatusCode}{Environment.NewLine}{host.ServerLog}");
            await Task.Delay(200, Ct);
        }
    }

    /// <summary>
    /// The host, configured with the port it will be served on (the hub's adapter reaches the registry there) and served
    /// on it. The port is free when picked, but taken again by the time Kestrel binds it once in a while (the mock
    /// country's servers start in between: "address already in use" in a README run), so a taken port is picked again.
    /// </summary>
    private static async Task<EmploymentFactory> ServedOnAFreePortAsync(Func<int, EmploymentFactory> create)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var host = create(port);
            try
            {
                host.ServeOnKestrel(port);
                return host;
            }
            catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException && attempt < 3)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
