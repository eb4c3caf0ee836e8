using IntegrationHub.Contracts.Profiles.DataSets;

namespace IntegrationHub.Assistance.Tests.Rules;

/// <summary>Figures are compared unrounded and the amount is rounded once (docs/domain.md): a cent either side of every threshold.</summary>
public sealed class MeansTestRoundingTests
{
    private static readonly DateOnly In2020 = new(2020, 6, 15);
    private static readonly DateOnly In2026 = new(2026, 3, 10);
    private static readonly RuleSet Rules = new();

    private static MeansTestResult Evaluate(ProfileBuilder b, DateOnly on) => MeansTest.Evaluate(b.Declaration(), b.Build(), Rules, on);

    [Fact]
    public void TwoSurvivorPensionsOf66Point666_AreNotRoundedUpBeforeTheBenefit()
    {
        // A widow and two children, each child 800 AZN of survivor's pension a year: 66.666… a month each.
        var b = new ProfileBuilder().Applicant()
            .Member(RelationToApplicant.Child, age: 10).WindowIncome(800m)
            .Member(RelationToApplicant.Child, age: 12).WindowIncome(800m);

        var result = Evaluate(b, In2020);

        // 3 x 160 = 480; 480 - 133.333… = 346.666… paid as 346.67 (rounding 66.67 twice first gave 346.66).
        Assert.Equal(MeansTestOutcome.Approved, result.Outcome);
        Assert.Equal(346.67m, result.MonthlyAmount);
        Assert.Equal(133.33m, Math.Round(result.TotalMonthlyIncome, 2));
    }

    [Fact]
    public void TwoSpousesAveraging299Point995_AreEligibleByACent()
    {
        // 3,599.94 AZN a year each: 299.995 a month, which rounded first (300.00 + 300.00) met the 600 threshold.
        var b = new ProfileBuilder().Applicant().WindowIncome(3599.94m).Member(RelationToApplicant.Spouse).WindowIncome(3599.94m);

        var result = Evaluate(b, In2026);

        Assert.Equal(600m, result.Threshold);
        Assert.Equal(599.99m, result.TotalMonthlyIncome);
        Assert.Equal(MeansTestOutcome.Approved, result.Outcome);
        Assert.Equal(0.01m, result.MonthlyAmount);
    }

    [Theory]
    [InlineData(3599.96, "Approved", 0.01)] // 10,799.88 a year: 899.99 a month
    [InlineData(3600.08, "Refused", null)] // 10,800.00: 900.00, at the threshold
    [InlineData(3600.20, "Refused", null)] // 10,800.12: 900.01
    public void NeedCriterionTimesMembers_ACentEitherSide_OnSumsThatDoNotDivideEvenly(decimal thirdYear, string outcome, double? amount)
    {
        // 3,599.96 a year is 299.99666… a month: each member's average rounded first would be 300.00, and 899.99 would read 900.00.
        var b = new ProfileBuilder().Applicant().WindowIncome(3599.96m)
            .Member(RelationToApplicant.Spouse).WindowIncome(3599.96m)
            .Member(RelationToApplicant.Child, age: 19).WindowIncome(thirdYear);

        var result = Evaluate(b, In2026);

        Assert.Equal(900m, result.Threshold);
        Assert.Equal(Enum.Parse<MeansTestOutcome>(outcome), result.Outcome);
        Assert.Equal(amount is null ? null : (decimal)amount.Value, result.MonthlyAmount);
        if (result.Outcome == MeansTestOutcome.Refused) Assert.Equal([RefusalReasons.IncomeAboveThreshold], result.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void EligibleByLessThanHalfAQepik_IsPaidOneQepik()
    {
        // 7,199.99 a year: 599.99916… a month, below 600 by 0.00083….
        var b = new ProfileBuilder().Applicant().WindowIncome(3600m).Member(RelationToApplicant.Spouse).WindowIncome(3599.99m);

        var result = Evaluate(b, In2026);

        Assert.Equal(MeansTestOutcome.Approved, result.Outcome);
        Assert.Equal(0.01m, result.MonthlyAmount);
    }

    [Theory]
    [InlineData(-0.12, false)] // 863.88 a year: 71.99 a month, 23.996… per person
    [InlineData(0, true)] // 864.00: 72.00, 24.00 per person, exactly 15 % of 160
    [InlineData(0.12, true)] // 864.12: 72.01
    public void Utilities_ACentEitherSideOfFifteenPercent_PerPersonOverTwelveMonths(decimal lastMonthDifference, bool refused)
    {
        var charges = Enumerable.Range(0, 12)
            .Select(i => new UtilityCharge(new DateOnly(2019, 6, 1).AddMonths(i), "ACC-1", i == 11 ? 72m + lastMonthDifference : 72m, 0m))
            .ToList();
        var b = new ProfileBuilder().Applicant(100).Member(RelationToApplicant.Child, age: 5).Member(RelationToApplicant.Child, age: 7, change: m => m with
        {
            Utilities = ProfileBuilder.Ok(new UtilitiesData([], charges)),
        });

        var result = Evaluate(b, In2020);

        Assert.Equal(refused, result.Reasons.Any(r => r.Code == RefusalReasons.HighUtilities));
    }

    [Theory]
    [InlineData(959.99, false)]
    [InlineData(960.00, false)] // 1,920.00 = 12 x 160: not above
    [InlineData(960.01, true)]
    public void PurchasesAndSales_ACentEitherSideOfTwelveLivingMinimums_SummedOverTwoDeals(decimal second, bool refused)
    {
        var b = new ProfileBuilder().Applicant(100).Member(RelationToApplicant.Child, age: 5, change: m => m with
        {
            RealEstate = ProfileBuilder.Ok(new RealEstateData([],
            [
                new PropertyTransaction(In2020.AddMonths(-2), TransactionKind.Sale, "DR-1", PropertyPurpose.Garage, 960m),
                new PropertyTransaction(In2020.AddMonths(-5), TransactionKind.Purchase, "DR-2", PropertyPurpose.Commercial, second),
            ])),
        });

        var result = Evaluate(b, In2020);

        Assert.Equal(refused, result.Reasons.Any(r => r.Code == RefusalReasons.LargeTransactions));
    }

    [Fact]
    public void ProfileWithoutWindowSums_AsStoredBeforeThem_IsDecidedFromItsRoundedAverages()
    {
        // A decision stored before the hub gave sums replays from what the snapshot holds.
        var b = new ProfileBuilder().Applicant()
            .Member(RelationToApplicant.Child, age: 10).WindowIncome(800m)
            .Member(RelationToApplicant.Child, age: 12).WindowIncome(800m)
            .WithoutWindowTotals();

        Assert.Equal(346.66m, Evaluate(b, In2020).MonthlyAmount);
    }

    [Fact]
    public void DecisionText_ShowsFiguresRoundedOnce()
    {
        var b = new ProfileBuilder().Applicant()
            .Member(RelationToApplicant.Child, age: 10).WindowIncome(800m)
            .Member(RelationToApplicant.Child, age: 12).WindowIncome(800m);

        var text = DecisionTexts.Decision("en", "VEM-2020-000001", Evaluate(b, In2020));

        Assert.Contains("346.67 AZN a month", text, StringComparison.Ordinal);
        Assert.Contains("income over the last 12 months is 133.33 AZN", text, StringComparison.Ordinal);
    }
}
