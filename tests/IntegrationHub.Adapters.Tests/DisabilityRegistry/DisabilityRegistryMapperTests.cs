using IntegrationHub.Adapters.DisabilityRegistry;

namespace IntegrationHub.Adapters.Tests.DisabilityRegistry;

public sealed class DisabilityRegistryMapperTests
{
    private static AssessmentDto Decision(
        int percent = 65, int? degree = 2, string cause = "WORK_INJURY", int fromYear = 2024, DateOnly? until = null, string? term = null, bool child = false) =>
        new($"TSE-{fromYear}", percent, degree, cause, new DateOnly(fromYear, 2, 1), until ?? (term == "INDEFINITE" ? null : new DateOnly(fromYear + 2, 2, 1)), term ?? "FIXED_TERM", child);

    private static AssessmentsDto Assessments(params AssessmentDto[] decisions) => new("5ABC12D", decisions);

    [Fact]
    public void ToDisability_FixedTermDecision_MapsEveryField()
    {
        var data = DisabilityRegistryMapper.ToDisability(Assessments(Decision()));

        var a = Assert.Single(data.Assessments);
        Assert.Equal(65, a.Percent);
        Assert.Equal(2, a.FormerDegree);
        Assert.Equal(DisabilityCause.WorkInjury, a.Cause);
        Assert.Equal(new DateOnly(2024, 2, 1), a.From);
        Assert.Equal(new DateOnly(2026, 2, 1), a.Until);
        Assert.False(a.Indefinite);
        Assert.False(a.Under18);
        Assert.Same(a, data.Current);
    }

    [Fact]
    public void ToDisability_IndefiniteDecision_HasNoEndDate()
    {
        var a = Assert.Single(DisabilityRegistryMapper.ToDisability(Assessments(Decision(cause: "CHERNOBYL", term: "INDEFINITE"))).Assessments);

        Assert.True(a.Indefinite);
        Assert.Null(a.Until);
        Assert.Equal(DisabilityCause.Chernobyl, a.Cause);
    }

    [Fact]
    public void ToDisability_IndefiniteDecisionWithStrayEndDate_IgnoresTheDate()
    {
        var a = Assert.Single(DisabilityRegistryMapper.ToDisability(Assessments(Decision(until: new DateOnly(2030, 1, 1), term: "INDEFINITE"))).Assessments);

        Assert.True(a.Indefinite);
        Assert.Null(a.Until);
    }

    [Fact]
    public void ToDisability_ChildAssessment_IsUnder18WithoutDegree()
    {
        var a = Assert.Single(DisabilityRegistryMapper.ToDisability(Assessments(Decision(percent: 90, degree: null, cause: "FROM_CHILDHOOD", child: true))).Assessments);

        Assert.True(a.Under18);
        Assert.Null(a.FormerDegree);
        Assert.Equal(DisabilityCause.FromChildhood, a.Cause);
    }

    [Fact]
    public void ToDisability_DecisionsInEntryOrder_NewestFirst()
    {
        var data = DisabilityRegistryMapper.ToDisability(Assessments(Decision(fromYear: 2018), Decision(fromYear: 2024), Decision(fromYear: 2021)));

        Assert.Equal([2024, 2021, 2018], data.Assessments.Select(a => a.From.Year));
        Assert.Equal(2024, data.Current!.From.Year);
    }

    [Fact]
    public void ToDisability_NoDecisions_HasNoCurrentAssessment()
    {
        var data = DisabilityRegistryMapper.ToDisability(Assessments());

        Assert.Empty(data.Assessments);
        Assert.Null(data.Current);
    }

    [Theory]
    [MemberData(nameof(DisabilityRegistryDocumentContractTests.DocumentedCauses), MemberType = typeof(DisabilityRegistryDocumentContractTests))]
    public void ToDisability_EveryCauseCode_MapsToItsCause(string code, DisabilityCause expected)
    {
        Assert.Equal(expected, DisabilityRegistryMapper.ToDisability(Assessments(Decision(cause: code))).Current!.Cause);
    }

    [Fact]
    public void ToDisability_UnknownCauseCode_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => DisabilityRegistryMapper.ToDisability(Assessments(Decision(cause: "SPORTS_INJURY"))));
        Assert.Contains("'SPORTS_INJURY'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDisability_UnknownTerm_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => DisabilityRegistryMapper.ToDisability(Assessments(Decision(term: "LIFELONG"))));
        Assert.Contains("'LIFELONG'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDisability_FixedTermWithoutEndDate_IsRejected()
    {
        var decision = Decision() with { ValidUntil = null };

        Assert.Throws<FormatException>(() => DisabilityRegistryMapper.ToDisability(Assessments(decision)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void ToDisability_FormerDegreeOutOfRange_IsRejected(int degree)
    {
        var ex = Assert.Throws<FormatException>(() => DisabilityRegistryMapper.ToDisability(Assessments(Decision(degree: degree))));
        Assert.Contains($"'{degree}'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(105)]
    public void ToDisability_PercentOutOfRange_IsRejected(int percent)
    {
        Assert.Throws<FormatException>(() => DisabilityRegistryMapper.ToDisability(Assessments(Decision(percent: percent))));
    }
}
