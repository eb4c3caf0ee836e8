using IntegrationHub.Disability.Storage.Postgres;
using IntegrationHub.Hub.Tests.Infrastructure;

namespace IntegrationHub.Disability.Tests.Storage;

/// <summary>
/// Two whole hosts (hub + disability) on one PostgreSQL database, configured as a deployment is (<c>Storage:Provider</c>
/// and a connection string, nothing else): a case referred and decided on one is the other's, a result is recorded once,
/// an extract issued on one verifies on the other, and a card's lookup limit holds across both.
/// </summary>
public sealed class SharedDatabaseHostTests : IAsyncLifetime
{
    private PostgresServer? _server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await PostgresServer.CreateDatabaseAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    private DisabilityFactory Instance() => new(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Postgres",
        ["Storage:ConnectionString"] = _server!.ConnectionString,
    });

    [Fact]
    public async Task TwoInstances_ShareCasesResultsExtractsAndTheCardLimit()
    {
        await using var a = Instance();
        await using var b = Instance();
        Assert.IsType<PostgresDisabilityStore>(a.Services.GetRequiredService<IDisabilityStore>());
        var person = a.HealthyAdult();
        const string number = "F88-SHARED01";

        await a.DecideAsync(person, 45, referralNumber: number);

        var onB = await b.CommissionMember().GetFromJsonAsync<JsonElement>($"/api/v1/disability/referrals/{number}", Ct);
        Assert.Equal("Decided", onB.GetProperty("status").GetString());
        var again = await b.CommissionMember().PostAsJsonAsync($"/api/v1/disability/referrals/{number}/result",
            new { percent = 90, cause = "GeneralIllness", startDate = TestClock.Today }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("already-decided", (await Problem.ReadAsync(again)).Code);

        var issued = await b.CitizenClient(person.Fin).PostAsJsonAsync($"/api/v1/disability/citizens/{person.Fin}/extracts", new { }, Ct);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var code = (await issued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString();
        var verified = await a.Client("bank-of-baku").GetFromJsonAsync<JsonElement>($"/api/v1/disability/verify/{code}", Ct);
        Assert.Equal(45, verified.GetProperty("percent").GetInt32());
        var who = await b.CitizenClient(person.Fin).GetFromJsonAsync<JsonElement>($"/api/v1/disability/citizens/{person.Fin}/verifications", Ct);
        Assert.Equal(["bank-of-baku"], who.EnumerateArray().Select(v => v.GetProperty("organisation").GetString()));

        // Five lookups of the card an hour, from anywhere: three on one instance, two on the other, then neither answers.
        var wrongBirth = person.BirthDate.AddDays(1).ToString("yyyy-MM-dd");
        for (var i = 0; i < 5; i++)
        {
            var lookup = await (i % 2 == 0 ? a : b).Client(null, $"10.9.0.{i}").PostAsJsonAsync("/api/v1/disability/last-exam", new { idCardNumber = person.IdCardNumber, birthDate = wrongBirth }, Ct);
            Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        }
        foreach (var instance in new[] { a, b })
        {
            var limited = await instance.Client(null, "10.9.1.1").PostAsJsonAsync("/api/v1/disability/last-exam",
                new { idCardNumber = person.IdCardNumber, birthDate = person.BirthDate.ToString("yyyy-MM-dd") }, Ct);
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        }
    }
}
