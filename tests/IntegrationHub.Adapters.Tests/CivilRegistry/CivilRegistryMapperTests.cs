using IntegrationHub.Adapters.CivilRegistry;

namespace IntegrationHub.Adapters.Tests.CivilRegistry;

public sealed class CivilRegistryMapperTests
{
    private static readonly Fin Husband = Fin.Parse("5ABC12D");
    private const string Wife = "7XYZ34K";
    private const string Son = "2MNP56Q";

    private static CivilActDto Act(string kind, string number, DateOnly on, params ActPartyDto[] parties) => new(kind, number, on, parties);

    private static ActPartyDto P(string fin, string role, DateOnly? born = null, DateOnly? died = null) => new(fin, role, born, died);

    private static FamilyRelationsData Map(Fin citizen, params CivilActDto[] acts) =>
        CivilRegistryMapper.ToFamilyRelations(citizen, new CitizenActsDto(citizen.Value, acts));

    [Fact]
    public void ToFamilyRelations_MarriageAndBirth_GivesSpouseAndChildFromParentsView()
    {
        var data = Map(
            Husband,
            Act("BIRTH", "2013/20931", new DateOnly(2013, 2, 9), P(Husband.Value, "FATHER", new DateOnly(1985, 1, 1)), P(Son, "CHILD", new DateOnly(2013, 2, 7))),
            Act("MARRIAGE", "2011/4471", new DateOnly(2011, 6, 14), P(Husband.Value, "HUSBAND"), P(Wife, "WIFE", new DateOnly(1988, 3, 3))));

        Assert.Equal(2, data.Relations.Count);
        var spouse = data.Relations[0];
        Assert.Equal(FamilyTie.Spouse, spouse.Tie);
        Assert.Equal(Wife, spouse.Relative.Value);
        Assert.Equal(new DateOnly(2011, 6, 14), spouse.Since);
        Assert.Null(spouse.Until);
        Assert.Null(spouse.RelativeBirthDate);
        Assert.False(spouse.RelativeDeceased);
        Assert.Equal("MARRIAGE 2011/4471", spouse.ActReference);

        var child = data.Relations[1];
        Assert.Equal(FamilyTie.Child, child.Tie);
        Assert.Equal(Son, child.Relative.Value);
        Assert.Equal(new DateOnly(2013, 2, 7), child.RelativeBirthDate);
        Assert.Equal(new DateOnly(2013, 2, 7), child.Since);
        Assert.Equal("BIRTH 2013/20931", child.ActReference);
    }

    [Fact]
    public void ToFamilyRelations_ChildsView_GivesEveryParentOfTheBirthAct()
    {
        var son = Fin.Parse(Son);

        var data = Map(son, Act("BIRTH", "2013/20931", new DateOnly(2013, 2, 9),
            P(Husband.Value, "FATHER"), P(Wife, "MOTHER"), P(Son, "CHILD", new DateOnly(2013, 2, 7))));

        Assert.Equal([(FamilyTie.Parent, Husband.Value), (FamilyTie.Parent, Wife)], data.Relations.Select(r => (r.Tie, r.Relative.Value)));
        Assert.All(data.Relations, r => Assert.Equal(new DateOnly(2013, 2, 7), r.Since));
        Assert.All(data.Relations, r => Assert.Null(r.RelativeBirthDate));
    }

    [Fact]
    public void ToFamilyRelations_BirthActWithoutChildsBirthDate_UsesTheActDate()
    {
        var data = Map(Husband, Act("BIRTH", "2013/20931", new DateOnly(2013, 2, 9), P(Husband.Value, "FATHER"), P(Son, "CHILD")));

        Assert.Equal(new DateOnly(2013, 2, 9), data.Relations.Single().RelativeBirthDate);
    }

    [Fact]
    public void ToFamilyRelations_MarriageThenDivorce_GivesFormerSpouseUntilTheDivorce()
    {
        var data = Map(
            Husband,
            Act("DIVORCE", "2019/118", new DateOnly(2019, 10, 1), P(Wife, "WIFE"), P(Husband.Value, "HUSBAND")),
            Act("MARRIAGE", "2011/4471", new DateOnly(2011, 6, 14), P(Husband.Value, "HUSBAND"), P(Wife, "WIFE")));

        var former = Assert.Single(data.Relations);
        Assert.Equal(FamilyTie.FormerSpouse, former.Tie);
        Assert.Equal(new DateOnly(2011, 6, 14), former.Since);
        Assert.Equal(new DateOnly(2019, 10, 1), former.Until);
        Assert.Equal("DIVORCE 2019/118", former.ActReference);
    }

    [Fact]
    public void ToFamilyRelations_RemarriageOfTheSamePair_GivesFormerThenCurrentSpouse()
    {
        var data = Map(
            Husband,
            Act("MARRIAGE", "2005/10", new DateOnly(2005, 1, 1), P(Husband.Value, "HUSBAND"), P(Wife, "WIFE")),
            Act("DIVORCE", "2008/20", new DateOnly(2008, 1, 1), P(Husband.Value, "HUSBAND"), P(Wife, "WIFE")),
            Act("MARRIAGE", "2010/30", new DateOnly(2010, 1, 1), P(Husband.Value, "HUSBAND"), P(Wife, "WIFE")));

        Assert.Equal(
            [(FamilyTie.FormerSpouse, "DIVORCE 2008/20"), (FamilyTie.Spouse, "MARRIAGE 2010/30")],
            data.Relations.Select(r => (r.Tie, r.ActReference)));
    }

    [Fact]
    public void ToFamilyRelations_DivorceWithoutMarriageOnRecord_GivesFormerSpouseWithoutStart()
    {
        var data = Map(Husband, Act("DIVORCE", "2019/118", new DateOnly(2019, 10, 1), P(Husband.Value, "SPOUSE"), P(Wife, "SPOUSE")));

        var former = Assert.Single(data.Relations);
        Assert.Equal(FamilyTie.FormerSpouse, former.Tie);
        Assert.Null(former.Since);
        Assert.Equal(new DateOnly(2019, 10, 1), former.Until);
    }

    [Fact]
    public void ToFamilyRelations_DeceasedSpouse_IsMarkedDeceasedAndMarriageEndsAtDeath()
    {
        var wife = Fin.Parse(Wife);

        var data = Map(wife, Act("MARRIAGE", "2011/4471", new DateOnly(2011, 6, 14),
            P(Husband.Value, "HUSBAND", died: new DateOnly(2025, 3, 2)), P(Wife, "WIFE")));

        var spouse = Assert.Single(data.Relations);
        Assert.Equal(FamilyTie.Spouse, spouse.Tie);
        Assert.Equal(Husband, spouse.Relative);
        Assert.True(spouse.RelativeDeceased);
        Assert.Equal(new DateOnly(2025, 3, 2), spouse.Until);
    }

    [Fact]
    public void ToFamilyRelations_Adoption_GivesAdoptedChildAndParentSinceTheAdoption()
    {
        var adopted = Act("ADOPTION", "2020/77", new DateOnly(2020, 5, 5), P(Husband.Value, "ADOPTIVE_PARENT"), P(Son, "ADOPTED_CHILD", new DateOnly(2016, 8, 1)));

        var parentsView = Assert.Single(Map(Husband, adopted).Relations);
        var childsView = Assert.Single(Map(Fin.Parse(Son), adopted).Relations);

        Assert.Equal(FamilyTie.AdoptedChild, parentsView.Tie);
        Assert.Equal(new DateOnly(2020, 5, 5), parentsView.Since);
        Assert.Equal(new DateOnly(2016, 8, 1), parentsView.RelativeBirthDate);
        Assert.Equal("ADOPTION 2020/77", parentsView.ActReference);
        Assert.Equal(FamilyTie.Parent, childsView.Tie);
        Assert.Equal(Husband, childsView.Relative);
        Assert.Equal(new DateOnly(2020, 5, 5), childsView.Since);
    }

    [Fact]
    public void ToFamilyRelations_OwnDeathActOnly_GivesNoTies()
    {
        var data = Map(Husband, Act("DEATH", "2025/9", new DateOnly(2025, 3, 2), P(Husband.Value, "DECEASED", died: new DateOnly(2025, 3, 2))));

        Assert.Empty(data.Relations);
    }

    [Fact]
    public void ToFamilyRelations_NoActs_GivesNoTies() => Assert.Empty(Map(Husband).Relations);

    [Fact]
    public void ToFamilyRelations_UnknownActKind_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => Map(Husband, Act("NAME_CHANGE", "2020/1", new DateOnly(2020, 1, 1), P(Husband.Value, "APPLICANT"))));
        Assert.Contains("'NAME_CHANGE'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToFamilyRelations_RoleOfAnotherActKind_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => Map(Husband, Act("MARRIAGE", "2011/4471", new DateOnly(2011, 6, 14), P(Husband.Value, "FATHER"), P(Wife, "WIFE"))));
        Assert.Contains("'FATHER'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToFamilyRelations_ActNotNamingTheCitizen_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => Map(Husband, Act("MARRIAGE", "2011/4471", new DateOnly(2011, 6, 14), P(Son, "HUSBAND"), P(Wife, "WIFE"))));
        Assert.Contains("MARRIAGE 2011/4471", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToFamilyRelations_PartyFinNotAFin_IsRejected() =>
        Assert.Throws<FormatException>(() => Map(Husband, Act("MARRIAGE", "2011/4471", new DateOnly(2011, 6, 14), P(Husband.Value, "HUSBAND"), P("wife-1", "WIFE"))));
}
