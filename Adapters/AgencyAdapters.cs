using IntegrationHub.Adapters.CivilRegistry;
using IntegrationHub.Adapters.DisabilityRegistry;
using IntegrationHub.Adapters.Education;
using IntegrationHub.Adapters.EmploymentAgency;
using IntegrationHub.Adapters.Health;
using IntegrationHub.Adapters.LabourContracts;
using IntegrationHub.Adapters.Land;
using IntegrationHub.Adapters.Population;
using IntegrationHub.Adapters.Property;
using IntegrationHub.Adapters.SocialFund;
using IntegrationHub.Adapters.StatusRegistries;
using IntegrationHub.Adapters.Tax;
using IntegrationHub.Adapters.TrafficPolice;
using IntegrationHub.Adapters.Utilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Adapters;

/// <summary>Registers every agency adapter. Adding an agency adds one line here and nothing in the hub.</summary>
public static class AgencyAdapters
{
    public static IServiceCollection AddAgencyAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPopulationRegisterAdapter(configuration);
        services.AddCivilRegistryAdapter(configuration);
        services.AddTaxServiceAdapter(configuration);
        services.AddLabourContractsAdapter(configuration);
        services.AddSocialFundAdapter(configuration);
        services.AddPropertyRegistryAdapter(configuration);
        services.AddAgricultureRegistryAdapter(configuration);
        services.AddUtilitiesGatewayAdapter(configuration);
        services.AddHealthRegistriesAdapter(configuration);
        services.AddEmploymentAgencyAdapter(configuration);
        services.AddDisabilityRegistryAdapter(configuration);
        services.AddEducationRegistryAdapter(configuration);
        services.AddTrafficPoliceAdapter(configuration);
        services.AddStatusRegistriesAdapter(configuration);
        return services;
    }
}
