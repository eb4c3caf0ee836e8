using IntegrationHub.Adapters.Tax;

namespace IntegrationHub.Adapters.Tests.Tax;

public sealed class TaxServiceMapperTests
{
    private const string PersonalVoen = "1234567892";
    private const string EmployerVoen = "1400057421";

    private static TaxRegistrationsDto Registrations(params TaxRegistrationDto[] registrations) => new("5ABC12D", registrations);

    private static TaxIncomeStatementDto Statement(params TaxIncomeLineDto[] lines) => new("5ABC12D", "2025-01", "2025-12", lines);

    private static TaxIncomeLineDto Wage(string month = "2025-03", string type = "WAGE", string? payer = EmployerVoen) => new(month, type, 550m, 77m, payer);

    [Fact]
    public void ToTaxIncome_FullAnswer_MapsEveryField()
    {
        var data = TaxServiceMapper.ToTaxIncome(
            Registrations(new TaxRegistrationDto(PersonalVoen, "SIMPLIFIED", new DateOnly(2021, 3, 1), "ACTIVE")),
            Statement(Wage(), new TaxIncomeLineDto("2025-02", "BUSINESS", 700m, 0m)));

        var registration = Assert.Single(data.Registrations);
        Assert.Equal(PersonalVoen, registration.Voen.Value);
        Assert.Equal(TaxRegime.Simplified, registration.Regime);
        Assert.Equal(new DateOnly(2021, 3, 1), registration.RegisteredOn);
        Assert.True(registration.Active);
        Assert.True(data.IsEntrepreneur);

        // Lines come back in month order whatever order the agency sent them in.
        Assert.Equal([new DateOnly(2025, 2, 1), new DateOnly(2025, 3, 1)], data.Income.Select(i => i.Month));
        var business = data.Income[0];
        Assert.Equal(IncomeKind.Business, business.Kind);
        Assert.Equal(700m, business.Gross);
        Assert.Equal(0m, business.TaxWithheld);
        Assert.Null(business.PayerVoen);
        var wage = data.Income[1];
        Assert.Equal(IncomeKind.Wage, wage.Kind);
        Assert.Equal(550m, wage.Gross);
        Assert.Equal(77m, wage.TaxWithheld);
        Assert.Equal(EmployerVoen, wage.PayerVoen!.Value);
    }

    [Fact]
    public void ToTaxIncome_NoRegistrationsNoIncome_IsEmptyAndNotEntrepreneur()
    {
        var data = TaxServiceMapper.ToTaxIncome(Registrations(), Statement());

        Assert.Empty(data.Registrations);
        Assert.Empty(data.Income);
        Assert.False(data.IsEntrepreneur);
    }

    [Theory]
    [InlineData(PersonalVoen, "DEREGISTERED", false)]
    [InlineData(PersonalVoen, "SUSPENDED", false)]
    [InlineData(EmployerVoen, "ACTIVE", false)]
    [InlineData(PersonalVoen, "ACTIVE", true)]
    public void ToTaxIncome_Registration_IsEntrepreneurOnlyWhenActiveUnderPersonalVoen(string voen, string status, bool expected)
    {
        var data = TaxServiceMapper.ToTaxIncome(Registrations(new TaxRegistrationDto(voen, "VAT", new DateOnly(2020, 1, 1), status)), Statement());

        Assert.Equal(expected, data.IsEntrepreneur);
        Assert.Equal(status == "ACTIVE", data.Registrations[0].Active);
    }

    [Theory]
    [MemberData(nameof(TaxServiceDocumentContractTests.DocumentedRegimes), MemberType = typeof(TaxServiceDocumentContractTests))]
    public void ToRegistration_KnownRegime_Maps(string code, TaxRegime expected) =>
        Assert.Equal(expected, TaxServiceMapper.ToRegistration(new TaxRegistrationDto(PersonalVoen, code, new DateOnly(2020, 1, 1), "ACTIVE")).Regime);

    [Fact]
    public void ToRegistration_UnknownRegime_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => TaxServiceMapper.ToRegistration(new TaxRegistrationDto(PersonalVoen, "PATENT", new DateOnly(2020, 1, 1), "ACTIVE")));
        Assert.Contains("'PATENT'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToRegistration_UnknownStatus_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => TaxServiceMapper.ToRegistration(new TaxRegistrationDto(PersonalVoen, "VAT", new DateOnly(2020, 1, 1), "PENDING")));
        Assert.Contains("'PENDING'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PROPERTY", IncomeKind.Property)]
    [InlineData("HOUSEHOLD_PLOT", IncomeKind.HouseholdPlot)]
    [InlineData("OTHER", IncomeKind.Other)]
    public void ToIncome_KnownIncomeType_Maps(string code, IncomeKind expected) =>
        Assert.Equal(expected, TaxServiceMapper.ToIncome(Wage(type: code)).Kind);

    [Fact]
    public void ToIncome_UnknownIncomeType_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => TaxServiceMapper.ToIncome(Wage(type: "DIVIDEND")));
        Assert.Contains("'DIVIDEND'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-13")]
    [InlineData("2025-03-01")]
    [InlineData("03/2025")]
    public void ToIncome_MonthNotYearDashMonth_IsRejected(string month)
    {
        var ex = Assert.Throws<FormatException>(() => TaxServiceMapper.ToIncome(Wage(month: month)));
        Assert.Contains($"'{month}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToIncome_PayerVoenNotAVoen_IsRejected() =>
        Assert.Throws<FormatException>(() => TaxServiceMapper.ToIncome(Wage(payer: "14000574")));
}
