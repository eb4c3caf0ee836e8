using IntegrationHub.Adapters.Tests.Common;
using IntegrationHub.Adapters.TrafficPolice;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles.DataSets;

namespace IntegrationHub.Adapters.Tests.TrafficPolice;

/// <summary>The adapter against the running mock: every field as the population holds it (a misnamed wire field would read as a default).</summary>
public sealed class TrafficPoliceAdapterTests(MockCountryFixture fixture) : IClassFixture<MockCountryFixture>
{
    [Fact]
    public async Task Fetch_DriversAndOthers_MatchThePopulation()
    {
        var country = fixture.Country;
        using var services = AdapterTestHost.Create(country);
        var adapter = services.Adapter(TrafficPoliceAdapter.Key);
        var drivers = country.Population.People.Where(p => p.Vehicles.Count > 0 || p.LicenceValidUntil is not null).ToList();
        Assert.Contains(drivers, p => p.Vehicles.Any(v => v.RehabilitationGrant));

        foreach (var person in drivers.Concat(country.Population.People.Where(p => p.Vehicles.Count == 0 && p.LicenceValidUntil is null).Take(10)))
        {
            var data = Assert.IsType<VehiclesData>(await adapter.FetchAsync(Fin.Parse(person.Fin), AdapterTestHost.Query(country), TestContext.Current.CancellationToken));

            Assert.Equal(
                person.Vehicles.Select(v => new Vehicle(v.Plate, v.Make, v.Model, v.Year, v.Owner ? VehicleHolding.Owner : VehicleHolding.User, v.RehabilitationGrant, v.Since)),
                data.Vehicles);
            Assert.Equal(person.LicenceValidUntil is { } until ? [new DrivingLicence("B", until)] : Array.Empty<DrivingLicence>(), data.Licences);
        }
    }
}
