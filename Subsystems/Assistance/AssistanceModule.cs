using IntegrationHub.Assistance.Api;
using IntegrationHub.Assistance.Applications;
using IntegrationHub.Assistance.Clock;
using IntegrationHub.Assistance.Notifications;
using IntegrationHub.Assistance.Processing;
using IntegrationHub.Modules.HubAccess;
using IntegrationHub.Storage;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Assistance;

/// <summary>The assistance module: its services, its message consumers and its HTTP API.</summary>
public static class AssistanceModule
{
    /// <summary>Setting that turns the case worker and the outbox dispatcher off (a read-only instance, or tests that drive them by hand).</summary>
    public const string RunWorkersSetting = "Assistance:RunWorkers";

    public static WebApplicationBuilder AddAssistanceModule(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var dataDirectory = DataDirectory.Of(builder.Configuration);
        services.AddOptions<AssistanceOptions>()
            .Bind(builder.Configuration.GetSection(AssistanceOptions.SectionName))
            .Configure(o => o.DataDirectory = dataDirectory)
            .Validate(o => !o.Problems().Any(), "Assistance settings are invalid")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AssistanceOptions>, AssistanceOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new WorkingCalendar(sp.GetRequiredService<IOptions<AssistanceOptions>>().Value.Calendar));
        services.AddSingleton(sp => new AssistanceStore(
            Path.Combine(sp.GetRequiredService<IOptions<AssistanceOptions>>().Value.DataDirectory, "assistance.db"),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<AssistanceStore>()));
        services.AddSingleton<CaseWakeup>();
        services.AddSingleton<OutboxWakeup>();
        services.AddHubProfileClient();
        services.AddSingleton<CaseWorker>();
        services.AddSingleton<OutboxDispatcher>();
        // The default senders; a deployment registers its own INoticeSender for a channel after these to replace one.
        services.AddSingleton<INoticeSender, SmtpNoticeSender>();
        services.AddSingleton<INoticeSender, SmsFileSender>();
        services.AddSingleton<INoticeSender, ECabinetFileSender>();
        if (builder.Configuration.GetValue(RunWorkersSetting, true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<CaseWorker>());
            services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        }
        return builder;
    }

    public static IEndpointRouteBuilder MapAssistanceApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapAssistanceApiV1();
        return app;
    }
}

/// <summary>Names every invalid setting at start-up instead of one generic failure.</summary>
internal sealed class AssistanceOptionsValidator : IValidateOptions<AssistanceOptions>
{
    public ValidateOptionsResult Validate(string? name, AssistanceOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
