using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Contracts.Messaging;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Tests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Hub.Tests.Trust;

public sealed class AccessPolicyTests : IAsyncLifetime
{
    // Generous timeouts: these tests compare what each caller sees, which must not depend on a busy machine.
    private readonly HubFactory _hub = new(new Dictionary<string, string?>
    {
        ["Aggregation:Deadline"] = "00:00:10",
        ["Agencies:Defaults:AttemptTimeout"] = "00:00:04",
        ["Agencies:Defaults:TotalTimeout"] = "00:00:08",
    }, households: 120);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    private string Sample(string kind) => _hub.Country.Population.Samples().Single(s => s.HouseholdKind == kind).Fin;

    private Task<HttpResponseMessage> PostAsync(string caller, string applicant, string purpose, string caseNumber = "CASE-1") =>
        _hub.CreateClient(caller).PostAsJsonAsync("/api/v1/profiles", new { applicant, purpose, caseNumber }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Assistance_GetsEverythingButHealth_HealthAbsentNotBlank()
    {
        var response = await PostAsync("assistance", Sample("large-family"), "targeted-social-assistance");

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var profile = await HubFactory.ReadProfileAsync(response);
        Assert.All(profile.Members, m => Assert.Null(m.Health));
        Assert.All(profile.Members, m => Assert.NotNull(m.RealEstate));
        Assert.DoesNotContain("\"health\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(profile.Sources, s => s.DataSet == "health");
        Assert.Equal(13, profile.Sources.Count);
        Assert.NotNull(profile.Summary.Assets.SecondProperty);
    }

    [Fact]
    public async Task Disability_SeesHealthButNoPropertyVehiclesOrLand_AndTheSummaryDoesNotLeakThem()
    {
        var applicant = Sample("two-homes");
        var full = await HubFactory.ReadProfileAsync(await PostAsync("assistance", applicant, "targeted-social-assistance"));
        Assert.True(full.Summary.Assets.SecondProperty);

        var response = await PostAsync("disability", applicant, "disability-assessment");

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var profile = await HubFactory.ReadProfileAsync(response);
        Assert.All(profile.Members, m =>
        {
            Assert.NotNull(m.Health);
            Assert.Null(m.RealEstate);
            Assert.Null(m.Vehicles);
            Assert.Null(m.Land);
            Assert.Null(m.TaxIncome);
        });
        Assert.Equal(["disability", "education", "employment", "family-relations", "health", "identity", "job-seeker", "pensions-benefits", "status-flags"], profile.Sources.Select(s => s.DataSet).Order(StringComparer.Ordinal));
        Assert.Null(profile.Summary.Assets.SecondProperty);
        Assert.Null(profile.Summary.Assets.Vehicle);
        Assert.Null(profile.Summary.Assets.Land);
        Assert.False(profile.Summary.IncomeComplete);
        using var json = JsonDocument.Parse(body);
        Assert.Empty(json.RootElement.GetProperty("summary").GetProperty("assets").EnumerateObject());
        Assert.DoesNotContain("realEstate", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PurposeNotAllowed_403NotPermitted_AndAudited()
    {
        var applicant = Sample("low-income-family");

        var response = await PostAsync("assistance", applicant, "disability-assessment", "VEM-9");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(RefusalCodes.NotPermitted, (await Problem.ReadAsync(response)).Code);
        var record = Assert.Single(_hub.Services.GetRequiredService<AuditLog>().Find(new AuditFilter(Caller: "assistance"), 1, 10).Items);
        Assert.Equal(RefusalCodes.NotPermitted, record.Outcome);
        Assert.Equal("disability-assessment", record.Purpose);
        Assert.Equal("VEM-9", record.CaseNumber);
        Assert.Equal([applicant], record.Subjects);
        Assert.Empty(record.Agencies);
        Assert.Null(record.ProfileHash);
    }

    [Fact]
    public async Task KnownCallerWithoutPolicy_403NotPermitted()
    {
        // The operator authenticates, but is no subsystem: it has no role for the profiles API.
        var response = await PostAsync("operator", Sample("low-income-family"), "targeted-social-assistance");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Bus_UnknownRequestingSubsystem_RefusedUnknownCaller_AndAudited()
    {
        var applicant = Sample("low-income-family");
        await using var scope = _hub.Services.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<IRequestClient<GetHouseholdProfile>>();

        var response = await client.GetResponse<HouseholdProfileResult, HouseholdProfileRefused>(
            new GetHouseholdProfile(Guid.NewGuid(), applicant, null, "targeted-social-assistance", "X-1", "impostor"),
            TestContext.Current.CancellationToken);

        Assert.True(response.Is(out Response<HouseholdProfileRefused>? refused));
        Assert.Equal(RefusalCodes.UnknownCaller, refused!.Message.Reason);
        var record = Assert.Single(_hub.Services.GetRequiredService<AuditLog>().Find(new AuditFilter(Caller: "impostor"), 1, 10).Items);
        Assert.Equal(RefusalCodes.UnknownCaller, record.Outcome);
    }

    [Fact]
    public async Task Bus_KnownSubsystem_GetsItsCutOfTheProfile()
    {
        await using var scope = _hub.Services.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<IRequestClient<GetHouseholdProfile>>();

        var response = await client.GetResponse<HouseholdProfileResult, HouseholdProfileRefused>(
            new GetHouseholdProfile(Guid.NewGuid(), Sample("low-income-family"), null, "disability-assessment", "T-1", "disability"),
            TestContext.Current.CancellationToken);

        Assert.True(response.Is(out Response<HouseholdProfileResult>? result));
        Assert.All(result!.Message.Profile.Members, m => Assert.Null(m.RealEstate));
    }
}

public sealed class AccessPolicyConfigurationTests
{
    [Theory]
    [InlineData("Trust:Policy:assistance:targeted-social-assistance:0", "helth", "Trust:Policy:assistance:targeted-social-assistance names unknown data set 'helth'")]
    [InlineData("Trust:Policy:disability:disability-assessment", "", "Trust:Policy:disability:disability-assessment allows no data set")]
    public async Task ABadPolicy_StopsStartUp_NamingTheSetting(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (value.Length == 0)
        {
            // Replace the configured list by an empty one.
            for (var i = 0; i < 20; i++) settings[$"{key}:{i}"] = null;
        }
        await using var hub = new HubFactory(settings, households: 40);

        var error = Assert.ThrowsAny<Exception>(() => hub.CreateClient());

        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }
}
