using System.Security.Cryptography;
using IntegrationHub.Tests.Shared.Hosting;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Hub.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;

namespace IntegrationHub.Hub.Tests.Hosting;

/// <summary>Development secrets stay in Development: elsewhere the hub refuses them, unless a test deployment says it knows.</summary>
public sealed class DeploymentGuardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The callers of the shipped Hub/appsettings.json, by name.</summary>
    private static IReadOnlyList<string> ShippedCallers()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));
        return json.RootElement.GetProperty("Trust").GetProperty("Callers").EnumerateObject().Select(c => c.Name).ToList();
    }

    /// <summary>The shipped settings as they are (the factory's test-only overrides undone).</summary>
    private static Dictionary<string, string?> Shipped(bool acknowledged) => new()
    {
        [DeploymentGuard.AcknowledgeSetting] = acknowledged ? "true" : "false",
        ["Mocks:InProcess"] = "true",
        ["Mocks:Households"] = "30",
    };

    /// <summary>What a person starting the hub sees: the list on standard error and exit code 1, no stack trace (the real process).</summary>
    [Fact]
    public async Task Production_WithTheShippedSettings_ExitsWithCode1_NamingEachUnsafeSetting_WithoutAStackTrace()
    {
        var settings = Shipped(acknowledged: false).ToDictionary(s => s.Key, s => s.Value!);
        settings["Storage:DataDirectory"] = HubFactory.NewDataDirectory();

        var (exitCode, output, message) = await HubProcess.RunToExitAsync(settings, "Production", Ct);
        Directory.Delete(settings["Storage:DataDirectory"], recursive: true);

        Assert.Equal(1, exitCode);
        Assert.DoesNotContain("Unhandled exception", message + output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", message + output, StringComparison.Ordinal);
        Assert.StartsWith("The hub refuses to start in environment 'Production'", message, StringComparison.Ordinal);
        Assert.NotEmpty(ShippedCallers());
        Assert.All(ShippedCallers(), caller => Assert.Contains($"Trust:Callers:{caller}:KeyHashes:0", message, StringComparison.Ordinal));
        Assert.Contains("Trust:Tokens:SigningKeys:0:PublicKey", message, StringComparison.Ordinal);
        Assert.Contains("Mocks:InProcess=true", message, StringComparison.Ordinal);
        Assert.Contains("Audit:SigningKey is empty", message, StringComparison.Ordinal);
        Assert.Contains(DeploymentGuard.AcknowledgeSetting, message, StringComparison.Ordinal);
    }

    /// <summary>In the host under WebApplicationFactory, the refusal is an entry point that returns before building a host.</summary>
    [Fact]
    public async Task Production_WithTheShippedSettings_TheEntryPointBuildsNoHost()
    {
        await using var hub = new HubFactory(Shipped(acknowledged: false), households: 30, environment: "Production");

        var error = Assert.ThrowsAny<InvalidOperationException>(() => hub.CreateClient());

        Assert.Contains("entry point exited without ever building an IHost", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public void Refusal_InProcessMocksInABuildWithoutTheMockCountry_RefusedInAnyEnvironment_SayingWhatToDo(string environment)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mocks:InProcess"] = "true",
            [DeploymentGuard.AcknowledgeSetting] = "true",
        }).Build();
        var host = new HostingEnvironment { EnvironmentName = environment };

        var refusal = DeploymentGuard.Refusal(configuration, host, mockCountryInBuild: false);

        Assert.Equal(DeploymentGuard.NoMockCountry, refusal);
        Assert.Contains("Mocks:InProcess=false", refusal, StringComparison.Ordinal);
        Assert.Null(DeploymentGuard.Refusal(configuration, host, mockCountryInBuild: true));
    }

    [Fact]
    public async Task Staging_Acknowledged_StartsAndWarnsAtEveryStart_NamingTheSettings()
    {
        var directory = HubFactory.NewDataDirectory();
        var settings = Shipped(acknowledged: true);
        settings["Mocks:InProcess"] = "false";
        for (var start = 1; start <= 2; start++)
        {
            await using var hub = new HubFactory(settings, households: 30, dataDirectory: directory, environment: "Staging");

            Assert.Equal(HttpStatusCode.OK, (await hub.CreateClient().GetAsync("/health/live", Ct)).StatusCode);

            var warning = Assert.Single(hub.ServerLog.Lines, l => l.Contains("Unsafe test deployment acknowledged", StringComparison.Ordinal));
            Assert.Contains("Trust:Callers:auditor:KeyHashes:0", warning, StringComparison.Ordinal);
            Assert.Contains("Trust:Tokens:SigningKeys:0:PublicKey", warning, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Production_WithEveryDevelopmentSecretReplaced_Starts()
    {
        var settings = new Dictionary<string, string?> { [DeploymentGuard.AcknowledgeSetting] = "false" };
        foreach (var caller in ShippedCallers()) settings[$"Trust:Callers:{caller}:KeyHashes:0"] = ApiKeyAuthenticationHandler.Hash("production-" + caller + "-" + Guid.NewGuid());
        settings["Trust:Tokens:SigningKeys:0:Id"] = "sso-2026";
        settings["Trust:Tokens:SigningKeys:0:PublicKey"] = Convert.ToBase64String(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfo());
        using var auditKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        settings["Audit:SigningKey"] = auditKey.ExportPkcs8PrivateKeyPem();
        foreach (var agency in IntegrationHub.Mocks.LifeEvents.AgencyEventSigner.Agencies)
        {
            settings[$"LifeEvents:Sources:{agency}:Keys:0:PublicKey"] = Convert.ToBase64String(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfo());
        }
        await using var hub = new HubFactory(settings, households: 30, environment: "Production");

        Assert.Equal(HttpStatusCode.OK, (await hub.CreateClient().GetAsync("/health/live", Ct)).StatusCode);
        Assert.DoesNotContain(hub.ServerLog.Lines, l => l.Contains("Unsafe test deployment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Development_WithTheShippedSettings_StartsWithoutAcknowledgement()
    {
        var settings = Shipped(acknowledged: false);
        settings["Mocks:InProcess"] = "false";
        await using var hub = new HubFactory(settings, households: 30, environment: "Development");

        Assert.Equal(HttpStatusCode.OK, (await hub.CreateClient().GetAsync("/health/live", Ct)).StatusCode);
    }

    [Fact]
    public async Task MockRoutes_NeedTheTesterRole()
    {
        await using var hub = new HubFactory(new Dictionary<string, string?> { ["Mocks:InProcess"] = "true", ["Mocks:Households"] = "30" }, households: 30);
        var anonymous = hub.CreateClient();
        var operatorClient = hub.CreateClient("operator");
        var citizen = hub.PersonClient(People.Citizen("WDT8LT0"));
        var tester = hub.CreateClient("tester");

        foreach (var client in new[] { anonymous, citizen })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/mocks/samples", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PutAsJsonAsync("/mocks/faults/tax", new { kind = "down" }, Ct)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.GetAsync("/mocks/samples", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.DeleteAsync("/mocks/faults", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tester.GetAsync("/mocks/samples", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tester.GetAsync("/mocks/faults", Ct)).StatusCode);
    }
}
