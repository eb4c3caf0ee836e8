using IntegrationHub.Hub.Api;
using IntegrationHub.Hub.Engine.Profiles;
using IntegrationHub.Hub.Security;
using IntegrationHub.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Hub.Hosting;

/// <summary>What every role of the host shares: clock, errors, JSON, OpenAPI, authentication.</summary>
public static class HubExtensions
{
    /// <summary>Clock, problem details, JSON conventions and the OpenAPI document.</summary>
    public static WebApplicationBuilder AddHubDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<StorageUnavailableExceptionHandler>();
        builder.Services.AddExceptionHandler<AuditRecordAlteredExceptionHandler>();
        builder.Services.AddStorageProvider(builder.Configuration);
        // Binding failures throw so that BadRequestExceptionHandler answers them with a problem code.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // The profile's own JSON rules (absent rather than null, read strictly) for every HTTP body.
        builder.Services.ConfigureHttpJsonOptions(o => ProfileJson.Apply(o.SerializerOptions));
        builder.Services.AddHubOpenApi();
        builder.AddCallerAuthentication();
        return builder;
    }

    public static WebApplication UseHubDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        // Bodyless error statuses the framework sets itself (no route, wrong method, wrong content type)
        // get the same problem shape and a code.
        app.UseStatusCodePages(context => context.HttpContext.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ProblemResults.Create(404, Problems.NoSuchEndpoint, "No endpoint at this path; the API reference is at /scalar.").ExecuteAsync(context.HttpContext),
            StatusCodes.Status405MethodNotAllowed => ProblemResults.Create(405, Problems.MethodNotAllowed, "This endpoint does not take that HTTP method.").ExecuteAsync(context.HttpContext),
            StatusCodes.Status415UnsupportedMediaType => ProblemResults.Create(415, Problems.UnsupportedMediaType, "Send the request body as application/json.").ExecuteAsync(context.HttpContext),
            var status => ProblemResults.Create(status, "http-" + status, "The request could not be served.").ExecuteAsync(context.HttpContext),
        });
        app.UseUtf8JsonBodies();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        return app;
    }
}
