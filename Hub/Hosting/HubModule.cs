using IntegrationHub.Hub.Api;
using IntegrationHub.Hub.Engine;
using IntegrationHub.Hub.Engine.Events;
using IntegrationHub.Hub.Engine.LifeEvents;
using IntegrationHub.Hub.Messaging;
using IntegrationHub.Hub.Operations;
using IntegrationHub.Modules;

namespace IntegrationHub.Hub.Hosting;

/// <summary>
/// The hub role: the engine (Hub/Engine) behind its doors (the profiles, audit and life-events APIs, the agency state,
/// the <c>GetHouseholdProfile</c> consumer), its events on the bus, and in the default mode the mock country in-process.
/// </summary>
public sealed class HubModule : IHubModule
{
    public const string RoleName = "hub";

    private InProcessMocks? _mocks;

    public string Role => RoleName;

    public void AddServices(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // First: the mock country gives the agencies their addresses before the adapters read them.
        _mocks = InProcessMocks.Start(builder);
        builder.Services.AddHubEngine(builder.Configuration);
        builder.Services.AddSingleton<IEventPublisher, BusEventPublisher>();
        builder.Services.AddSingleton<IPersonChangedDelivery, BusPersonChangedDelivery>();
    }

    public void AddHealthChecks(IHealthChecksBuilder checks) =>
        checks.AddCheck<AgenciesHealthCheck>("agencies", tags: [OperationsExtensions.ReadyTag]);

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<GetHouseholdProfileConsumer, GetHouseholdProfileConsumerDefinition>();
        bus.AddConsumer<RecordOfficerLookConsumer, RecordOfficerLookConsumerDefinition>();
        bus.AddConsumer<CorrectionConsumers>().Endpoint(e => e.Name = "agency-corrections");
    }

    public void MapEndpoints(WebApplication app)
    {
        app.MapProfilesApiV1();
        app.MapAgencyStateApi();
        app.MapAuditApiV1();
        app.MapAuditVolume();
        app.MapLifeEventsApiV1();
        _mocks?.Map(app);
    }
}
