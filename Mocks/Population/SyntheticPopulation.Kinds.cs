namespace IntegrationHub.Mocks.Population;

public sealed partial class SyntheticPopulation
{
    /// <summary>Household kinds with their weight in the random part of the population.</summary>
    private static readonly (string Name, int Weight)[] Kinds =
    [
        ("low-income-family", 20), ("single-parent", 8), ("pensioners", 12), ("large-family", 6),
        ("disability", 6), ("vehicle-owner", 8), ("rehabilitation-vehicle", 1), ("student", 5), ("entrepreneur", 5),
        ("deceased-member", 3), ("member-abroad", 2), ("member-in-prison", 1), ("conscript", 2), ("shared-meter", 4),
        ("well-off", 6), ("property-seller", 1), ("two-homes", 1), ("high-utilities", 1), ("job-refuser", 2),
        ("foreign-spouse", 1), ("farmers", 4), ("displaced", 2), ("state-care", 1), ("chernobyl", 1), ("single", 6),
    ];

    /// <summary>
    /// Households at the edges of the rules, one of each, built after all the others so that adding one changes no one
    /// generated before it (the README's sample citizens keep their FINs and outcomes).
    /// </summary>
    private static readonly string[] EdgeKinds = ["spouse-abroad", "spouse-elsewhere", "deceased-holder", "no-utility-account"];

    private string PickKind()
    {
        var total = Kinds.Sum(k => k.Weight);
        var roll = _random.Next(total);
        foreach (var (name, weight) in Kinds)
        {
            if ((roll -= weight) < 0) return name;
        }
        return Kinds[0].Name;
    }

    private void Build(string name, int number)
    {
        var rural = name is "farmers" || (name is "low-income-family" or "large-family" && Chance(0.3));
        var h = NewHousehold(number, name, rural);
        var stem = Pick(Names.Surnames);
        var father = AddPerson(h, "head", 'M', _random.Next(30, 58), stem, Pick(Names.Male));
        Person? mother = null;

        Person Wife(int? age = null)
        {
            var wife = AddPerson(h, "spouse", 'F', age ?? Math.Max(20, father.AgeOn(AsOf) - _random.Next(0, 6)), Pick(Names.Surnames), Pick(Names.Male));
            Marry(h, father, wife, Math.Max(1, Math.Min(father.AgeOn(AsOf), wife.AgeOn(AsOf)) - 20));
            return wife;
        }

        void Children(int count, int maxAge = 17)
        {
            for (var i = 0; i < count; i++) AddChild(h, father, mother, _random.Next(0, maxAge + 1));
        }

        decimal perPersonUtilities = Money(8, 16);
        Person? utilitiesHolder = null;
        var billed = true;
        switch (name)
        {
            case "low-income-family":
                mother = Wife();
                Children(_random.Next(1, 4));
                Employ(father, Money(400, 650));
                if (Chance(0.3)) Employ(mother, Money(400, 500));
                break;
            case "single-parent":
                // The head is the mother; the father is not part of the household and not in the data.
                h.Members.Remove(father);
                mother = AddPerson(h, "head", 'F', _random.Next(26, 45), stem, Pick(Names.Male));
                for (var i = 0; i < _random.Next(1, 4); i++)
                {
                    var child = AddPerson(h, "child", Chance(0.5) ? 'M' : 'F', _random.Next(1, 16), stem, father.GivenName);
                    Birth(h, mother, child);
                }
                if (Chance(0.6)) Employ(mother, Money(400, 550));
                mother.Allowances.Add(new Pension("child allowance", 60m, MonthsAgo(30)));
                mother.Notes.Add("single parent");
                _fins.Remove(father.Fin);
                break;
            case "pensioners":
                father = ReplaceHead(h, father, _random.Next(66, 85));
                mother = Wife(_random.Next(63, 80));
                Pension(father, Money(280, 450));
                Pension(mother, Money(250, 380));
                father.Notes.Add("pensioner couple");
                break;
            case "large-family":
                mother = Wife(_random.Next(30, 44));
                Children(_random.Next(4, 7));
                Employ(father, Money(450, 800));
                mother.Allowances.Add(new Pension("large-family allowance", 100m, MonthsAgo(40)));
                father.Notes.Add($"large family ({h.Members.Count} members)");
                break;
            case "disability":
                mother = Wife();
                Children(_random.Next(1, 3));
                Employ(father, Money(400, 600));
                Disable(Chance(0.5) ? mother : h.Members[^1], 5 * _random.Next(7, 20), Pick(new[] { "GENERAL_ILLNESS", "WORK_INJURY", "FROM_CHILDHOOD" }), _random.Next(1, 6));
                break;
            case "vehicle-owner":
                mother = Wife();
                Children(_random.Next(1, 3));
                Employ(father, Money(400, 700));
                Car(father, owner: Chance(0.8));
                father.Notes.Add("owns or uses a car");
                break;
            case "rehabilitation-vehicle":
                mother = Wife();
                Children(1);
                Employ(mother, Money(400, 500));
                Disable(father, 85, "WORK_INJURY", 3);
                Car(father, rehabilitation: true);
                father.Notes.Add("car given by the state for rehabilitation (not an asset)");
                break;
            case "student":
                mother = Wife(_random.Next(42, 55));
                var student = AddChild(h, father, mother, _random.Next(18, 23));
                student.Studies.Clear();
                student.Studies.Add(new Study(Pick(Names.Institutions), "BACHELOR", true, new DateOnly(AsOf.Year - _random.Next(0, 3), 9, 15), null));
                student.Notes.Add("full-time student under 23");
                Employ(father, Money(450, 700));
                break;
            case "entrepreneur":
                mother = Wife();
                Children(_random.Next(0, 3));
                father.Business = new Business(Code("", 9) + "2", "SIMPLIFIED", MonthsAgo(_random.Next(15, 100)), Money(250, 900));
                father.Notes.Add("entrepreneur on simplified tax");
                break;
            case "deceased-member":
                mother = Wife();
                Children(_random.Next(1, 3));
                Employ(mother, Money(400, 520));
                Die(h, father, _random.Next(3, 30));
                h.Members.Remove(father);
                h.Members.Insert(0, father); // keeps the head's meters and deeds; he is no longer a resident
                mother.Allowances.Add(new Pension("survivor's pension", Money(150, 220), father.DateOfDeath!.Value.AddMonths(1)));
                mother.Notes.Add("widow; husband deceased");
                break;
            case "member-abroad":
                mother = Wife(_random.Next(45, 60));
                father = h.Members[0];
                var abroad = AddChild(h, father, mother, _random.Next(22, 30));
                abroad.Studies.Clear();
                abroad.Status.Abroad = true;
                abroad.Notes.Add("living abroad (not counted)");
                Employ(father, Money(400, 600));
                break;
            case "member-in-prison":
                mother = Wife(_random.Next(45, 60));
                var prisoner = AddChild(h, father, mother, _random.Next(20, 30));
                prisoner.Studies.Clear();
                prisoner.Status.Prisoner = true;
                prisoner.Notes.Add("in prison (not counted)");
                Pension(father, Money(250, 320), "disability pension");
                break;
            case "conscript":
                mother = Wife(_random.Next(40, 52));
                var soldier = AddChild(h, father, mother, _random.Next(18, 20));
                soldier.Studies.Clear();
                soldier.Status.Conscript = true;
                soldier.Notes.Add("conscript (not counted)");
                Children(1, 15);
                Employ(father, Money(400, 600));
                break;
            case "shared-meter":
                // Parents with a married son, his wife and child under one roof and one set of meters.
                father = ReplaceHead(h, father, _random.Next(58, 70));
                mother = Wife(_random.Next(55, 66));
                var son = AddChild(h, father, mother, _random.Next(26, 34));
                son.Studies.Clear();
                var daughterInLaw = AddPerson(h, "other", 'F', son.AgeOn(AsOf) - 2, Pick(Names.Surnames), Pick(Names.Male));
                h.Acts.Add(new CivilAct("MARRIAGE", ActNumber(AsOf.AddYears(-4)), AsOf.AddYears(-4), son.Fin, daughterInLaw.Fin));
                var grandchild = AddPerson(h, "grandchild", 'M', _random.Next(0, 4), son.Surname, son.GivenName);
                Birth(h, son, grandchild);
                Birth(h, daughterInLaw, grandchild);
                Pension(father, Money(260, 350));
                Employ(son, Money(450, 600));
                father.Notes.Add("two families sharing one set of meters");
                break;
            case "well-off":
                mother = Wife();
                Children(_random.Next(1, 3));
                Employ(father, Money(1800, 3500));
                Employ(mother, Money(1200, 2500));
                Car(father);
                father.Notes.Add("income well above the need criterion");
                break;
            case "property-seller":
                mother = Wife();
                Children(2);
                Employ(father, Money(400, 500));
                father.Deals.Add(new EstateDeal(MonthsAgo(_random.Next(1, 10)), true, Code("DR-", 10), "RESIDENTIAL", Money(12 * LivingMinimum * 3, 12 * LivingMinimum * 10)));
                father.Notes.Add("sold a flat in the last 12 months above 12 x living minimum");
                break;
            case "two-homes":
                mother = Wife();
                Children(1);
                Employ(father, Money(400, 550));
                Home(father, h);
                father.Properties.Add(new Estate(Code("DR-", 10), "RESIDENTIAL", "Mərdəkan qəs., Bağ küç. " + _random.Next(1, 90), 100m, Money(60, 150), MonthsAgo(_random.Next(24, 200))));
                father.Notes.Add("owns two homes at different addresses");
                break;
            case "high-utilities":
                h.Members.Clear();
                father = AddPerson(h, "head", 'M', _random.Next(35, 60), stem, Pick(Names.Male));
                Employ(father, Money(400, 450));
                perPersonUtilities = Money(0.16m * LivingMinimum, 0.3m * LivingMinimum);
                father.Notes.Add("utility bills above 15% of the living minimum per person");
                break;
            case "job-refuser":
                mother = Wife();
                Children(_random.Next(1, 3));
                Employ(mother, Money(400, 500));
                father.JobSeeker = new JobSeeker(MonthsAgo(8), null,
                [
                    (Code("OF-", 7), AsOf.AddDays(-_random.Next(60, 150)), Pick(Names.Employers).Name, Pick(Names.Positions)),
                    (Code("OF-", 7), AsOf.AddDays(-_random.Next(10, 55)), Pick(Names.Employers).Name, Pick(Names.Positions)),
                ]);
                father.Notes.Add("able-bodied, not working, refused 2 suitable job offers");
                break;
            case "foreign-spouse":
                mother = Wife();
                mother.Citizenship = Pick(new[] { "RUS", "TUR", "GEO", "UKR" });
                mother.Status.Foreigner = true;
                mother.Notes.Add($"foreign citizen ({mother.Citizenship}, not counted)");
                Children(_random.Next(1, 3));
                Employ(father, Money(400, 650));
                break;
            case "farmers":
                mother = Wife();
                Children(_random.Next(1, 4));
                father.Land.Add(new LandPlot(Code("TP-", 8), h.Address.Region, Math.Round(0.5m + (decimal)_random.NextDouble() * 3m, 2), "arable"));
                father.Cattle = _random.Next(1, 6);
                father.Sheep = _random.Next(0, 30);
                father.Poultry = _random.Next(5, 40);
                father.LandSubsidy = Money(80, 400);
                father.MonthlyRent = 0;
                father.Notes.Add("land share and livestock");
                break;
            case "displaced":
                mother = Wife();
                Children(_random.Next(1, 4));
                foreach (var m in h.Members) m.Status.Idp = true;
                father.Allowances.Add(new Pension("IDP food allowance", 30m * h.Members.Count, MonthsAgo(100)));
                Employ(father, Money(400, 550));
                father.Notes.Add("internally displaced family");
                break;
            case "state-care":
                mother = Wife(_random.Next(48, 60));
                var inCare = AddChild(h, father, mother, _random.Next(18, 30));
                inCare.Studies.Clear();
                inCare.Status.StateCare = true;
                Disable(inCare, 90, "FROM_CHILDHOOD", 15);
                inCare.Notes.Add("in full state care (not counted)");
                Employ(father, Money(400, 600));
                break;
            case "chernobyl":
                father = ReplaceHead(h, father, _random.Next(58, 70));
                mother = Wife(_random.Next(55, 65));
                Disable(father, 65, "CHERNOBYL", 20);
                Pension(father, Money(300, 420), "disability pension");
                break;
            case "single":
                Employ(father, Money(400, 900));
                if (Chance(0.2)) Car(father);
                break;
            case "spouse-abroad":
                // Registered at the family's address, but living abroad: not counted, and her pension with her.
                mother = Wife();
                mother.Status.Abroad = true;
                Pension(mother, 200m, "disability pension");
                mother.Notes.Add("living abroad, pension 200 AZN (not counted)");
                Children(2);
                Employ(father, 350m);
                father.Notes.Add("wage 350 AZN; wife abroad");
                break;
            case "spouse-elsewhere":
                // Married, but registered at an address of her own: whether she shares the household is for a caseworker.
                mother = Wife();
                Children(1);
                Employ(father, Money(400, 550));
                var own = NewHousehold(number, name);
                h.Members.Remove(mother);
                mother.Household = own;
                mother.Role = "head";
                own.Members.Add(mother);
                Utilities(own, Money(8, 16), mother);
                mother.Notes.Add("married, registered apart from her husband");
                father.Notes.Add("wife registered at another address");
                break;
            case "deceased-holder":
                // The meters are still in the dead husband's name: no living member's FIN finds them.
                mother = Wife();
                Children(2);
                Employ(mother, Money(400, 450));
                Die(h, father, _random.Next(3, 30));
                h.Members.Remove(father);
                h.Members.Insert(0, father);
                utilitiesHolder = father;
                perPersonUtilities = Money(0.16m * LivingMinimum, 0.3m * LivingMinimum);
                // Her own father died years ago: a relative on record who was never a question of who the household is.
                var grandfather = AddPerson(h, "parent", 'M', mother.AgeOn(AsOf) + _random.Next(22, 35), Pick(Names.Surnames), Pick(Names.Male));
                Birth(h, grandfather, mother);
                Die(h, grandfather, _random.Next(30, 120));
                mother.Notes.Add("widow; utility accounts in her late husband's name, above 15% of the living minimum per person");
                break;
            case "no-utility-account":
                mother = Wife();
                Children(1);
                Employ(father, Money(400, 550));
                billed = false;
                father.Notes.Add("no utility account billed at the registered address (cost unknown, not zero)");
                break;
        }

        if (name is not ("two-homes" or "high-utilities" or "deceased-member") && Chance(0.6)) Home(h.Head, h);
        if (name == "deceased-member") Home(h.Members[1], h);
        if (billed) Utilities(h, perPersonUtilities, utilitiesHolder ?? (h.Head.Deceased ? h.Members[1] : h.Head));
        if (Chance(0.25))
        {
            var borrower = h.Members.First(m => !m.Deceased);
            borrower.OpenLoans = _random.Next(1, 3);
            borrower.LoanOutstanding = Money(300, 5000);
        }
        foreach (var adult in h.Members.Where(m => m.AgeOn(AsOf) >= 25 && m.AgeOn(AsOf) < 60 && !m.Deceased && Chance(0.15)))
        {
            adult.SickLeave.Add((AsOf.AddDays(-_random.Next(20, 300)), AsOf.AddDays(-_random.Next(1, 19)), "J06.9"));
        }
        if (!EdgeKinds.Contains(name) && h.Members.Any(m => m.Jobs.Count > 0) && Chance(0.3))
        {
            // Someone changed jobs during the year: a past contract next to the current one.
            var worker = h.Members.First(m => m.Jobs.Count > 0);
            var current = worker.Jobs[0];
            worker.Jobs[0] = current with { Start = MonthsAgo(_random.Next(2, 8)) };
            Employ(worker, Math.Max(400m, current.MonthlyWage - 50), 40, _random.Next(2, 8) + 0);
            var past = worker.Jobs[^1];
            worker.Jobs[^1] = past with { End = worker.Jobs[0].Start.AddDays(-1) };
        }
    }

    /// <summary>Replaces the generated head with one of the given age (kinds that need an older head).</summary>
    private Person ReplaceHead(Household h, Person old, int age)
    {
        h.Members.Remove(old);
        _fins.Remove(old.Fin);
        var head = AddPerson(h, "head", 'M', age, old.Surname, Pick(Names.Male));
        h.Members.Remove(head);
        h.Members.Insert(0, head);
        return head;
    }
}
