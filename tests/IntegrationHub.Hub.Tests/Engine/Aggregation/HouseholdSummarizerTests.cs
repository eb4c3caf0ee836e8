using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles.DataSets;
using IntegrationHub.Hub.Engine.Aggregation;
using UtilityAccount = IntegrationHub.Contracts.Profiles.DataSets.UtilityAccount;

namespace IntegrationHub.Hub.Tests.Engine.Aggregation;

/// <summary>The income summary: unrounded window sums, part months pro-rated by days, the members a decision counts.</summary>
public sealed class HouseholdSummarizerTests
{
    private static readonly Provenance Source = new("test", DateTimeOffset.UnixEpoch, false, TimeSpan.Zero);

    /// <summary>Asked on 10 November 2026: the window is November 2025 to October 2026.</summary>
    private static readonly AgencyQuery Nov2026 = AgencyQuery.For(new DateOnly(2026, 11, 10));

    private static DataSet<T> Ok<T>(T data) where T : class => new(SourceStatus.Ok, data, Source);

    private static DataSet<T> NotFound<T>() where T : class => new(SourceStatus.NotFound, null, Source);

    private static DataSet<T> Failed<T>() where T : class => new(SourceStatus.Failed, null, null, "HTTP 503");

    private static MemberProfile Member(int number, RelationToApplicant relation = RelationToApplicant.Applicant, Func<MemberProfile, MemberProfile>? change = null)
    {
        var fin = Fin.Parse("SUM" + number.ToString("0000", System.Globalization.CultureInfo.InvariantCulture));
        var member = new MemberProfile(fin, relation, [MemberSource.Declared], [])
        {
            Identity = Ok(new IdentityData(fin, "Test", "Person", null, new DateOnly(1980, 1, 1), Sex.Female, "AZE", null, null, false, null)),
            StatusFlags = Ok(new StatusFlagsData(false, false, false, false, false, false, false, null)),
            TaxIncome = Ok(new TaxIncomeData([], false, [])),
            Employment = Ok(new EmploymentData([])),
            PensionsBenefits = Ok(new PensionsBenefitsData([], [], [], [])),
            JobSeeker = NotFound<JobSeekerData>(),
        };
        return change is null ? member : change(member);
    }

    private static Func<MemberProfile, MemberProfile> Pension(params decimal[] monthly) => m => m with
    {
        PensionsBenefits = Ok(new PensionsBenefitsData([], [], monthly.Select((amount, i) => new BenefitPayment(Nov2026.PeriodFrom.AddMonths(i), "survivor's pension", amount)).ToList(), [])),
    };

    private static Func<MemberProfile, MemberProfile> Insurance(decimal monthly, DateOnly from, DateOnly to) => m => m with
    {
        JobSeeker = Ok(new JobSeekerData(true, from, new UnemploymentInsurance(monthly, from, to), [])),
    };

    [Fact]
    public void TwoSurvivorPensionsOf800AYear_TotalTheUnroundedSum()
    {
        // 8 months of 66.67 and 4 of 66.66: 800.00 a year, 66.666… a month; shown 66.67 each, but the household 133.33, not 133.34.
        decimal[] year = [66.67m, 66.67m, 66.67m, 66.67m, 66.67m, 66.67m, 66.67m, 66.67m, 66.66m, 66.66m, 66.66m, 66.66m];

        var summary = HouseholdSummarizer.Summarize([Member(1), Member(2, RelationToApplicant.Child, Pension(year)), Member(3, RelationToApplicant.Child, Pension(year))], Nov2026);

        Assert.All(summary.MonthlyIncome.Skip(1), i => Assert.Equal((800m, 66.67m, 66.67m), (i.WindowTotal, i.Total, i.BySource["pensions"])));
        Assert.Equal(133.33m, summary.TotalMonthlyIncome);
    }

    [Fact]
    public void UnemploymentBenefitFrom15MarchTo14September_IsSixMonths()
    {
        var summary = HouseholdSummarizer.Summarize([Member(1, change: Insurance(240m, new DateOnly(2026, 3, 15), new DateOnly(2026, 9, 14)))], Nov2026);

        var income = Assert.Single(summary.MonthlyIncome);
        Assert.Equal(6 * 240m, income.WindowTotal);
        Assert.Equal(120m, income.BySource["unemploymentInsurance"]);
    }

    public static TheoryData<DateOnly, DateOnly, DateOnly, decimal> PartMonths => new()
    {
        // asked on, paid from, paid to, months of the window covered
        { new DateOnly(2024, 6, 1), new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 14), 14m / 29 }, // leap February: 29 days
        { new DateOnly(2025, 6, 1), new DateOnly(2025, 2, 1), new DateOnly(2025, 2, 14), 14m / 28 },
        { new DateOnly(2024, 6, 1), new DateOnly(2024, 2, 15), new DateOnly(2024, 3, 14), 1m }, // across 29 February
        { new DateOnly(2024, 6, 1), new DateOnly(2024, 1, 31), new DateOnly(2024, 2, 29), 1m }, // from a month's last day
        { new DateOnly(2024, 6, 1), new DateOnly(2024, 2, 10), new DateOnly(2024, 2, 10), 1m / 29 }, // one day
        { new DateOnly(2026, 11, 10), new DateOnly(2026, 3, 15), new DateOnly(2027, 3, 14), 7m + 17m / 31 }, // runs past the window's end (31 October)
        { new DateOnly(2026, 11, 10), new DateOnly(2025, 8, 20), new DateOnly(2025, 12, 19), 1m + 19m / 31 }, // began before the window (1 November 2025)
        { new DateOnly(2026, 11, 10), new DateOnly(2025, 1, 1), new DateOnly(2025, 10, 31), 0m }, // ended before it
    };

    [Theory]
    [MemberData(nameof(PartMonths))]
    public void Benefit_StartingOrEndingMidMonth_IsProRatedByDays(DateOnly askedOn, DateOnly from, DateOnly to, decimal months)
    {
        var summary = HouseholdSummarizer.Summarize([Member(1, change: Insurance(290m, from, to))], AgencyQuery.For(askedOn));

        Assert.Equal(Math.Round(290m * months, 20), Math.Round(Assert.Single(summary.MonthlyIncome).WindowTotal!.Value, 20));
    }

    [Fact]
    public void ContractWages_StandingInForAFailedTaxService_AreProRatedByDaysToo()
    {
        // Tax failed; the contract registry: 500 a month from 15 March 2026 on, 400 a month until it ended 14 January 2026.
        var member = Member(1, change: m => m with
        {
            TaxIncome = Failed<TaxIncomeData>(),
            Employment = Ok(new EmploymentData(
            [
                new EmploymentContract("C-1", Voen.Parse("1234567892"), "E", "P", 500m, new DateOnly(2026, 3, 15), null, true),
                new EmploymentContract("C-0", Voen.Parse("1234567892"), "E", "P", 400m, new DateOnly(2020, 1, 1), new DateOnly(2026, 1, 14), false),
            ])),
        });

        var income = Assert.Single(HouseholdSummarizer.Summarize([member], Nov2026).MonthlyIncome);

        // 15 March to 31 October: 7 months and 17 of the 31 days to 15 November; 1 November 2025 to 14 January 2026: 2 months and 14 of 31.
        Assert.Equal(Math.Round(500m * (7m + 17m / 31) + 400m * (2m + 14m / 31), 20), Math.Round(income.WindowTotal!.Value, 20));
    }

    [Fact]
    public void SpouseAbroad_IsListedWithHerIncome_ButLeftOutOfTheTotal_AsTheDecisionLeavesHerOut()
    {
        var applicant = Member(1, change: m => m with { TaxIncome = Ok(new TaxIncomeData([], false, Wages(350m))) });
        var abroad = Member(2, RelationToApplicant.Spouse, m => Pension(Enumerable.Repeat(200m, 12).ToArray())(m) with
        {
            StatusFlags = Ok(new StatusFlagsData(false, false, false, true, false, false, false, null)),
        });

        var summary = HouseholdSummarizer.Summarize([applicant, abroad, Member(3, RelationToApplicant.Child)], Nov2026);

        Assert.Equal(350m, summary.TotalMonthlyIncome);
        Assert.Equal(2, summary.CountedMembers);
        Assert.Equal(3, summary.HouseholdSize);
        var spouse = summary.MonthlyIncome.Single(i => i.Fin == abroad.Fin);
        Assert.Equal((200m, NotCountedReasons.Abroad), (spouse.Total, spouse.NotCounted));
        Assert.Null(summary.MonthlyIncome.Single(i => i.Fin == applicant.Fin).NotCounted);
    }

    [Fact]
    public void Utilities_OfTheMembersAndAtTheAddress_AreEachAccountOnce()
    {
        var electricity = new UtilityAccount("EL-1", "Azərişıq", UtilityKind.Electricity, "M-E-1", "AD1");
        var gas = new UtilityAccount("QZ-1", "Azəriqaz", UtilityKind.Gas, "M-G-1", "AD1");
        UtilityCharge[] Bills(string account, decimal amount) => [.. Enumerable.Range(0, 12).Select(i => new UtilityCharge(Nov2026.PeriodFrom.AddMonths(i), account, amount, amount))];
        var holder = Member(1, change: m => m with { Utilities = Ok(new UtilitiesData([electricity], Bills("EL-1", 40m))) });
        // The address lists the holder's account again, and the gas account of a member who has died.
        var address = new AddressProfile("AD1", Ok(new UtilitiesData([electricity, gas], [.. Bills("EL-1", 40m), .. Bills("QZ-1", 30.005m)])));

        var summary = HouseholdSummarizer.Summarize([holder], Nov2026, address: address);

        Assert.Equal(70.01m, summary.MonthlyUtilities);
    }

    [Fact]
    public void Utilities_NoAccountAnywhere_IsUnknownNotZero()
    {
        var address = new AddressProfile("AD1", NotFound<UtilitiesData>());

        Assert.Null(HouseholdSummarizer.Summarize([Member(1, change: m => m with { Utilities = NotFound<UtilitiesData>() })], Nov2026, address: address).MonthlyUtilities);
    }

    private static List<MonthlyIncome> Wages(decimal monthly) =>
        [.. Enumerable.Range(0, 12).Select(i => new MonthlyIncome(Nov2026.PeriodFrom.AddMonths(i), IncomeKind.Wage, monthly, 0m, null))];
}
