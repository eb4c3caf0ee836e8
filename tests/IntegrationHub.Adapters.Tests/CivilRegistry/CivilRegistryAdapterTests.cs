using IntegrationHub.Adapters.CivilRegistry;
using IntegrationHub.Adapters.Tests.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles.DataSets;
using IntegrationHub.Mocks;
using IntegrationHub.Mocks.Population;

namespace IntegrationHub.Adapters.Tests.CivilRegistry;

public sealed class CivilRegistryAdapterTests(MockCountryFixture fixture) : IClassFixture<MockCountryFixture>
{
    private MockCountry Country => fixture.Country;

    [Fact]
    public async Task Fetch_FamilyMembers_SeeTheirTiesFromTheirOwnSide()
    {
        using var services = AdapterTestHost.Create(Country);
        var adapter = services.Adapter(CivilRegistryAdapter.Key);
        var family = Country.Population.Households.First(h => h.Kind == "low-income-family");
        var (father, mother, children) = (family.Members[0], family.Members[1], family.Members.Where(m => m.Role == "child").ToList());

        var fathers = await Fetch(father);
        var childs = await Fetch(children[0]);

        Assert.Contains(fathers.Relations, r => r.Tie == FamilyTie.Spouse && r.Relative.Value == mother.Fin && r.ActReference.StartsWith("MARRIAGE ", StringComparison.Ordinal));
        Assert.Equal(
            children.Select(c => (c.Fin, (DateOnly?)c.BirthDate)).Order(),
            fathers.Relations.Where(r => r.Tie == FamilyTie.Child).Select(r => (r.Relative.Value, r.RelativeBirthDate)).Order());
        Assert.Equal(
            new[] { father.Fin, mother.Fin }.Order(),
            childs.Relations.Where(r => r.Tie == FamilyTie.Parent).Select(r => r.Relative.Value).Order());

        async Task<FamilyRelationsData> Fetch(Person person) =>
            Assert.IsType<FamilyRelationsData>(await adapter.FetchAsync(Fin.Parse(person.Fin), AdapterTestHost.Query(Country), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Fetch_Widow_SeesHerHusbandAsDeceasedSpouse()
    {
        using var services = AdapterTestHost.Create(Country);
        var family = Country.Population.Households.First(h => h.Kind == "deceased-member");
        var (husband, widow) = (family.Members[0], family.Members[1]);

        var data = Assert.IsType<FamilyRelationsData>(await services.Adapter(CivilRegistryAdapter.Key)
            .FetchAsync(Fin.Parse(widow.Fin), AdapterTestHost.Query(Country), TestContext.Current.CancellationToken));

        var spouse = Assert.Single(data.Relations, r => r.Tie == FamilyTie.Spouse);
        Assert.Equal(husband.Fin, spouse.Relative.Value);
        Assert.True(spouse.RelativeDeceased);
        Assert.Equal(husband.DateOfDeath, spouse.Until);
    }
}
