using IntegrationHub.Employment.Bulk;
using IntegrationHub.Employment.Certificates;
using IntegrationHub.Employment.Events;
using IntegrationHub.Modules;
using IntegrationHub.Modules.HubAccess;
using IntegrationHub.Storage;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Employment;

/// <summary>
/// The employment module (role <c>employment</c>): the ministry's own registry of labour contracts, with employers'
/// notifications (single and bulk), the registry's views, the labour-contracts data set served as an agency API, the
/// workplace certificate, and the life events of contracts started and ended. It asks the hub about employees over the bus.
/// </summary>
public sealed class EmploymentModule : IHubModule
{
    public string Role => "employment";

    public void AddServices(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<EmploymentOptions>()
            .Bind(builder.Configuration.GetSection(EmploymentOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                "Employment:PublicBaseUrl must be an absolute http(s) address (it goes into every certificate's QR code).")
            .Validate(o => o.MinimumWages.Count > 0 && o.MinimumWages.All(w => w.Amount > 0) && o.MinimumWages.Select(w => w.From).Distinct().Count() == o.MinimumWages.Count,
                "Employment:MinimumWages needs at least one figure, each above zero, one per date.")
            .Validate(o => o.Employers.Keys.All(v => Contracts.Identifiers.Voen.TryParse(v, out _, out _)) && o.Employers.Values.All(e => !string.IsNullOrWhiteSpace(e.Name)),
                "Employment:Employers is keyed by VÖEN (10 digits ending in 1 or 2), each with a Name.")
            .ValidateOnStart();

        services.AddSingleton<IEmploymentStore>(sp => new LiteDbEmploymentStore(
            DataDirectory.File(builder.Configuration, LiteDbEmploymentStore.FileName), sp.GetRequiredService<ILoggerFactory>().CreateLogger<DurableStore>()));
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<EmploymentOptions>>().Value;
            return new LabourRules(o.MinimumWages, o.NormalWeeklyHours);
        });
        services.AddHubProfileClient();
        services.AddSingleton<Registrar>();
        services.AddSingleton<PersonDirectory>();
        services.AddSingleton<EmployerDirectory>();
        services.AddSingleton<NotificationService>();
        services.AddSingleton<EventSignal>();
        services.AddHostedService<EventDispatcher>();
        services.AddSingleton<BulkSignal>();
        services.AddSingleton<BulkService>();
        services.AddSingleton<BulkWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<BulkWorker>());
        services.AddSingleton<CertificateService>();
    }

    // None of its own: its store is a file in the data directory, which the host's storage check covers.
    public void AddHealthChecks(IHealthChecksBuilder checks) { }

    // None: it asks the hub (HubProfileClient) and publishes its events; it consumes nothing.
    public void AddConsumers(IBusRegistrationConfigurator bus) { }

    public void MapEndpoints(WebApplication app) => app.MapEmploymentApiV1();
}
