using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Disability;

/// <summary>The disability module: its services, its message consumers and its HTTP API.</summary>
public static class DisabilityModule
{
    public static WebApplicationBuilder AddDisabilityModule(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    public static IBusRegistrationConfigurator AddDisabilityConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        return bus;
    }

    public static IEndpointRouteBuilder MapDisabilityApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
