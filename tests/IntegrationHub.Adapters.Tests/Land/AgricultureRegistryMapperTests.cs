using System.Text.Json;
using IntegrationHub.Adapters.Land;

namespace IntegrationHub.Adapters.Tests.Land;

public sealed class AgricultureRegistryMapperTests
{
    private static readonly Fin Farmer = Fin.Parse("5ABC12D");

    private static FarmHoldingDto Holding(string category = "ARABLE", int cattle = 3, string fin = "5ABC12D") =>
        new(fin, [new LandPlotDto("TP-00012345", "Lənkəran", 1.75m, category)], new LivestockDto(cattle, 12, 30));

    private static SubsidyPaymentDto Payment(string type = "SOWING", int year = 2025) => new(year, type, 245m);

    [Fact]
    public void ToLand_FullAnswer_MapsEveryField()
    {
        var data = AgricultureRegistryMapper.ToLand(Farmer, Holding(), [Payment()]);

        var share = Assert.Single(data.Shares);
        Assert.Equal("TP-00012345", share.ParcelId);
        Assert.Equal("Lənkəran", share.Region);
        Assert.Equal(1.75m, share.AreaHectares);
        Assert.Equal("arable", share.Use);
        Assert.Equal(1.75m, data.TotalHectares);
        var subsidy = Assert.Single(data.Subsidies);
        Assert.Equal(2025, subsidy.Year);
        Assert.Equal("sowing", subsidy.Kind);
        Assert.Equal(245m, subsidy.Amount);
        Assert.Equal(3, data.Livestock.Cattle);
        Assert.Equal(12, data.Livestock.SmallRuminants);
        Assert.Equal(30, data.Livestock.Poultry);
    }

    [Fact]
    public void ToLand_NotAFarmer_ReturnsEmptyListsAndNoLivestock()
    {
        var data = AgricultureRegistryMapper.ToLand(Farmer, new FarmHoldingDto("5ABC12D", [], new LivestockDto(0, 0, 0)), []);

        Assert.Empty(data.Shares);
        Assert.Empty(data.Subsidies);
        Assert.Equal(0m, data.TotalHectares);
        Assert.Equal(0, data.Livestock.Cattle + data.Livestock.SmallRuminants + data.Livestock.Poultry);
    }

    [Fact]
    public void ToLand_SubsidiesOutOfOrder_AreSortedByYear()
    {
        var data = AgricultureRegistryMapper.ToLand(Farmer, Holding(), [Payment(year: 2026), Payment("LIVESTOCK", 2025)]);

        Assert.Equal([2025, 2026], data.Subsidies.Select(s => s.Year));
    }

    [Fact]
    public void ToLand_HoldingOfAnotherFarmer_IsRejected()
    {
        Assert.Throws<FormatException>(() => AgricultureRegistryMapper.ToLand(Farmer, Holding(fin: "7XYZ34K"), []));
    }

    [Fact]
    public void ToLand_NegativeLivestock_IsRejected()
    {
        Assert.Throws<FormatException>(() => AgricultureRegistryMapper.ToLand(Farmer, Holding(cattle: -1), []));
    }

    [Theory]
    [MemberData(nameof(AgricultureRegistryDocumentContractTests.DocumentedLandCategories), MemberType = typeof(AgricultureRegistryDocumentContractTests))]
    public void ToShare_EveryKnownCategory_Maps(string category, string use)
    {
        Assert.Equal(use, AgricultureRegistryMapper.ToShare(new LandPlotDto("TP-1", "Şəki", 1m, category)).Use);
    }

    [Theory]
    [InlineData("arable")]
    [InlineData("FOREST")]
    public void ToShare_UnknownCategory_IsRejectedNamingTheCode(string category)
    {
        var ex = Assert.Throws<FormatException>(() => AgricultureRegistryMapper.ToShare(new LandPlotDto("TP-1", "Şəki", 1m, category)));
        Assert.Contains($"'{category}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToShare_NegativeArea_IsRejected()
    {
        Assert.Throws<FormatException>(() => AgricultureRegistryMapper.ToShare(new LandPlotDto("TP-1", "Şəki", -0.5m, "ARABLE")));
    }

    [Theory]
    [MemberData(nameof(AgricultureRegistryDocumentContractTests.DocumentedSubsidyTypes), MemberType = typeof(AgricultureRegistryDocumentContractTests))]
    public void ToSubsidy_EveryKnownType_Maps(string type, string kind)
    {
        Assert.Equal(kind, AgricultureRegistryMapper.ToSubsidy(Payment(type)).Kind);
    }

    [Fact]
    public void ToSubsidy_UnknownType_IsRejectedNamingTheCode()
    {
        var ex = Assert.Throws<FormatException>(() => AgricultureRegistryMapper.ToSubsidy(Payment("FUEL")));
        Assert.Contains("'FUEL'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonContext_DocumentedHolding_Deserializes()
    {
        const string json = """
            {"success":true,"data":{"farmerFin":"5ABC12D",
              "landPlots":[{"parcelId":"TP-00012345","region":"Lənkəran","areaHa":1.75,"landCategory":"ARABLE"}],
              "livestock":{"cattle":3,"sheepAndGoats":12,"poultry":30}}}
            """;

        var envelope = JsonSerializer.Deserialize(json, AgricultureRegistryJsonContext.Default.FarmHoldingEnvelopeDto)!;

        Assert.True(envelope.Success);
        Assert.Equal(Holding().LandPlots, envelope.Data.LandPlots);
        Assert.Equal(Holding().Livestock, envelope.Data.Livestock);
    }

    [Fact]
    public void JsonContext_DataMissing_FailsAsMalformed()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"success":true}""", AgricultureRegistryJsonContext.Default.SubsidiesEnvelopeDto));
    }
}
