using System.Text.Json;
using IntegrationHub.Adapters.Utilities;

namespace IntegrationHub.Adapters.Tests.Utilities;

public sealed class UtilitiesGatewayMapperTests
{
    private static readonly Fin Subscriber = Fin.Parse("5ABC12D");

    private static SubscriberAccountDto Account(string type = "GAS", string no = "QZ0000012345") =>
        new(no, "Azəriqaz", type, "M-G-AD00000042", "AD00000042");

    private static MonthlyChargeDto Charge(string period = "2025-12", decimal charged = 41.80m, decimal paid = 40m, string no = "QZ0000012345") =>
        new(no, period, charged, paid);

    private static SubscriberAccountsDto Accounts(params SubscriberAccountDto[] accounts) => new("5ABC12D", accounts);

    [Fact]
    public void ToUtilities_FullAnswer_MapsEveryField()
    {
        var data = UtilitiesGatewayMapper.ToUtilities(Subscriber, Accounts(Account()), [Charge()]);

        var account = Assert.Single(data.Accounts);
        Assert.Equal("QZ0000012345", account.AccountNumber);
        Assert.Equal("Azəriqaz", account.Provider);
        Assert.Equal(UtilityKind.Gas, account.Kind);
        Assert.Equal("M-G-AD00000042", account.MeterId);
        Assert.Equal("AD00000042", account.AddressId);
        var charge = Assert.Single(data.Charges);
        Assert.Equal(new DateOnly(2025, 12, 1), charge.Month);
        Assert.Equal("QZ0000012345", charge.AccountNumber);
        Assert.Equal(41.80m, charge.Charged);
        Assert.Equal(40m, charge.Paid);
    }

    [Fact]
    public void ToUtilities_NoAccounts_ReturnsEmptyLists()
    {
        var data = UtilitiesGatewayMapper.ToUtilities(Subscriber, Accounts(), []);

        Assert.Empty(data.Accounts);
        Assert.Empty(data.Charges);
        Assert.Equal(0m, data.AverageMonthlyCharge);
    }

    [Fact]
    public void ToUtilities_TwoAccountsOverTwoMonths_AveragesTheMonthlyTotals()
    {
        var data = UtilitiesGatewayMapper.ToUtilities(Subscriber, Accounts(Account(), Account("WATER", "SU1")),
        [
            Charge("2025-12", 40m), Charge("2025-12", 10m, no: "SU1"),
            Charge("2025-11", 20m), Charge("2025-11", 10m, no: "SU1"),
        ]);

        Assert.Equal(40m, data.AverageMonthlyCharge);
        Assert.Equal(new DateOnly(2025, 11, 1), data.Charges[0].Month);
    }

    [Fact]
    public void ToUtilities_AccountsOfAnotherSubscriber_AreRejected()
    {
        Assert.Throws<FormatException>(() => UtilitiesGatewayMapper.ToUtilities(Subscriber, new SubscriberAccountsDto("7XYZ34K", []), []));
    }

    [Fact]
    public void ToAddressUtilities_AccountsBilledThere_MapWhoeverHoldsThem()
    {
        var data = UtilitiesGatewayMapper.ToAddressUtilities("AD00000042", new AddressAccountsDto("AD00000042", [Account()]), [Charge()]);

        Assert.Equal("AD00000042", Assert.Single(data.Accounts).AddressId);
        Assert.Equal(41.80m, Assert.Single(data.Charges).Charged);
    }

    [Theory]
    [InlineData("AD00000043", "AD00000042")] // the answer is about another address
    [InlineData("AD00000042", "AD00000043")] // it lists an account billed elsewhere
    public void ToAddressUtilities_AnotherAddress_IsRejected(string answered, string accountAddress)
    {
        var account = Account() with { AddressCode = accountAddress };

        Assert.Throws<FormatException>(() => UtilitiesGatewayMapper.ToAddressUtilities("AD00000042", new AddressAccountsDto(answered, [account]), []));
    }

    [Theory]
    [MemberData(nameof(UtilitiesGatewayDocumentContractTests.DocumentedServiceTypes), MemberType = typeof(UtilitiesGatewayDocumentContractTests))]
    public void ToAccount_EveryKnownServiceType_Maps(string type, UtilityKind kind)
    {
        Assert.Equal(kind, UtilitiesGatewayMapper.ToAccount(Account(type)).Kind);
    }

    [Theory]
    [InlineData("HEATING")]
    [InlineData("gas")]
    public void ToAccount_UnknownServiceType_IsRejectedNamingTheCode(string type)
    {
        var ex = Assert.Throws<FormatException>(() => UtilitiesGatewayMapper.ToAccount(Account(type)));
        Assert.Contains($"'{type}'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-13")]
    [InlineData("2025-12-01")]
    [InlineData("12/2025")]
    public void ToCharge_PeriodNotAMonth_IsRejected(string period)
    {
        var ex = Assert.Throws<FormatException>(() => UtilitiesGatewayMapper.ToCharge(Charge(period)));
        Assert.Contains($"'{period}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCharge_NegativeAmount_IsRejected()
    {
        Assert.Throws<FormatException>(() => UtilitiesGatewayMapper.ToCharge(Charge(charged: -1m)));
    }

    [Fact]
    public void JsonContext_DocumentedChargePage_Deserializes()
    {
        const string json = """
            {"Items":[{"AccountNo":"QZ0000012345","Period":"2025-12","ChargedAzn":41.80,"PaidAzn":40}],
             "Page":1,"PageSize":25,"TotalCount":48}
            """;

        var page = JsonSerializer.Deserialize(json, UtilitiesGatewayJsonContext.Default.ChargePageDto)!;

        Assert.Equal(Charge(), Assert.Single(page.Items));
        Assert.Equal(48, page.TotalCount);
    }

    [Fact]
    public void JsonContext_CamelCaseBody_FailsAsMalformed()
    {
        const string json = """{"subscriberFin":"5ABC12D","accounts":[]}""";

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, UtilitiesGatewayJsonContext.Default.SubscriberAccountsDto));
    }
}
