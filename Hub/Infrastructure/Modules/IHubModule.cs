using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Modules;

/// <summary>
/// One role the hub binary can run (setting <c>Roles</c>). Every module contributes the same four parts the same
/// way, and the host calls them, for the roles it runs, in this order: services, health checks, message consumers
/// (once the bus is set up), endpoints (once the application is built). A new module is a class implementing this
/// and one more entry in the host's list (Hub/Program.cs); it talks to the hub and to other modules only in
/// Contracts messages.
/// </summary>
public interface IHubModule
{
    /// <summary>The module's name in the <c>Roles</c> setting (lower case, e.g. <c>assistance</c>).</summary>
    string Role { get; }

    /// <summary>Its services and options (validated at start-up), hosted services included.</summary>
    void AddServices(WebApplicationBuilder builder);

    /// <summary>Its readiness checks, beside the host's own (storage).</summary>
    void AddHealthChecks(IHealthChecksBuilder checks);

    /// <summary>The consumers of the messages it handles, on the process's one bus.</summary>
    void AddConsumers(IBusRegistrationConfigurator bus);

    /// <summary>Its HTTP API.</summary>
    void MapEndpoints(WebApplication app);
}
