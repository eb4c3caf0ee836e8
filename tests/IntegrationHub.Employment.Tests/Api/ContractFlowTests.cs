using System.Threading.Channels;
using IntegrationHub.Contracts.Messaging;
using MassTransit;
using static IntegrationHub.Employment.Tests.Infrastructure.EmploymentFactory;

namespace IntegrationHub.Employment.Tests.Api;

/// <summary>A contract's life through the API: registered, changed, suspended, resumed, terminated; what the employer and the citizen see; the events; durability.</summary>
public sealed class ContractFlowTests
{
    [Fact]
    public async Task Contract_RegisteredChangedSuspendedResumedTerminated_NumberedViewsAndEventsFollow()
    {
        await using var host = new EmploymentFactory();
        var events = Channel.CreateUnbounded<EmploymentContractChanged>();
        var bus = host.Services.GetRequiredService<IBus>();
        var handle = bus.ConnectReceiveEndpoint("employment-flow-test-events", e => e.Handler<EmploymentContractChanged>(c => events.Writer.WriteAsync(c.Message).AsTask()));
        await handle.Ready;
        var person = host.Adult(20);
        var start = Today.AddMonths(-3);

        // An officer of the sample employer registers; the system of the same employer changes it.
        using var officer = host.PersonClient(People.EmployerOfficer());
        using var created = await PostAsync(officer, "/api/v1/employment/contracts", NewContract(person.Fin, start, wage: 700));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var receipt = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var number = receipt.GetProperty("contract").GetProperty("number").GetString()!;
        Assert.Matches(@"^EMN-\d{4}-\d{8}$", receipt.GetProperty("notification").GetString());
        Assert.Matches(@"^EM-\d{4}-\d{7}$", number);
        Assert.Equal($"{person.Surname} {person.GivenName}", receipt.GetProperty("contract").GetProperty("employeeName").GetString()![..$"{person.Surname} {person.GivenName}".Length]);
        Assert.Equal($"/api/v1/employment/contracts/{number}", created.Headers.Location!.OriginalString);

        var changed = await Ok(await PostAsync(host.Employer(), $"/api/v1/employment/contracts/{number}/changes", new { effectiveDate = Today.AddDays(-1).ToString("yyyy-MM-dd"), monthlyWage = 950 }));
        Assert.Equal(950, changed.GetProperty("contract").GetProperty("terms").GetProperty("monthlyWage").GetDecimal());
        Assert.True(string.CompareOrdinal(changed.GetProperty("notification").GetString(), receipt.GetProperty("notification").GetString()) > 0, "notifications are numbered in order");
        var suspended = await Ok(await PostAsync(host.Employer(), $"/api/v1/employment/contracts/{number}/suspensions", new { effectiveDate = Today.AddDays(-1).ToString("yyyy-MM-dd"), reason = "parental leave" }));
        Assert.Equal("suspended", suspended.GetProperty("contract").GetProperty("status").GetString());
        using var twice = await PostAsync(host.Employer(), $"/api/v1/employment/contracts/{number}/suspensions", new { effectiveDate = Today.ToString("yyyy-MM-dd"), reason = "again" });
        Assert.Equal(EmploymentCodes.AlreadySuspended, (await Problem.ReadAsync(twice)).Code);
        var resumed = await Ok(await PostAsync(host.Employer(), $"/api/v1/employment/contracts/{number}/resumptions", new { effectiveDate = Today.ToString("yyyy-MM-dd") }));
        Assert.Equal("active", resumed.GetProperty("contract").GetProperty("status").GetString());

        // The employer sees its current employee and the whole history; the other employer does not see the contract at all.
        var current = await host.Employer().GetFromJsonAsync<JsonElement>("/api/v1/employment/contracts", Ct);
        Assert.Contains(current.GetProperty("items").EnumerateArray(), c => c.GetProperty("number").GetString() == number);
        var history = await host.Employer().GetFromJsonAsync<JsonElement>($"/api/v1/employment/contracts/{number}", Ct);
        Assert.Equal(["new", "change", "suspension", "resumption"], history.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        using var foreign = await host.Client(OtherEmployer).GetAsync($"/api/v1/employment/contracts/{number}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        using var foreignChange = await PostAsync(host.Client(OtherEmployer), $"/api/v1/employment/contracts/{number}/changes", new { effectiveDate = Today.ToString("yyyy-MM-dd"), monthlyWage = 1 });
        Assert.Equal(EmploymentCodes.UnknownContract, (await Problem.ReadAsync(foreignChange)).Code);

        var terminated = await Ok(await PostAsync(host.Employer(), $"/api/v1/employment/contracts/{number}/termination", new { effectiveDate = Today.ToString("yyyy-MM-dd"), ground = "agreement" }));
        Assert.Equal(Today.ToString("yyyy-MM-dd"), terminated.GetProperty("contract").GetProperty("endDate").GetString());
        using var after = await PostAsync(host.Employer(), $"/api/v1/employment/contracts/{number}/changes", new { effectiveDate = Today.ToString("yyyy-MM-dd"), monthlyWage = 1000 });
        Assert.Equal(EmploymentCodes.ContractTerminated, (await Problem.ReadAsync(after)).Code);

        // The citizen, with their own token, sees the contract; another citizen's FIN is refused.
        var own = await host.CitizenClient(person.Fin).GetFromJsonAsync<JsonElement>($"/api/v1/employment/citizens/{person.Fin}/contracts", Ct);
        Assert.Equal(number, Assert.Single(own.EnumerateArray()).GetProperty("number").GetString());
        using var notOwn = await host.CitizenClient(host.Adult(21).Fin).GetAsync($"/api/v1/employment/citizens/{person.Fin}/contracts", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, notOwn.StatusCode);

        // A start and an end for the life-events flow: the FIN, the kind, the date and the source only.
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        wait.CancelAfter(TimeSpan.FromSeconds(30));
        var seen = new List<EmploymentContractChanged>();
        while (seen.Count(e => e.Fin == person.Fin) < 2) seen.Add(await events.Reader.ReadAsync(wait.Token));
        Assert.Equal(
            [new EmploymentContractChanged(person.Fin, "contract-started", start, "employment-registry"), new EmploymentContractChanged(person.Fin, "contract-ended", Today, "employment-registry")],
            seen.Where(e => e.Fin == person.Fin));
        await handle.StopAsync(Ct);
    }

    [Fact]
    public async Task Notification_Answered201_IsOnDiskWhenTheHostRestarts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "employment-durable-" + Guid.NewGuid().ToString("N"));
        string number;
        string fin;
        await using (var first = new EmploymentFactory(dataDirectory: folder))
        {
            fin = first.Adult(22).Fin;
            number = await first.RegisterAsync(fin, Today.AddDays(-5));
        }
        var second = new EmploymentFactory(dataDirectory: folder);
        try
        {
            var contract = await second.Employer().GetFromJsonAsync<JsonElement>($"/api/v1/employment/contracts/{number}", Ct);
            Assert.Equal(fin, contract.GetProperty("fin").GetString());
            // Numbers go on from where they were.
            var next = await second.RegisterAsync(second.Adult(23).Fin, Today.AddDays(-5));
            Assert.True(string.CompareOrdinal(next, number) > 0, $"{next} after {number}");
        }
        finally
        {
            await second.DisposeAsync();
            second.DeleteData();
        }
    }

    [Fact]
    public async Task Notifications_CountedOncePerRegistration_ByChannel_EmployerReadsCountedToo()
    {
        await using var host = new EmploymentFactory();
        using var first = await PostAsync(host.Employer(), "/api/v1/employment/contracts", NewContract(host.Adult(24).Fin, Today), "count-1");
        using var repeat = await PostAsync(host.Employer(), "/api/v1/employment/contracts", NewContract(host.Adult(24).Fin, Today), "count-1");
        using var second = await PostAsync(host.Employer(), "/api/v1/employment/contracts", NewContract(host.Adult(25).Fin, Today));
        using var officer = host.PersonClient(People.EmployerOfficer());
        using var third = await PostAsync(officer, "/api/v1/employment/contracts", NewContract(host.Adult(26).Fin, Today));
        using var refused = await PostAsync(officer, "/api/v1/employment/contracts", NewContract(host.Adult(26).Fin, Today));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Conflict],
            new[] { first, repeat, second, third, refused }.Select(r => r.StatusCode));
        await host.Employer().GetFromJsonAsync<JsonElement>("/api/v1/employment/contracts", Ct);

        var report = await host.Client(null).GetFromJsonAsync<JsonElement>("/api/v1/operations/statistics/e-services", Ct);
        var month = report.GetProperty("months").EnumerateArray().Last().GetProperty("eServices").EnumerateArray().ToList();
        var notifications = month.Single(e => e.GetProperty("key").GetString() == "contract-notification");
        Assert.Equal(3, notifications.GetProperty("uses").GetInt64());
        Assert.Equal(2, notifications.GetProperty("channels").GetProperty("api").GetInt64());
        Assert.Equal(1, notifications.GetProperty("channels").GetProperty("portal").GetInt64());
        Assert.Equal(1, month.Single(e => e.GetProperty("key").GetString() == "employee-contracts").GetProperty("uses").GetInt64());
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}
