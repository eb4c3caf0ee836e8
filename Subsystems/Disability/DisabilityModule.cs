using IntegrationHub.Disability.Appeals;
using IntegrationHub.Disability.Extracts;
using IntegrationHub.Disability.Records;
using IntegrationHub.Disability.Storage.Postgres;
using IntegrationHub.Modules;
using IntegrationHub.Modules.HubAccess;
using IntegrationHub.Storage;
using IntegrationHub.Storage.Postgres;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Disability;

/// <summary>The disability module (role <c>disability</c>): its services, its HTTP API; it asks the hub for health records over the bus.</summary>
public sealed class DisabilityModule : IHubModule
{
    public string Role => "disability";

    public void AddServices(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DisabilityOptions>()
            .Bind(builder.Configuration.GetSection(DisabilityOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                "Disability:PublicBaseUrl must be an absolute http(s) address (it goes into every extract's QR code).")
            .Validate(o => o.Lookup.PerClientWindow > TimeSpan.Zero && o.Lookup.PerIdWindow > TimeSpan.Zero && o.Lookup.MinimumDuration >= TimeSpan.Zero,
                "Disability:Lookup windows must be positive and MinimumDuration not negative.")
            .Validate(o => o.Lookup.Retention >= o.Lookup.PerIdWindow,
                "Disability:Lookup:Retention must be at least PerIdWindow: a card's count is read from the lookup records of that window.")
            .Validate(o => o.Lookup.RefusalFlushInterval >= TimeSpan.FromSeconds(1) && o.Lookup.RefusalFlushInterval <= TimeSpan.FromHours(1),
                "Disability:Lookup:RefusalFlushInterval must be between 00:00:01 and 01:00:00.")
            .Validate(o => o.Rules.Term81To100Years is >= 1 and <= 10 && o.Rules.Term61To80Years is >= 1 and <= 10
                    && o.Rules.Term31To60Years is >= 1 and <= 10 && o.Rules.TermUnder18Years is >= 1 and <= 18,
                "Disability:Rules terms are 1-10 years (1-18 under 18).")
            .Validate(o => !o.Appeals.Problems().Any(), "Disability:Appeals: Period positive, DecisionWorkingDays 1-100, AtRiskWorkingDays 0 or more and below it, FixedHolidays as MM-dd, Holidays as yyyy-MM-dd.")
            .ValidateOnStart();

        if (builder.Configuration.UsesPostgres())
        {
            // Storage:Provider=Postgres: cases, appeals, lookups, limits and extracts shared by every disability instance.
            services.AddStorageProvider(builder.Configuration);
            services.AddSingleton<IDisabilityStore>(sp => new PostgresDisabilityStore(sp.GetRequiredService<PostgresDatabase>()));
        }
        else
        {
            services.AddSingleton<IDisabilityStore>(sp => new LiteDbDisabilityStore(new DurableStore(
                new DurableStoreOptions(DataDirectory.File(builder.Configuration, LiteDbDisabilityStore.FileName)),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<DurableStore>())));
        }
        services.AddSingleton(sp => new ExamSchedule(sp.GetRequiredService<IOptions<DisabilityOptions>>().Value.Rules));
        services.AddHubProfileClient();
        services.AddScoped<ReferralService>();
        services.AddSingleton<ExamService>();
        services.AddSingleton<ExtractService>();
        services.AddSingleton<AppealService>();
        services.AddSingleton<LastExamLookup>();
        services.AddHostedService<LookupMaintenance>();
        services.AddHostedService<RecordsRetryWorker>();
    }

    // None of its own: its store is a file in the data directory, or the shared database, which the host's checks cover.
    public void AddHealthChecks(IHealthChecksBuilder checks) { }

    // None: it only asks the hub, through the request client behind HubProfileClient.
    public void AddConsumers(IBusRegistrationConfigurator bus) { }

    public void MapEndpoints(WebApplication app) => app.MapDisabilityApiV1();
}
