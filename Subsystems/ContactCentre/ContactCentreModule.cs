using IntegrationHub.ContactCentre.Api;
using IntegrationHub.ContactCentre.Monitor;
using IntegrationHub.ContactCentre.Statistics;
using IntegrationHub.Modules;
using IntegrationHub.Storage;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.ContactCentre;

/// <summary>
/// The 142 contact centre (role <c>contact-centre</c>): calls registered by the telephony system and routed to their
/// department's queue, the operators' work on them, the supervisors' live monitor (its page included) and the
/// statistics. It asks the hub only to check a caller's ID card, over the bus.
/// </summary>
public sealed class ContactCentreModule : IHubModule
{
    /// <summary>Where the supervisors' monitor page is served.</summary>
    public const string MonitorPath = "/contact-centre/monitor";

    public string Role => "contact-centre";

    public void AddServices(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ContactCentreOptions>()
            .Bind(builder.Configuration.GetSection(ContactCentreOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ContactCentreOptions>, ContactCentreOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ICallStore>(sp => new LiteCallStore(
            DataDirectory.File(builder.Configuration, LiteCallStore.FileName), sp.GetRequiredService<ILoggerFactory>().CreateLogger<LiteCallStore>()));
        services.AddSingleton<LiveBoard>();
        services.AddSingleton<CallDesk>();
        services.AddSingleton<MonitorService>();
        services.AddSingleton<CallStatistics>();
        services.AddHubProfileClient();
        services.AddHostedService<BoardRebuild>();
    }

    // None of its own: its store is a file in the data directory, which the host's storage check covers.
    public void AddHealthChecks(IHealthChecksBuilder checks) { }

    // None: it only asks the hub (ID card checks), through the request client behind HubProfileClient.
    public void AddConsumers(IBusRegistrationConfigurator bus) { }

    public void MapEndpoints(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapContactCentreApiV1();
        // The page is static and carries no data: the figures come from the API with the supervisor's token.
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(ContactCentreModule).Assembly, "IntegrationHub.ContactCentre.Monitor"),
            RequestPath = MonitorPath,
        });
        app.MapGet(MonitorPath, () => TypedResults.Redirect(MonitorPath + "/index.html")).ExcludeFromDescription();
    }

    /// <summary>Fills the live board from the store before the first request: a restart keeps every queue and the last hour.</summary>
    private sealed class BoardRebuild(CallDesk desk) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            desk.Rebuild();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>Names every invalid setting at start-up instead of one generic failure.</summary>
internal sealed class ContactCentreOptionsValidator : IValidateOptions<ContactCentreOptions>
{
    public ValidateOptionsResult Validate(string? name, ContactCentreOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
