namespace IntegrationHub.Contracts.Profiles.DataSets;

/// <summary>Agriculture ministry: land shares, subsidies and livestock.</summary>
public sealed record LandData(IReadOnlyList<LandShare> Shares, IReadOnlyList<Subsidy> Subsidies, Livestock Livestock)
{
    /// <summary>The data set's name in the access policy and its place on a member.</summary>
    public static DataSetDescriptor<LandData> DataSet { get; } = new(
        "land",
        m => m.Land,
        (m, set) => m with { Land = set });

    public decimal TotalHectares => Shares.Sum(s => s.AreaHectares);
}

public sealed record LandShare(string ParcelId, string Region, decimal AreaHectares, string Use);

public sealed record Subsidy(int Year, string Kind, decimal Amount);

public sealed record Livestock(int Cattle, int SmallRuminants, int Poultry);
