using IntegrationHub.Adapters.DisabilityRegistry;
using IntegrationHub.Adapters.Education;
using IntegrationHub.Adapters.EmploymentAgency;
using IntegrationHub.Adapters.Population;
using IntegrationHub.Adapters.StatusRegistries;
using IntegrationHub.Adapters.TrafficPolice;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Adapters;

/// <summary>Registers every agency adapter. Adding an agency adds one line here and nothing in the hub.</summary>
public static class AgencyAdapters
{
    public static IServiceCollection AddAgencyAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPopulationRegisterAdapter(configuration);
        services.AddEmploymentAgencyAdapter(configuration);
        services.AddDisabilityRegistryAdapter(configuration);
        services.AddEducationRegistryAdapter(configuration);
        services.AddTrafficPoliceAdapter(configuration);
        services.AddStatusRegistriesAdapter(configuration);
        return services;
    }
}
