using IntegrationHub.Adapters.SocialFund;

namespace IntegrationHub.Adapters.Tests.SocialFund;

public sealed class SocialFundMapperTests
{
    private static BeneficiaryDto Beneficiary(
        EntitlementDto[]? pensions = null, EntitlementDto[]? allowances = null, PaymentDto[]? payments = null, TargetedAssistanceDto[]? assistance = null) =>
        new("5ABC12D", pensions ?? [], allowances ?? [], payments ?? [], assistance ?? []);

    [Fact]
    public void ToPensionsBenefits_FullAnswer_MapsEveryField()
    {
        var data = SocialFundMapper.ToPensionsBenefits(Beneficiary(
            [new EntitlementDto("OLD_AGE_PENSION", 350m, new DateOnly(2019, 4, 1))],
            [new EntitlementDto("DISABILITY_ALLOWANCE", 260m, new DateOnly(2023, 1, 1), new DateOnly(2026, 12, 31))],
            [new PaymentDto(2025, 2, "OLD_AGE_PENSION", 350m), new PaymentDto(2025, 1, "DISABILITY_ALLOWANCE", 260m), new PaymentDto(2025, 1, "OLD_AGE_PENSION", 350m)],
            [new TargetedAssistanceDto(new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31), 180m)]));

        var pension = Assert.Single(data.Pensions);
        Assert.Equal("old-age pension", pension.Kind);
        Assert.Equal(350m, pension.MonthlyAmount);
        Assert.Equal(new DateOnly(2019, 4, 1), pension.Since);
        Assert.Null(pension.Until);
        var allowance = Assert.Single(data.Allowances);
        Assert.Equal("disability allowance", allowance.Kind);
        Assert.Equal(new DateOnly(2026, 12, 31), allowance.Until);
        // Payments come back by month, then kind, whatever order the fund sent them in.
        Assert.Equal(
            [(new DateOnly(2025, 1, 1), "disability allowance", 260m), (new DateOnly(2025, 1, 1), "old-age pension", 350m), (new DateOnly(2025, 2, 1), "old-age pension", 350m)],
            data.Payments.Select(p => (p.Month, p.Kind, p.Amount)));
        var award = Assert.Single(data.PastAssistance);
        Assert.Equal(new DateOnly(2022, 1, 1), award.From);
        Assert.Equal(new DateOnly(2022, 12, 31), award.To);
        Assert.Equal(180m, award.MonthlyAmount);
    }

    [Fact]
    public void ToPensionsBenefits_NothingOnRecord_IsEmpty()
    {
        var data = SocialFundMapper.ToPensionsBenefits(Beneficiary());

        Assert.Empty(data.Pensions);
        Assert.Empty(data.Allowances);
        Assert.Empty(data.Payments);
        Assert.Empty(data.PastAssistance);
    }

    [Theory]
    [InlineData("DISABILITY_PENSION", "disability pension")]
    [InlineData("SURVIVORS_PENSION", "survivor's pension")]
    [InlineData("CHILD_ALLOWANCE", "child allowance")]
    [InlineData("LARGE_FAMILY_ALLOWANCE", "large-family allowance")]
    [InlineData("IDP_FOOD_ALLOWANCE", "IDP food allowance")]
    public void ToEntitlement_KnownTypeCode_MapsToCanonicalKind(string code, string kind) =>
        Assert.Equal(kind, SocialFundMapper.ToEntitlement(new EntitlementDto(code, 100m, new DateOnly(2020, 1, 1))).Kind);

    [Fact]
    public void ToEntitlement_UnknownTypeCode_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => SocialFundMapper.ToEntitlement(new EntitlementDto("MATERNITY_GRANT", 100m, new DateOnly(2020, 1, 1))));
        Assert.Contains("'MATERNITY_GRANT'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToPayment_UnknownTypeCode_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => SocialFundMapper.ToPayment(new PaymentDto(2025, 1, "BONUS", 100m)));
        Assert.Contains("'BONUS'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2025, 0)]
    [InlineData(2025, 13)]
    [InlineData(0, 5)]
    public void ToPayment_PeriodNotAMonth_IsRejected(int year, int month) =>
        Assert.Throws<FormatException>(() => SocialFundMapper.ToPayment(new PaymentDto(year, month, "OLD_AGE_PENSION", 100m)));
}
