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

/// <summary>
/// Every agency the hub knows, once: key, display name, data set, and how it is wired. Whatever enumerates agencies
/// (the engine, readiness, the state endpoint and the dashboard, the cross-agency tests) enumerates what this list
/// registers. Adding an agency is one line here (docs/adding-an-agency.md); the mock country keeps its own list of
/// mocks under the same keys (Mocks/MockCountry.cs), since the mocks are an independent implementation of each API.
/// </summary>
public static class AgencyCatalog
{
    public static IReadOnlyList<AgencyDefinition> All { get; } =
    [
        AgencyDefinition.Of<IPopulationRegisterApi, PopulationRegisterAdapter, IdentityData>(
            PopulationRegisterAdapter.Key, "Population register (Interior Ministry)", IdentityData.DataSet, PopulationRegisterJsonContext.Default),
        AgencyDefinition.Of<ICivilRegistryApi, CivilRegistryAdapter, FamilyRelationsData>(
            CivilRegistryAdapter.Key, "Civil registry (Justice Ministry)", FamilyRelationsData.DataSet, CivilRegistryJsonContext.Default),
        AgencyDefinition.Of<ITaxServiceApi, TaxServiceAdapter, TaxIncomeData>(
            TaxServiceAdapter.Key, "State Tax Service", TaxIncomeData.DataSet, TaxServiceJsonContext.Default),
        AgencyDefinition.Of<ILabourContractsApi, LabourContractsAdapter, EmploymentData>(
            LabourContractsAdapter.Key, "Labour-contract registry (MLSPP)", EmploymentData.DataSet, LabourContractsJsonContext.Default),
        AgencyDefinition.Of<ISocialFundApi, SocialFundAdapter, PensionsBenefitsData>(
            SocialFundAdapter.Key, "State Social Protection Fund (DSMF)", PensionsBenefitsData.DataSet, SocialFundJsonContext.Default),
        AgencyDefinition.Of<IPropertyRegistryApi, PropertyRegistryAdapter, RealEstateData>(
            PropertyRegistryAdapter.Key, "Property registry (State Service on Property Issues)", RealEstateData.DataSet, PropertyRegistryJsonContext.Default),
        AgencyDefinition.Of<IAgricultureRegistryApi, AgricultureRegistryAdapter, LandData>(
            AgricultureRegistryAdapter.Key, "Land and agriculture registry (Ministry of Agriculture)", LandData.DataSet, AgricultureRegistryJsonContext.Default),
        AgencyDefinition.Of<IUtilitiesGatewayApi, UtilitiesGatewayAdapter, UtilitiesData>(
            UtilitiesGatewayAdapter.Key, "Utilities and telecom (Azərişıq, Azəriqaz, Azərsu, Aztelekom)", UtilitiesData.DataSet, UtilitiesGatewayJsonContext.Default),
        AgencyDefinition.Of<IHealthRegistriesApi, HealthRegistriesAdapter, HealthData>(
            HealthRegistriesAdapter.Key, "Health registries (Ministry of Health, TƏBİB)", HealthData.DataSet, HealthRegistriesJsonContext.Default),
        AgencyDefinition.Of<IEmploymentAgencyApi, EmploymentAgencyAdapter, JobSeekerData>(
            EmploymentAgencyAdapter.Key, "State Employment Agency", JobSeekerData.DataSet, EmploymentAgencyJsonContext.Default),
        AgencyDefinition.Of<IDisabilityRegistryApi, DisabilityRegistryAdapter, DisabilityData>(
            DisabilityRegistryAdapter.Key, "Disability registry (TSERAS)", DisabilityData.DataSet, DisabilityRegistryJsonContext.Default),
        AgencyDefinition.Of<IEducationRegistryApi, EducationRegistryAdapter, EducationData>(
            EducationRegistryAdapter.Key, "Education registry (Ministry of Science and Education)", EducationData.DataSet, EducationRegistryJsonContext.Default),
        AgencyDefinition.Of<ITrafficPoliceApi, TrafficPoliceAdapter, VehiclesData>(
            TrafficPoliceAdapter.Key, "Traffic police (State Road Police)", VehiclesData.DataSet, TrafficPoliceJsonContext.Default),
        AgencyDefinition.Of<IStatusRegistriesApi, StatusRegistriesAdapter, StatusFlagsData>(
            StatusRegistriesAdapter.Key, "Status registries (defence, penitentiary, migration, IDP, credit bureau)", StatusFlagsData.DataSet, StatusRegistriesJsonContext.Default),
    ];

    /// <summary>The catalog's agency <paramref name="key"/>.</summary>
    public static AgencyDefinition Get(string key) =>
        All.FirstOrDefault(a => a.Agency.Key == key)
        ?? throw new KeyNotFoundException($"No agency '{key}' in the catalog. Known: {string.Join(", ", All.Select(a => a.Agency.Key))}.");

    /// <summary>Registers every agency of the catalog; the hub sees each as an <see cref="IAgencyAdapter"/>, in this order.</summary>
    public static IServiceCollection AddAgencyAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var agency in All) services.AddAgency(agency, configuration);
        return services;
    }

    /// <summary>
    /// Registers one agency, as every agency of the catalog is registered (a test adds one the same way). Its key and
    /// its data set must be new: the access policy and the profile tell agencies apart by them.
    /// </summary>
    public static IServiceCollection AddAgency(this IServiceCollection services, AgencyDefinition agency, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(agency);
        var known = services.Where(s => s.ServiceType == typeof(AgencyDescriptor)).Select(s => (AgencyDescriptor)s.ImplementationInstance!).ToList();
        if (known.FirstOrDefault(a => a.Key == agency.Agency.Key || a.DataSet == agency.Agency.DataSet) is { } taken)
        {
            throw new InvalidOperationException($"Agency '{agency.Agency.Key}' (data set '{agency.Agency.DataSet}') is registered already as '{taken.Key}' (data set '{taken.DataSet}').");
        }
        services.AddSingleton(agency.Agency);
        agency.Register(services, configuration);
        return services;
    }
}
