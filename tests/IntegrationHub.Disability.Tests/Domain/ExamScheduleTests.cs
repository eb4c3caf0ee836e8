using IntegrationHub.Contracts.Profiles.DataSets;

namespace IntegrationHub.Disability.Tests.Domain;

public sealed class ExamScheduleTests
{
    private static readonly DateOnly Start = new(2026, 6, 1);
    private static readonly DateOnly Adult = new(1980, 1, 1);
    private readonly ExamSchedule _schedule = new(new ExamRules());

    /// <summary>Yearly assessments at <paramref name="percent"/> back-to-back for <paramref name="years"/> years up to <paramref name="end"/>.</summary>
    private static List<PriorAssessment> Yearly(int percent, int years, DateOnly end) =>
        Enumerable.Range(0, years).Select(i => new PriorAssessment(percent, end.AddYears(-years + i), end.AddYears(-years + i + 1), false)).ToList();

    private ExamOutcome Decide(int percent, IReadOnlyList<PriorAssessment> history, DisabilityCause cause = DisabilityCause.GeneralIllness, DateOnly? birth = null, Sex sex = Sex.Male) =>
        _schedule.Decide(percent, cause, Start, birth ?? Adult, sex, history);

    [Fact]
    public void Decide_FirstExam_SetsTheNextExamByCategoryTerm()
    {
        Assert.Equal(Start.AddYears(1), Decide(40, []).NextExam);
        Assert.Equal(Start.AddYears(1), Decide(70, []).NextExam);
        Assert.Equal(Start.AddYears(2), Decide(90, []).NextExam);
        Assert.False(Decide(90, []).Indefinite);
    }

    [Fact]
    public void Decide_BelowThirtyOne_NoDisabilityNoNextExamNotIndefinite()
    {
        var outcome = Decide(30, Yearly(40, 20, Start));

        Assert.Equal(DisabilityCategory.None, outcome.Category);
        Assert.False(outcome.Indefinite);
        Assert.Null(outcome.NextExam);
    }

    [Fact]
    public void Decide_Chernobyl_IsIndefiniteAtTheFirstExam()
    {
        var outcome = Decide(40, [], DisabilityCause.Chernobyl);

        Assert.True(outcome.Indefinite);
        Assert.Equal(IndefiniteReasons.Chernobyl, outcome.IndefiniteReason);
        Assert.Null(outcome.NextExam);
    }

    [Theory]
    [InlineData(40, 15, IndefiniteReasons.Consecutive31To60)]
    [InlineData(70, 10, IndefiniteReasons.Consecutive61To80)]
    [InlineData(90, 4, IndefiniteReasons.Consecutive81To100)]
    public void Decide_ConsecutiveYearsInOneBand_AtTheThresholdIndefinite_OneYearShortNot(int percent, int years, string reason)
    {
        var atThreshold = Decide(percent, Yearly(percent, years, Start));
        var oneShort = Decide(percent, Yearly(percent, years - 1, Start));

        Assert.True(atThreshold.Indefinite);
        Assert.Equal(reason, atThreshold.IndefiniteReason);
        Assert.False(oneShort.Indefinite);
        Assert.NotNull(oneShort.NextExam);
    }

    [Fact]
    public void Decide_AGapLongerThanTheGrace_BreaksTheRun()
    {
        // 4 years at 81-100 %, but with a two-month gap in the middle: two runs of two years.
        var history = Yearly(90, 2, Start.AddYears(-2).AddMonths(-2)).Concat(Yearly(90, 2, Start)).ToList();

        Assert.False(Decide(90, history).Indefinite);
    }

    [Fact]
    public void Decide_AGapWithinTheGrace_KeepsTheRun()
    {
        var history = Yearly(90, 2, Start.AddYears(-2).AddDays(-20)).Concat(Yearly(90, 2, Start)).ToList();

        Assert.Equal(IndefiniteReasons.Consecutive81To100, Decide(90, history).IndefiniteReason);
    }

    [Fact]
    public void Decide_ARunInAnotherBand_DoesNotCountForThisBand()
    {
        // 9 years at 61-80 % then the new result is 81-100 %: neither the 4-year nor the 10-year rule holds.
        Assert.False(Decide(90, Yearly(70, 9, Start)).Indefinite);
    }

    [Fact]
    public void Decide_FifteenYearsInTotalAcrossBandsAndGaps_IsIndefinite()
    {
        // 5 years at 40 %, a year's gap, 5 at 70 %, a year's gap, 5 at 40 %: no run is long enough, the total is 15.
        var history = Yearly(40, 5, Start.AddYears(-12)).Concat(Yearly(70, 5, Start.AddYears(-6))).Concat(Yearly(40, 5, Start)).ToList();
        var fourteen = history.Skip(1).ToList();

        Assert.Equal(IndefiniteReasons.TotalYears, Decide(40, history).IndefiniteReason);
        Assert.False(Decide(40, fourteen).Indefinite);
    }

    [Fact]
    public void Decide_OverlappingAssessments_CountOnceInTheTotal()
    {
        var history = Yearly(40, 8, Start.AddYears(-8)).Concat(Yearly(70, 8, Start.AddYears(-8))).ToList();

        Assert.False(Decide(40, history).Indefinite);
    }

    [Fact]
    public void Decide_PensionAgeReached_IsIndefinite()
    {
        var man = Decide(40, [], birth: Start.AddYears(-65));
        var justBefore = Decide(40, [], birth: Start.AddYears(-63));

        Assert.Equal(IndefiniteReasons.PensionAge, man.IndefiniteReason);
        Assert.False(justBefore.Indefinite);
    }

    [Fact]
    public void Decide_PensionAgeReachedBeforeTheNextExamWouldBeDue_IsIndefinite()
    {
        // 64 and a half at 90 %: the two-year term would run past 65.
        var outcome = Decide(90, [], birth: Start.AddYears(-64).AddMonths(-6));

        Assert.Equal(IndefiniteReasons.PensionAge, outcome.IndefiniteReason);
    }

    [Fact]
    public void Decide_PensionAgeBySex_ComesFromTheRules()
    {
        var schedule = new ExamSchedule(new ExamRules { PensionAgeWomen = 63 });
        var birth = Start.AddYears(-63);

        Assert.True(schedule.Decide(40, DisabilityCause.GeneralIllness, Start, birth, Sex.Female, []).Indefinite);
        Assert.False(schedule.Decide(40, DisabilityCause.GeneralIllness, Start, birth, Sex.Male, []).Indefinite);
    }

    [Fact]
    public void Decide_Under18_NextExamNeverAfterTheEighteenthBirthday()
    {
        var birth = Start.AddYears(-17);
        var young = Start.AddYears(-10);

        Assert.Equal(birth.AddYears(18), Decide(60, [], birth: birth).NextExam);
        Assert.Equal(Start.AddYears(2), Decide(60, [], birth: young).NextExam);
        Assert.Equal(DisabilityCategory.Under18, Decide(60, [], birth: young).Category);
    }

    [Fact]
    public void Decide_Under18_ChernobylAndTheTotalStillApply()
    {
        var birth = Start.AddYears(-17);

        Assert.Equal(IndefiniteReasons.Chernobyl, Decide(60, [], DisabilityCause.Chernobyl, birth).IndefiniteReason);
        Assert.Equal(IndefiniteReasons.TotalYears, Decide(60, Yearly(60, 15, Start), DisabilityCause.FromChildhood, birth).IndefiniteReason);
    }

    [Fact]
    public void Decide_AnOpenEarlierAssessment_RunsToTheNextOne()
    {
        // Registry rows without an end (indefinite or unknown) last until the next assessment or the new start.
        var history = new List<PriorAssessment> { new(90, Start.AddYears(-4), null, false) };

        Assert.Equal(IndefiniteReasons.Consecutive81To100, Decide(90, history).IndefiniteReason);
    }
}
