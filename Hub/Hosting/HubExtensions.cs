using System.Text.Json.Serialization;
using IntegrationHub.Adapters;
using IntegrationHub.Hub.Aggregation;
using IntegrationHub.Hub.Api;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Hub.Hosting;

/// <summary>Registration of the hub module and of what every role shares (clock, errors, JSON, OpenAPI).</summary>
public static class HubExtensions
{
    /// <summary>Clock, problem details, JSON conventions and the OpenAPI document.</summary>
    public static WebApplicationBuilder AddHubDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Binding failures throw so that BadRequestExceptionHandler answers them with a problem code.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            // A data set the caller may not see is absent from the profile, not null.
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddOpenApi("v1");
        return builder;
    }

    /// <summary>The hub module: agency adapters and profile assembly.</summary>
    public static WebApplicationBuilder AddHubModule(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AggregationOptions>()
            .Bind(builder.Configuration.GetSection(AggregationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddAgencyAdapters(builder.Configuration);
        builder.Services.AddSingleton<SourceFetcher>();
        builder.Services.AddSingleton<HouseholdResolver>();
        builder.Services.AddSingleton<HouseholdAggregator>();
        return builder;
    }

    public static WebApplication UseHubDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        return app;
    }
}
