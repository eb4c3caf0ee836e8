using System.Text.RegularExpressions;
using IntegrationHub.Mocks.Population;

namespace IntegrationHub.Mocks.Tests.Population;

public sealed partial class SyntheticPopulationTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 1);
    private static readonly SyntheticPopulation Country = SyntheticPopulation.Generate(2026, AsOf);

    [Fact]
    public void Generate_SameSeed_SamePeople()
    {
        var again = SyntheticPopulation.Generate(2026, AsOf);

        Assert.Equal(Country.People.Select(p => (p.Fin, p.GivenName, p.BirthDate, p.IdCardNumber)), again.People.Select(p => (p.Fin, p.GivenName, p.BirthDate, p.IdCardNumber)));
    }

    [Fact]
    public void Generate_OtherMonth_SameFins()
    {
        // The README's sample FINs hold whatever month a newcomer runs the hub in.
        var later = SyntheticPopulation.Generate(2026, AsOf.AddMonths(7));

        Assert.Equal(Country.People.Select(p => p.Fin), later.People.Select(p => p.Fin));
    }

    [Fact]
    public void Generate_OtherSeed_OtherPeople()
    {
        var other = SyntheticPopulation.Generate(7, AsOf);

        Assert.NotEqual(Country.People.Select(p => p.Fin).Take(20), other.People.Select(p => p.Fin).Take(20));
    }

    [Fact]
    public void Generate_Default_HasAtLeastAThousandHouseholdsOfEveryKind()
    {
        Assert.True(Country.Households.Count >= 1000);
        var kinds = Country.Households.Select(h => h.Kind).Distinct().ToList();
        foreach (var kind in new[]
        {
            "single-parent", "pensioners", "large-family", "disability", "vehicle-owner", "student", "entrepreneur",
            "deceased-member", "member-abroad", "member-in-prison", "shared-meter",
        })
        {
            Assert.Contains(kind, kinds);
        }
    }

    [Fact]
    public void Identifiers_AreValidAndUnique()
    {
        var people = Country.People.ToList();
        Assert.All(people, p => Assert.Matches(FinPattern(), p.Fin));
        Assert.All(people, p => Assert.Matches(CardPattern(), p.IdCardNumber));
        Assert.Equal(people.Count, people.Select(p => p.Fin).Distinct().Count());
        Assert.Equal(people.Count, people.Select(p => p.IdCardNumber).Distinct().Count());
    }

    [Fact]
    public void Households_ShareAddressAndMeters()
    {
        // Except the one household the gateway bills nothing for, on purpose (its cost is unknown, not zero).
        Assert.DoesNotContain(Country.Households.Single(h => h.Kind == "no-utility-account").Members, m => m.UtilityAccounts.Count > 0);
        foreach (var household in Country.Households.Where(h => h.Kind != "no-utility-account"))
        {
            var holders = household.Members.Where(m => m.UtilityAccounts.Count > 0).ToList();
            Assert.Single(holders);
            Assert.All(holders[0].UtilityAccounts, a => Assert.Equal(household.Address.Code, a.AddressId));
        }
        var shared = Country.Households.First(h => h.Kind == "shared-meter");
        Assert.True(shared.Members.Count >= 5);
    }

    [Fact]
    public void Marriages_AndBirths_TieRealMembers()
    {
        foreach (var act in Country.Households.SelectMany(h => h.Acts))
        {
            Assert.True(Country.ByFin.ContainsKey(act.FinA), $"{act.Kind} names an unknown person");
            if (act.FinB is not null) Assert.True(Country.ByFin.ContainsKey(act.FinB), $"{act.Kind} names an unknown person");
        }
    }

    [Fact]
    public void Samples_GiveOneLivingAdultPerKindWithANote()
    {
        var samples = Country.Samples();

        Assert.Equal(Country.Households.Select(h => h.Kind).Distinct().Count(), samples.Count);
        Assert.All(samples, s => Assert.False(Country.ByFin[s.Fin].Deceased));
        Assert.All(samples, s => Assert.True(Country.ByFin[s.Fin].AgeOn(AsOf) >= 18));
        Assert.All(samples, s => Assert.False(string.IsNullOrWhiteSpace(s.Notable)));
    }

    [Fact]
    public void EdgeKinds_ComeAfterTheRequestedHouseholds_SoTheyChangeNoOneBefore()
    {
        string[] edge = ["spouse-abroad", "spouse-elsewhere", "deceased-holder", "no-utility-account"];

        Assert.DoesNotContain(Country.Households.Take(1200), h => edge.Contains(h.Kind));
        Assert.Equal(edge, Country.Households.Skip(1200).Select(h => h.Kind).Distinct());
    }

    [Fact]
    public void EdgeKinds_HoldTheCasesTheyAreFor()
    {
        var abroad = Country.Households.Single(h => h.Kind == "spouse-abroad").Members.Single(m => m.Role == "spouse");
        Assert.True(abroad.Status.Abroad);
        Assert.Equal(200m, Assert.Single(abroad.Pensions).Monthly);

        var elsewhere = Country.Households.Where(h => h.Kind == "spouse-elsewhere").ToList();
        Assert.Equal(2, elsewhere.Count);
        var (husband, wife) = (elsewhere[0].Head, elsewhere[1].Head);
        Assert.NotEqual(elsewhere[0].Address.Code, elsewhere[1].Address.Code);
        Assert.Contains(Country.ActsByFin[husband.Fin], a => a.Kind == "MARRIAGE" && a.FinB == wife.Fin);

        var holder = Country.Households.Single(h => h.Kind == "deceased-holder");
        Assert.True(holder.Head.Deceased);
        Assert.Equal(4, holder.Head.UtilityAccounts.Count);
        Assert.All(holder.Members.Skip(1), m => Assert.Empty(m.UtilityAccounts));
    }

    [GeneratedRegex("^[A-HJ-NP-Z0-9]{7}$")]
    private static partial Regex FinPattern();

    [GeneratedRegex("^(AZE[0-9]{8}|AA[0-9]{7})$")]
    private static partial Regex CardPattern();
}
