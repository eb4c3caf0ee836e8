using IntegrationHub.Contracts.Profiles.DataSets;
using UtilityAccount = IntegrationHub.Contracts.Profiles.DataSets.UtilityAccount;

namespace IntegrationHub.Assistance.Tests.Rules;

/// <summary>Utilities asked by address too: accounts in a deceased member's or a landlord's name count; no account is not zero.</summary>
public sealed class MeansTestUtilitiesTests
{
    private static readonly DateOnly In2026 = new(2026, 3, 10);
    private static readonly RuleSet Rules = new();

    private static MeansTestResult Evaluate(ProfileBuilder b) => MeansTest.Evaluate(b.Declaration(), b.Build(), Rules, In2026);

    /// <summary>A widow earning 400 with two children: 3 x 300 = 900; 15 % of 300 is 45 a person, 135 a month for three.</summary>
    private static ProfileBuilder Widow() =>
        new ProfileBuilder().Applicant(400).Member(RelationToApplicant.Child, age: 6).Member(RelationToApplicant.Child, age: 9);

    private static UtilitiesData Billed(decimal monthly, string account = "EL-DECEASED") => new(
        [new UtilityAccount(account, "Azərişıq", UtilityKind.Electricity, "M-E-AD00000001", "AD00000001")],
        Enumerable.Range(0, 12).Select(i => new UtilityCharge(new DateOnly(2025, 3, 1).AddMonths(i), account, monthly, monthly)).ToList());

    [Theory]
    [InlineData(134.99, false)]
    [InlineData(135.00, true)]
    public void AccountsAtTheAddress_InADeceasedMembersName_CountForReasonSix(decimal monthly, bool refused)
    {
        // No living member holds an account (the builder's members answer "not found"): only the address finds them.
        var result = Evaluate(Widow().AtAddress(ProfileBuilder.Ok(Billed(monthly))));

        Assert.Equal(refused ? MeansTestOutcome.Refused : MeansTestOutcome.Approved, result.Outcome);
        Assert.Equal(refused, result.Reasons.Any(r => r.Code == RefusalReasons.HighUtilities));
    }

    [Fact]
    public void NoAccountAtTheAddress_IsMissingData_NotZeroCost()
    {
        var result = Evaluate(Widow().AtAddress(ProfileBuilder.NotFound<UtilitiesData>()));

        Assert.Equal(MeansTestOutcome.NeedsData, result.Outcome);
        Assert.Empty(result.Reasons);
        Assert.Contains(result.MissingData, m => m.Contains("no account is billed at the registered address", StringComparison.Ordinal));
    }

    [Fact]
    public void AnAnswerListingNoAccountAtTheAddress_IsMissingDataToo()
    {
        var result = Evaluate(Widow().AtAddress(ProfileBuilder.Ok(new UtilitiesData([], []))));

        Assert.Equal(MeansTestOutcome.NeedsData, result.Outcome);
    }

    [Fact]
    public void GatewayFailingForTheAddress_IsMissingData()
    {
        var result = Evaluate(Widow().AtAddress(ProfileBuilder.Failed<UtilitiesData>()));

        Assert.Equal(MeansTestOutcome.NeedsData, result.Outcome);
        Assert.Contains(result.MissingData, m => m.StartsWith("utilities at the registered address", StringComparison.Ordinal));
    }

    [Fact]
    public void AccountAMemberHoldsAtTheAddress_IsCountedOnce()
    {
        // 100 a month, listed by the holder's FIN and by the address: 100, not 200 (which would be above 135).
        var b = new ProfileBuilder().Applicant(400, m => m with { Utilities = ProfileBuilder.Ok(Billed(100m, "EL-1")) })
            .Member(RelationToApplicant.Child, age: 6).Member(RelationToApplicant.Child, age: 9)
            .AtAddress(ProfileBuilder.Ok(Billed(100m, "EL-1")));

        Assert.Equal(MeansTestOutcome.Approved, Evaluate(b).Outcome);
    }
}
