using IntegrationHub.Adapters.TrafficPolice;

namespace IntegrationHub.Adapters.Tests.TrafficPolice;

/// <summary>The adapter against the running mock: every field as the population holds it.</summary>
public sealed class TrafficPoliceAdapterTests(MockCountryFixture fixture) : MockCountryAdapterTests(fixture, TrafficPoliceAdapter.Key)
{
    [Fact]
    public async Task Fetch_DriversAndOthers_MatchThePopulation()
    {
        var drivers = Country.Population.People.Where(p => p.Vehicles.Count > 0 || p.LicenceValidUntil is not null).ToList();
        Assert.Contains(drivers, p => p.Vehicles.Any(v => v.RehabilitationGrant));

        await AssertEveryoneMatchesThePopulationAsync<VehiclesData>(drivers, (person, data) =>
        {
            Assert.Equal(
                person.Vehicles.Select(v => new Vehicle(v.Plate, v.Make, v.Model, v.Year, v.Owner ? VehicleHolding.Owner : VehicleHolding.User, v.RehabilitationGrant, v.Since)),
                data.Vehicles);
            Assert.Equal(person.LicenceValidUntil is { } until ? [new DrivingLicence("B", until)] : Array.Empty<DrivingLicence>(), data.Licences);
        });
    }
}
