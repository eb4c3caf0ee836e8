using System.Text.Json;
using IntegrationHub.Adapters.Property;

namespace IntegrationHub.Adapters.Tests.Property;

public sealed class PropertyRegistryMapperTests
{
    private static readonly Fin Owner = Fin.Parse("5ABC12D");

    private static OwnershipRightDto Right(string purpose = "RESIDENTIAL", decimal share = 50m) =>
        new("DR-0000012345", purpose, "Bakı, Füzuli küç. 12 apt 5", share, 72.5m, new DateOnly(2014, 6, 1));

    private static TransactionDto Deal(string type = "SALE", string purpose = "RESIDENTIAL", DateOnly? date = null) =>
        new("DR-0000067890", purpose, type, date ?? new DateOnly(2025, 11, 3), 48_000m);

    [Fact]
    public void ToRealEstate_FullAnswer_MapsEveryField()
    {
        var data = PropertyRegistryMapper.ToRealEstate(Owner, new OwnerRightsDto("5ABC12D", [Right()]), [Deal()]);

        var holding = Assert.Single(data.Holdings);
        Assert.Equal("DR-0000012345", holding.RegistryNumber);
        Assert.Equal(PropertyPurpose.Residential, holding.Purpose);
        Assert.Equal("Bakı, Füzuli küç. 12 apt 5", holding.Address);
        Assert.Equal(50m, holding.SharePercent);
        Assert.Equal(72.5m, holding.AreaSquareMetres);
        Assert.Equal(new DateOnly(2014, 6, 1), holding.AcquiredOn);
        var deal = Assert.Single(data.Transactions);
        Assert.Equal(new DateOnly(2025, 11, 3), deal.Date);
        Assert.Equal(TransactionKind.Sale, deal.Kind);
        Assert.Equal("DR-0000067890", deal.RegistryNumber);
        Assert.Equal(PropertyPurpose.Residential, deal.Purpose);
        Assert.Equal(48_000m, deal.Value);
    }

    [Fact]
    public void ToRealEstate_NoRightsNoDeals_ReturnsEmptyLists()
    {
        var data = PropertyRegistryMapper.ToRealEstate(Owner, new OwnerRightsDto("5ABC12D", []), []);

        Assert.Empty(data.Holdings);
        Assert.Empty(data.Transactions);
    }

    [Fact]
    public void ToRealEstate_DealsOutOfOrder_AreSortedByDate()
    {
        var data = PropertyRegistryMapper.ToRealEstate(Owner, new OwnerRightsDto("5ABC12D", []),
            [Deal(date: new DateOnly(2025, 9, 1)), Deal("PURCHASE", date: new DateOnly(2024, 2, 1))]);

        Assert.Equal([TransactionKind.Purchase, TransactionKind.Sale], data.Transactions.Select(t => t.Kind));
    }

    [Fact]
    public void ToRealEstate_RightsOfAnotherOwner_AreRejected()
    {
        Assert.Throws<FormatException>(() => PropertyRegistryMapper.ToRealEstate(Owner, new OwnerRightsDto("7XYZ34K", [Right()]), []));
    }

    [Fact]
    public void ToRealEstate_OwnerFinMalformed_IsRejected()
    {
        Assert.Throws<FormatException>(() => PropertyRegistryMapper.ToRealEstate(Owner, new OwnerRightsDto("5abc12d", []), []));
    }

    [Theory]
    [MemberData(nameof(PropertyRegistryDocumentContractTests.DocumentedPurposes), MemberType = typeof(PropertyRegistryDocumentContractTests))]
    public void ToPurpose_EveryKnownCode_Maps(string code, PropertyPurpose expected)
    {
        Assert.Equal(expected, PropertyRegistryMapper.ToPurpose(code));
    }

    [Theory]
    [InlineData("residential")]
    [InlineData("AGRICULTURAL")]
    [InlineData("")]
    public void ToHolding_UnknownPurposeCode_IsRejectedNamingTheCode(string code)
    {
        var ex = Assert.Throws<FormatException>(() => PropertyRegistryMapper.ToHolding(Right(code)));
        Assert.Contains($"'{code}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToTransaction_Purchase_MapsToPurchase()
    {
        Assert.Equal(TransactionKind.Purchase, PropertyRegistryMapper.ToTransaction(Deal("PURCHASE")).Kind);
    }

    [Fact]
    public void ToTransaction_UnknownDealType_IsRejectedNamingTheCode()
    {
        var ex = Assert.Throws<FormatException>(() => PropertyRegistryMapper.ToTransaction(Deal("GIFT")));
        Assert.Contains("'GIFT'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    [InlineData(100.5)]
    public void ToHolding_ShareOutsidePercentRange_IsRejected(double share)
    {
        Assert.Throws<FormatException>(() => PropertyRegistryMapper.ToHolding(Right(share: (decimal)share)));
    }

    [Fact]
    public void JsonContext_DocumentedTransactionPage_Deserializes()
    {
        const string json = """
            {"items":[{"registry_number":"DR-0000067890","purpose":"RESIDENTIAL","deal_type":"SALE","deal_date":"2025-11-03","price_azn":48000}],
             "page":1,"page_size":100,"total":1}
            """;

        var page = JsonSerializer.Deserialize(json, PropertyRegistryJsonContext.Default.TransactionPageDto)!;

        Assert.Equal(Deal(), Assert.Single(page.Items));
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public void JsonContext_FieldMissing_FailsAsMalformed()
    {
        const string json = """{"owner_fin":"5ABC12D","rights":[{"registry_number":"DR-1","purpose":"GARAGE","address":"x","share_percent":100,"registered_on":"2020-01-01"}]}""";

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, PropertyRegistryJsonContext.Default.OwnerRightsDto));
    }
}
