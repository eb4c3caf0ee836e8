using IntegrationHub.Hub.Hosting;
using IntegrationHub.Hub.Messaging;
using IntegrationHub.Modules;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hub.Tests.Hosting;

/// <summary>A module to come (employment, the contact centre) is one class and one entry in the host's list.</summary>
public sealed class ModuleHostingTests
{
    /// <summary>A module that records which of its parts the host called, in order.</summary>
    private sealed class RecordingModule(string role) : IHubModule
    {
        public List<string> Calls { get; } = [];

        public string Role => role;

        public void AddServices(WebApplicationBuilder builder) => Calls.Add("services");

        public void AddHealthChecks(IHealthChecksBuilder checks)
        {
            Calls.Add("health");
            checks.AddCheck(role, () => HealthCheckResult.Healthy());
        }

        public void AddConsumers(IBusRegistrationConfigurator bus) => Calls.Add("consumers");

        public void MapEndpoints(WebApplication app)
        {
            Calls.Add("endpoints");
            app.MapGet("/" + role, () => role);
        }
    }

    [Fact]
    public void AddModules_ModulesNamedInRoles_EachPartCalledOnceInOrder_TheOthersNotAtAll()
    {
        var employment = new RecordingModule("employment");
        var contactCentre = new RecordingModule("contact-centre");
        var builder = WebApplication.CreateBuilder();
        builder.Configuration[HostRoles.SettingName] = "employment";

        var modules = builder.AddModules(contactCentre, employment);
        builder.AddMessaging(modules);
        using var app = builder.Build();
        app.MapModules(modules);

        Assert.Equal([employment], modules);
        Assert.Equal(["services", "health", "consumers", "endpoints"], employment.Calls);
        Assert.Empty(contactCentre.Calls);
        var checks = app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name).ToList();
        Assert.Contains("employment", checks);
        Assert.DoesNotContain("contact-centre", checks);
        Assert.Contains(((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints), e => e.DisplayName?.Contains("/employment", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void AddModules_UnknownRole_FailsNamingIt()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration[HostRoles.SettingName] = "employment,payroll";

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddModules(new RecordingModule("employment")));

        Assert.Contains("payroll", error.Message, StringComparison.Ordinal);
    }
}
