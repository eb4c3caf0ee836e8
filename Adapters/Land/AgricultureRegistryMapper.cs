namespace IntegrationHub.Adapters.Land;

/// <summary>Agriculture registry wire records to the canonical land data set.</summary>
public static class AgricultureRegistryMapper
{
    /// <summary>Maps the holding and subsidies; a holding registered to anyone but <paramref name="farmer"/> is rejected.</summary>
    public static LandData ToLand(Fin farmer, FarmHoldingDto holding, IReadOnlyList<SubsidyPaymentDto> subsidies)
    {
        ArgumentNullException.ThrowIfNull(farmer);
        ArgumentNullException.ThrowIfNull(holding);
        ArgumentNullException.ThrowIfNull(subsidies);
        if (Fin.Parse(holding.FarmerFin) != farmer)
        {
            throw new FormatException("The agriculture registry answered with the holding of a different farmer.");
        }
        var livestock = holding.Livestock;
        if (livestock.Cattle < 0 || livestock.SheepAndGoats < 0 || livestock.Poultry < 0)
        {
            throw new FormatException("The agriculture registry declared a negative livestock count.");
        }
        return new LandData(
            holding.LandPlots.Select(ToShare).ToList(),
            subsidies.Select(ToSubsidy).OrderBy(s => s.Year).ToList(),
            new Livestock(livestock.Cattle, livestock.SheepAndGoats, livestock.Poultry));
    }

    public static LandShare ToShare(LandPlotDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        if (dto.AreaHa < 0)
        {
            throw new FormatException($"Parcel '{dto.ParcelId}' has a negative area ({dto.AreaHa} ha).");
        }
        var use = dto.LandCategory switch
        {
            "ARABLE" => "arable",
            "PASTURE" => "pasture",
            "HAYFIELD" => "hayfield",
            "PERENNIAL" => "perennial",
            "HOMESTEAD" => "homestead",
            _ => throw new FormatException($"Unknown land category '{dto.LandCategory}' from the agriculture registry."),
        };
        return new LandShare(dto.ParcelId, dto.Region, dto.AreaHa, use);
    }

    public static Subsidy ToSubsidy(SubsidyPaymentDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        var kind = dto.SubsidyType switch
        {
            "SOWING" => "sowing",
            "YIELD" => "yield",
            "LIVESTOCK" => "livestock",
            _ => throw new FormatException($"Unknown subsidy type '{dto.SubsidyType}' from the agriculture registry."),
        };
        return new Subsidy(dto.Year, kind, dto.AmountAzn);
    }
}
