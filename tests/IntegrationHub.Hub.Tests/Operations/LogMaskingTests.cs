using System.Globalization;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Hub.Tests.Operations;

/// <summary>Every log line of full profile requests (HTTP and bus, granted and refused), checked for the people's own data.</summary>
public sealed class LogMaskingTests
{
    [Fact]
    public async Task FullRequests_LogNoFinNameOrBirthDateOfAnyMember()
    {
        var capture = new LogCapture();
        // Generous timeouts: this test is about what is logged, and a cold first request must still carry identities.
        await using var hub = new HubFactory(new Dictionary<string, string?>
        {
            ["Aggregation:Deadline"] = "00:00:15",
            ["Agencies:Defaults:AttemptTimeout"] = "00:00:05",
            ["Agencies:Defaults:TotalTimeout"] = "00:00:12",
        }, households: 80);
        await using var app = hub.WithWebHostBuilder(b => b.ConfigureLogging(l =>
        {
            l.AddProvider(capture);
            // The hub's own categories at Debug; the framework's at the levels configured for production.
            l.AddFilter("IntegrationHub", LogLevel.Debug);
        }));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "dev-assistance-key");
        var applicant = hub.Country.Population.Samples().Single(s => s.HouseholdKind == "large-family").Fin;
        var token = TestContext.Current.CancellationToken;

        var response = await client.PostAsJsonAsync("/api/v1/profiles", new { applicant, purpose = "targeted-social-assistance", caseNumber = "VEM-1" }, token);
        var profile = await HubFactory.ReadProfileAsync(response);
        (await client.PostAsJsonAsync("/api/v1/profiles", new { applicant, purpose = "disability-assessment", caseNumber = "VEM-2" }, token)).Dispose();
        (await client.PostAsJsonAsync("/api/v1/profiles", new { applicant = "0000000", purpose = "targeted-social-assistance", caseNumber = "VEM-3" }, token)).Dispose();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var bus = scope.ServiceProvider.GetRequiredService<IRequestClient<GetHouseholdProfile>>();
            await bus.GetResponse<HouseholdProfileResult, HouseholdProfileRefused>(new GetHouseholdProfile(Guid.NewGuid(), applicant, null, "targeted-social-assistance", "VEM-4", "assistance"), token);
            await bus.GetResponse<HouseholdProfileResult, HouseholdProfileRefused>(new GetHouseholdProfile(Guid.NewGuid(), applicant, null, "targeted-social-assistance", "VEM-5", "impostor"), token);
        }

        var secrets = new List<string>();
        foreach (var member in profile.Members)
        {
            var identity = member.Identity?.Data;
            Assert.True(identity is not null, $"identity of a member: {member.Identity?.Status} {member.Identity?.Detail}");
            secrets.Add(member.Fin.Value);
            secrets.Add(identity.GivenName);
            secrets.Add(identity.Surname);
            if (identity.Patronymic is { Length: > 0 } patronymic) secrets.Add(patronymic);
            secrets.Add(identity.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            secrets.Add(identity.BirthDate.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
            secrets.Add(identity.BirthDate.ToString(CultureInfo.InvariantCulture));
        }
        var lines = capture.Lines.ToList();
        Assert.True(lines.Count >= 5, $"expected the requests to be logged, got {lines.Count} lines");
        Assert.Contains(lines, l => l.Contains("VEM-1", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            var leak = lines.FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"a log line holds personal data: {leak}");
        }
    }
}
