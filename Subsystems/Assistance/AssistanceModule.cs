using IntegrationHub.Assistance.Api;
using IntegrationHub.Assistance.Applications.Storage;
using IntegrationHub.Assistance.LifeEvents;
using IntegrationHub.Assistance.Notifications;
using IntegrationHub.Modules;
using IntegrationHub.Storage.Postgres;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Assistance;

/// <summary>The assistance module (role <c>assistance</c>): its services, its HTTP API; it asks the hub for profiles over the bus.</summary>
public sealed class AssistanceModule : IHubModule
{
    /// <summary>Setting that turns the case worker, the re-evaluations, the reconciliation, the correction worker and the outbox dispatcher off (a read-only instance, or tests that drive them by hand).</summary>
    public const string RunWorkersSetting = "Assistance:RunWorkers";

    public const string RoleName = "assistance";

    public string Role => RoleName;

    public void AddServices(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var dataDirectory = DataDirectory.Of(builder.Configuration);
        services.AddOptions<AssistanceOptions>()
            .Bind(builder.Configuration.GetSection(AssistanceOptions.SectionName))
            .Configure(o => o.DataDirectory = dataDirectory)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AssistanceOptions>, AssistanceOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new WorkingCalendar(sp.GetRequiredService<IOptions<AssistanceOptions>>().Value.Calendar));
        if (builder.Configuration.UsesPostgres())
        {
            // Storage:Provider=Postgres: the cases, decisions and outbox of every assistance instance in the shared database.
            services.AddStorageProvider(builder.Configuration);
            services.AddSingleton<IAssistanceDatabase>(sp => new PostgresAssistanceDatabase(
                sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<IOptions<AssistanceOptions>>().Value.TakeFor));
        }
        else
        {
            services.AddSingleton<IAssistanceDatabase>(sp => new LiteDbAssistanceDatabase(
                Path.Combine(sp.GetRequiredService<IOptions<AssistanceOptions>>().Value.DataDirectory, "assistance.db"),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<AssistanceStore>()));
        }
        services.AddSingleton(sp => new AssistanceStore(sp.GetRequiredService<IAssistanceDatabase>()));
        services.AddSingleton<CaseWakeup>();
        services.AddSingleton<OutboxWakeup>();
        services.AddSingleton<ReEvaluationWakeup>();
        services.AddSingleton<ContestWakeup>();
        services.AddHubProfileClient();
        services.AddSingleton<CaseWorker>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<ReEvaluationWorker>();
        services.AddSingleton<Reconciliation>();
        services.AddSingleton<CorrectionWorker>();
        // The default senders; a deployment registers its own INoticeSender for a channel after these to replace one.
        services.AddSingleton<INoticeSender, SmtpNoticeSender>();
        services.AddSingleton<INoticeSender, SmsFileSender>();
        services.AddSingleton<INoticeSender, ECabinetFileSender>();
        if (builder.Configuration.GetValue(RunWorkersSetting, true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<CaseWorker>());
            services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
            services.AddHostedService(sp => sp.GetRequiredService<ReEvaluationWorker>());
            services.AddHostedService(sp => sp.GetRequiredService<Reconciliation>());
            services.AddHostedService(sp => sp.GetRequiredService<CorrectionWorker>());
        }
    }

    // None of its own: its store is a file in the data directory or the shared database, which the host's checks cover.
    public void AddHealthChecks(IHealthChecksBuilder checks) { }

    /// <summary>Changes in people's circumstances, on its own queue (the hub sends only what <c>Trust:LifeEvents</c> lets it hear of).</summary>
    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<PersonChangedConsumer, PersonChangedConsumerDefinition>();
    }

    public void MapEndpoints(WebApplication app) => app.MapAssistanceApiV1();
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
