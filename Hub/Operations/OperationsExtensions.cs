using IntegrationHub.Hub.Engine.Telemetry;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using IntegrationHub.Storage;
using IntegrationHub.Storage.Postgres;
using IntegrationHub.Hub.Engine.Audit;
using IntegrationHub.Statistics;

namespace IntegrationHub.Hub.Operations;

/// <summary>What operators see: health (liveness, readiness), OpenTelemetry metrics at <c>/metrics</c> and traces.</summary>
public static class OperationsExtensions
{
    public const string ReadyTag = "ready";

    /// <summary>For every role: the storage readiness check (the modules add theirs), statistics, OpenTelemetry.</summary>
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag]);
        if (builder.Configuration.UsesPostgres())
        {
            builder.Services.AddStorageProvider(builder.Configuration);
            builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        }
        builder.Services.AddEServiceStatistics(builder.Configuration);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("integrationhub", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId));
        // Spans only when someone reads them: an OTLP collector (OTEL_EXPORTER_OTLP_ENDPOINT), or Telemetry:Tracing=true
        // for an in-process listener. Without either, no span is built for every agency call (bench/Performance).
        var otlp = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 };
        if (otlp || TelemetryOptions.From(builder.Configuration).Tracing)
        {
            telemetry.WithTracing(t =>
            {
                t.AddSource(HubTelemetry.Name, "MassTransit")
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        o.Filter = c => !c.Request.Path.StartsWithSegments("/metrics") && !c.Request.Path.StartsWithSegments("/health");
                        // Paths such as /api/v1/audit/citizens/{fin}/accesses carry FINs: traces keep them masked.
                        o.EnrichWithHttpRequest = (activity, request) => activity.SetTag("url.path", PersonalDataMasking.MaskFins(request.Path.Value ?? ""));
                    })
                    .AddHttpClientInstrumentation(o =>
                    {
                        // Agency URLs carry FINs in path and query: only the masked path is kept.
                        o.EnrichWithHttpRequestMessage = (activity, request) => activity.SetTag("url.full", PersonalDataMasking.MaskUrl(request.RequestUri));
                    });
                if (otlp) t.AddOtlpExporter();
            });
        }
        telemetry
            .WithMetrics(m => m
                .AddMeter(HubTelemetry.Name, "MassTransit")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithTags("Operations").WithSummary("Liveness: the process runs and serves HTTP");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
            {
                Predicate = c => c.Tags.Contains(ReadyTag),
                ResponseWriter = WriteAsync,
                // Degraded (an agency's breaker open) is still ready: the hub answers partial profiles on time.
                ResultStatusCodes = { [HealthStatus.Healthy] = 200, [HealthStatus.Degraded] = 200, [HealthStatus.Unhealthy] = 503 },
            })
            .WithTags("Operations").WithSummary("Readiness: storage and bus work; each agency's state is reported without one dead agency making the hub unready");
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapGet("/dashboard", () => TypedResults.Redirect("/dashboard/index.html")).ExcludeFromDescription();

        app.MapStatisticsApi();
        return app;
    }

    /// <summary>The audit log's size, for the hub role (whose engine keeps the log).</summary>
    public static RouteHandlerBuilder MapAuditVolume(this WebApplication app) =>
        app.MapGroup("/api/v1/operations").WithTags("Operations")
            .MapGet("/audit-volume", (IAuditStore audit) => TypedResults.Ok(new AuditVolume(audit.Count())))
            .WithName("GetAuditVolume")
            .WithSummary("How many audit records this hub instance holds (a count, nothing about whom)");

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            totalMs = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}

/// <summary>Ready only if the data directory takes a write (audit, applications and caches live there).</summary>
internal sealed class StorageHealthCheck(IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var directory = DataDirectory.Of(configuration);
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, ".health-probe");
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            File.Delete(probe);
            return HealthCheckResult.Healthy("data directory writable", new Dictionary<string, object> { ["directory"] = directory });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy("data directory not writable: " + e.Message, e, new Dictionary<string, object> { ["directory"] = directory });
        }
    }
}

/// <param name="Records">Audit records held by this instance.</param>
public sealed record AuditVolume(long Records);
