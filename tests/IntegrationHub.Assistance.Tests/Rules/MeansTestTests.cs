using IntegrationHub.Contracts.Profiles.DataSets;

namespace IntegrationHub.Assistance.Tests.Rules;

public sealed class MeansTestTests
{
    private static readonly DateOnly In2020 = new(2020, 6, 15);
    private static readonly RuleSet Rules = new();

    private static ProfileBuilder Family(decimal applicantIncome, decimal spouseIncome = 0, int children = 2)
    {
        var b = new ProfileBuilder().Applicant(applicantIncome).Member(RelationToApplicant.Spouse, spouseIncome);
        for (var i = 0; i < children; i++) b.Member(RelationToApplicant.Child, age: 8 + i);
        return b;
    }

    private static MeansTestResult Evaluate(ProfileBuilder b, RuleSet? rules = null, DateOnly? on = null) =>
        MeansTest.Evaluate(b.Declaration(), b.Build(), rules ?? Rules, on ?? In2020);

    [Fact]
    public void WorkedExample_FourMembersCriterion160Income400_Grants240()
    {
        var result = Evaluate(Family(400));

        Assert.Equal(MeansTestOutcome.Approved, result.Outcome);
        Assert.Equal(160m, result.Criterion);
        Assert.Equal(4, result.Counted.Count);
        Assert.Equal(640m, result.Threshold);
        Assert.Equal(240m, result.MonthlyAmount);
        Assert.Equal(new DateOnly(2020, 6, 1), result.PeriodFrom);
        Assert.Equal(new DateOnly(2021, 5, 31), result.PeriodTo);
    }

    [Theory]
    [InlineData(639.99, "Approved", 0.01)]
    [InlineData(640.00, "Refused", null)]
    [InlineData(640.01, "Refused", null)]
    [InlineData(0, "Approved", 640.0)]
    public void Income_AtTheBoundary_IsDecidedByStrictlyBelow(decimal income, string outcome, double? amount)
    {
        var result = Evaluate(Family(income));

        Assert.Equal(Enum.Parse<MeansTestOutcome>(outcome), result.Outcome);
        Assert.Equal(amount is null ? null : (decimal)amount.Value, result.MonthlyAmount);
        if (result.Outcome == MeansTestOutcome.Refused) Assert.Equal([RefusalReasons.IncomeAboveThreshold], result.Reasons.Select(r => r.Code));
    }

    [Theory]
    [InlineData(2016, 105)]
    [InlineData(2017, 116)]
    [InlineData(2018, 130)]
    [InlineData(2019, 143)]
    [InlineData(2020, 160)]
    [InlineData(2021, 170)]
    [InlineData(2022, 200)]
    [InlineData(2023, 246)]
    [InlineData(2024, 270)]
    [InlineData(2025, 285)]
    [InlineData(2026, 300)]
    public void NeedCriterion_ByYearOfApplication_ComesFromTheRules(int year, int criterion)
    {
        var result = Evaluate(Family(100), on: new DateOnly(year, 3, 1));

        Assert.Equal(criterion, result.Criterion);
        Assert.Equal(criterion * 4 - 100, result.MonthlyAmount);
    }

    public static TheoryData<string, string> NotCountedCases => new()
    {
        { "conscript", "conscript" }, { "prisoner", "prisoner" }, { "wanted", "wanted" }, { "abroad", "abroad" },
        { "foreigner", "foreigner" }, { "state-care", "state-care" },
    };

    [Theory]
    [MemberData(nameof(NotCountedCases))]
    public void Member_WithAStatusThatExcludesThem_IsNotCountedNorTheirIncome(string flag, string reason)
    {
        var b = Family(400, children: 1).Member(RelationToApplicant.Child, 300, age: 22, change: m => m with
        {
            StatusFlags = ProfileBuilder.Ok(new StatusFlagsData(flag == "conscript", flag == "prisoner", flag == "wanted", flag == "abroad", flag == "foreigner", flag == "state-care", false, null)),
        });

        var result = Evaluate(b);

        Assert.Equal(3, result.Counted.Count);
        Assert.Equal(reason, Assert.Single(result.NotCounted).Reason);
        Assert.Equal(400m, result.TotalMonthlyIncome);
        Assert.Equal(3 * 160m - 400m, result.MonthlyAmount);
    }

    [Fact]
    public void MissingAgencyData_NeverRefuses_ItAsksForTheDataInstead()
    {
        var b = Family(2000).Member(RelationToApplicant.Child, change: m => m with { Vehicles = ProfileBuilder.Failed<VehiclesData>() });

        var result = Evaluate(b);

        Assert.Equal(MeansTestOutcome.NeedsData, result.Outcome);
        Assert.Empty(result.Reasons);
        Assert.Contains(result.MissingData, m => m.Contains("vehicles", StringComparison.Ordinal));
    }

    [Fact]
    public void IncompleteIncome_NeedsData()
    {
        Assert.Equal(MeansTestOutcome.NeedsData, Evaluate(Family(100).IncomeIncomplete()).Outcome);
    }

    [Fact]
    public void DataSetNotPermitted_NeedsData()
    {
        var b = Family(100).Member(RelationToApplicant.Child, change: m => m with { RealEstate = null });

        Assert.Equal(MeansTestOutcome.NeedsData, Evaluate(b).Outcome);
    }

    // One household per refusal reason, everything else eligible (4 members, 400 AZN: 240 AZN if nothing refuses).
    public static TheoryData<string> Reasons => new(RefusalReasons.All);

    [Theory]
    [MemberData(nameof(Reasons))]
    public void EachRefusalReason_AloneRefusesWithThatReasonOnly(string reason)
    {
        var (b, declarationChange) = HouseholdWith(reason);
        var declaration = declarationChange(b.Declaration());

        var result = MeansTest.Evaluate(declaration, b.Build(), Rules, In2020);

        Assert.Equal(MeansTestOutcome.Refused, result.Outcome);
        Assert.Equal([reason], result.Reasons.Select(r => r.Code));
        Assert.Equal(RefusalReasons.Number(reason), result.Reasons[0].Number);
        foreach (var language in DecisionTexts.Languages)
        {
            var text = DecisionTexts.Decision(language, "VEM-2020-000001", result);
            Assert.Contains("VEM-2020-000001", text, StringComparison.Ordinal);
            Assert.Contains(DecisionTexts.Reason(language, result.Reasons[0], result), text, StringComparison.Ordinal);
            Assert.DoesNotContain(reason + ")", text, StringComparison.Ordinal);
        }
    }

    private static (ProfileBuilder, Func<ApplicationDeclaration, ApplicationDeclaration>) HouseholdWith(string reason)
    {
        var on = In2020;
        Func<ApplicationDeclaration, ApplicationDeclaration> same = d => d;
        var livingMinimum = Rules.LivingMinimumFor(2020);
        return reason switch
        {
            RefusalReasons.DeclarationMismatch => (Family(400), d => d with { Incomes = [new(d.Applicant, "wages", 250m)] }),
            RefusalReasons.IncomeAboveThreshold => (Family(640), same),
            RefusalReasons.LargeTransactions => (Family(400).Member(RelationToApplicant.Child, age: 5, change: m => m with
            {
                RealEstate = ProfileBuilder.Ok(new RealEstateData([], [new PropertyTransaction(on.AddMonths(-3), TransactionKind.Sale, "DR-1", PropertyPurpose.Residential, 12 * livingMinimum + 1)])),
            }), same),
            RefusalReasons.Vehicle => (Family(400).Member(RelationToApplicant.Child, age: 5, change: m => m with
            {
                Vehicles = ProfileBuilder.Ok(new VehiclesData([new Vehicle("10-AA-100", "Lada", "2107", 2005, VehicleHolding.User, false, on.AddYears(-1))], [])),
            }), same),
            RefusalReasons.RefusedJobOffers => (Family(400).Member(RelationToApplicant.Child, age: 25, change: m => m with
            {
                JobSeeker = ProfileBuilder.Ok(new JobSeekerData(true, on.AddMonths(-6), null,
                    [new JobOffer("OF-1", on.AddMonths(-4), "E", "P", true), new JobOffer("OF-2", on.AddMonths(-1), "E", "P", true)])),
            }), same),
            RefusalReasons.HighUtilities => (Family(400, children: 3).Member(RelationToApplicant.Child, age: 5, change: m => m with
            {
                // 6 members at 15 % of 160 = 24.00 each: 144.00 a month is exactly the limit.
                Utilities = ProfileBuilder.Ok(new UtilitiesData([], Enumerable.Range(0, 12).Select(i => new UtilityCharge(new DateOnly(2019, 6, 1).AddMonths(i), "ACC-1", 144m, 144m)).ToList())),
            }), same),
            RefusalReasons.MultipleProperties => (Family(400).Member(RelationToApplicant.Child, age: 5, change: m => m with
            {
                RealEstate = ProfileBuilder.Ok(new RealEstateData(
                    [new RealEstateHolding("DR-1", PropertyPurpose.Residential, "Bakı, A küç. 1", 100, 60, new DateOnly(2010, 1, 1)),
                     new RealEstateHolding("DR-2", PropertyPurpose.Residential, "Sumqayıt, B küç. 2", 100, 50, new DateOnly(2012, 1, 1))], [])),
            }), same),
            _ => throw new ArgumentOutOfRangeException(nameof(reason)),
        };
    }

    [Fact]
    public void Reasons_ThatAllApply_AreAllGiven()
    {
        var b = Family(900).Member(RelationToApplicant.Child, age: 5, change: m => m with
        {
            Vehicles = ProfileBuilder.Ok(new VehiclesData([new Vehicle("10-AA-100", "Lada", "2107", 2005, VehicleHolding.Owner, false, In2020)], [])),
        });

        var result = Evaluate(b);

        Assert.Equal([RefusalReasons.IncomeAboveThreshold, RefusalReasons.Vehicle], result.Reasons.Select(r => r.Code));
    }

    [Theory]
    [InlineData(143.99, false)]
    [InlineData(144.00, true)]
    public void Utilities_AtFifteenPercentOfTheLivingMinimumPerPerson_Refuse(decimal monthly, bool refused)
    {
        var b = Family(400, children: 3).Member(RelationToApplicant.Child, age: 5, change: m => m with
        {
            Utilities = ProfileBuilder.Ok(new UtilitiesData([], [new UtilityCharge(new DateOnly(2020, 1, 1), "ACC-1", monthly, 0)])),
        });

        Assert.Equal(refused, Evaluate(b).Reasons.Any(r => r.Code == RefusalReasons.HighUtilities));
    }

    [Theory]
    [InlineData(1920, false)] // 12 x 160 exactly: not above
    [InlineData(1920.01, true)]
    public void Transactions_Above12LivingMinimums_Refuse(decimal value, bool refused)
    {
        var b = Family(400).Member(RelationToApplicant.Child, age: 5, change: m => m with
        {
            RealEstate = ProfileBuilder.Ok(new RealEstateData([], [new PropertyTransaction(In2020.AddMonths(-2), TransactionKind.Purchase, "DR-9", PropertyPurpose.Garage, value)])),
        });

        Assert.Equal(refused, Evaluate(b).Reasons.Any(r => r.Code == RefusalReasons.LargeTransactions));
    }

    [Fact]
    public void RehabilitationVehicle_GivenByTheState_IsNotAReason()
    {
        var b = Family(400).Member(RelationToApplicant.Child, age: 5, change: m => m with
        {
            Vehicles = ProfileBuilder.Ok(new VehiclesData([new Vehicle("10-AA-100", "Zaz", "968", 2010, VehicleHolding.Owner, true, In2020)], [])),
        });

        Assert.Equal(MeansTestOutcome.Approved, Evaluate(b).Outcome);
    }

    [Fact]
    public void RefusedOffers_ByAMemberWhoWorks_AreNotAReason()
    {
        var b = Family(400).Member(RelationToApplicant.Child, 200, age: 25, change: m => m with
        {
            JobSeeker = ProfileBuilder.Ok(new JobSeekerData(true, In2020.AddMonths(-6), null,
                [new JobOffer("OF-1", In2020.AddMonths(-4), "E", "P", true), new JobOffer("OF-2", In2020.AddMonths(-1), "E", "P", true)])),
        });

        Assert.DoesNotContain(Evaluate(b).Reasons, r => r.Code == RefusalReasons.RefusedJobOffers);
    }

    [Fact]
    public void UndeclaredPersonAtTheAddress_IsADeclarationMismatch_ButADeadRelativeIsNot()
    {
        Assert.Contains(Evaluate(Family(400).Excluded("registered at the applicant's address but not declared")).Reasons, r => r.Code == RefusalReasons.DeclarationMismatch);
        Assert.Equal(MeansTestOutcome.Approved, Evaluate(Family(400).Excluded("spouse on record, deceased")).Outcome);
    }

    [Fact]
    public void IdCardNumber_ThePopulationRegisterDoesNotHold_IsADeclarationMismatch()
    {
        var b = new ProfileBuilder().Applicant(100, m => m with
        {
            Identity = ProfileBuilder.Ok(m.Identity!.Data! with { Document = new IdDocument("ID card", "AA7654321", new DateOnly(2019, 1, 1), new DateOnly(2029, 1, 1)) }),
        }).Member(RelationToApplicant.Child, age: 3);

        var result = Evaluate(b);

        Assert.Equal(["id-card-mismatch"], Assert.Single(result.Reasons).Details);
        Assert.Contains("ID card", DecisionTexts.Decision("en", "VEM-1", result), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(440)]
    [InlineData(440.01)]
    [InlineData(360)]
    [InlineData(359.99)]
    [InlineData(415)]
    public void DeclaredIncome_DiffersFromTheAgencies_IsAMismatchOnlyBeyondTheTolerance(decimal declared)
    {
        var b = Family(400);
        var declaration = b.Declaration() with { Incomes = [new(ProfileBuilder.FinOf(1), "wages", declared)] };

        var mismatch = MeansTest.Evaluate(declaration, b.Build(), Rules, In2020).Reasons.Any(r => r.Code == RefusalReasons.DeclarationMismatch);

        // A mismatch when the difference is above both 20 AZN and 10 % of the agencies' 400 AZN, i.e. above 40 AZN.
        Assert.Equal(Math.Abs(declared - 400m) > 40m, mismatch);
    }

    [Fact]
    public void LandAndIdleMembers_AreImputedOnlyWhenTheRulesSaySo()
    {
        var b = Family(400).Member(RelationToApplicant.Child, age: 30, change: m => m with
        {
            Employment = ProfileBuilder.Ok(new EmploymentData([])),
            Land = ProfileBuilder.Ok(new LandData([new LandShare("TP-1", "Quba", 2m, "arable")], [], new Livestock(0, 0, 0))),
        });
        var imputing = new RuleSet { Version = "test-imputing", LandIncomePerHectare = 10m, IdleAbleBodiedImputedIncome = 50m };

        Assert.Equal(400m, Evaluate(b).TotalMonthlyIncome);
        // 2 ha at 10 AZN, and two idle able-bodied adults (the spouse without income, the 30-year-old child) at 50 AZN.
        Assert.Equal(400m + 20m + 2 * 50m, Evaluate(b, imputing).TotalMonthlyIncome);
    }

    [Fact]
    public void SameInputs_GiveTheSameResult()
    {
        var b = Family(400);
        var profile = b.Build();

        var first = MeansTest.Evaluate(b.Declaration(), profile, Rules, In2020);
        var second = MeansTest.Evaluate(b.Declaration(), profile, Rules, In2020);

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(first), System.Text.Json.JsonSerializer.Serialize(second));
    }
}
