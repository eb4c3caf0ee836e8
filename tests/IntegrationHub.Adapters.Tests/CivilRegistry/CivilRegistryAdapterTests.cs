using IntegrationHub.Adapters.CivilRegistry;

namespace IntegrationHub.Adapters.Tests.CivilRegistry;

public sealed class CivilRegistryAdapterTests(MockCountryFixture fixture) : MockCountryAdapterTests(fixture, CivilRegistryAdapter.Key)
{
    [Fact]
    public async Task Fetch_FamilyMembers_SeeTheirTiesFromTheirOwnSide()
    {
        var family = Country.Population.Households.First(h => h.Kind == "low-income-family");
        var (father, mother, children) = (family.Members[0], family.Members[1], family.Members.Where(m => m.Role == "child").ToList());

        var fathers = await FetchAsync<FamilyRelationsData>(father.Fin);
        var childs = await FetchAsync<FamilyRelationsData>(children[0].Fin);

        Assert.Contains(fathers.Relations, r => r.Tie == FamilyTie.Spouse && r.Relative.Value == mother.Fin && r.ActReference.StartsWith("MARRIAGE ", StringComparison.Ordinal));
        Assert.Equal(
            children.Select(c => (c.Fin, (DateOnly?)c.BirthDate)).Order(),
            fathers.Relations.Where(r => r.Tie == FamilyTie.Child).Select(r => (r.Relative.Value, r.RelativeBirthDate)).Order());
        Assert.Equal(
            new[] { father.Fin, mother.Fin }.Order(),
            childs.Relations.Where(r => r.Tie == FamilyTie.Parent).Select(r => r.Relative.Value).Order());
    }

    [Fact]
    public async Task Fetch_Widow_SeesHerHusbandAsDeceasedSpouse()
    {
        var family = Country.Population.Households.First(h => h.Kind == "deceased-member");
        var (husband, widow) = (family.Members[0], family.Members[1]);

        var data = await FetchAsync<FamilyRelationsData>(widow.Fin);

        var spouse = Assert.Single(data.Relations, r => r.Tie == FamilyTie.Spouse);
        Assert.Equal(husband.Fin, spouse.Relative.Value);
        Assert.True(spouse.RelativeDeceased);
        Assert.Equal(husband.DateOfDeath, spouse.Until);
    }
}
