namespace IntegrationHub.Contracts.Profiles.DataSets;

/// <summary>Agriculture ministry: land shares, subsidies and livestock.</summary>
public sealed record LandData(IReadOnlyList<LandShare> Shares, IReadOnlyList<Subsidy> Subsidies, Livestock Livestock)
{
    public decimal TotalHectares => Shares.Sum(s => s.AreaHectares);
}

public sealed record LandShare(string ParcelId, string Region, decimal AreaHectares, string Use);

public sealed record Subsidy(int Year, string Kind, decimal Amount);

public sealed record Livestock(int Cattle, int SmallRuminants, int Poultry);
