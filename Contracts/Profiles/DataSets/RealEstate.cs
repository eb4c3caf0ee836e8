namespace IntegrationHub.Contracts.Profiles.DataSets;

[JsonConverter(typeof(JsonStringEnumConverter<PropertyPurpose>))]
public enum PropertyPurpose
{
    Residential,
    Commercial,
    Garage,
    Garden,
    Other,
}

[JsonConverter(typeof(JsonStringEnumConverter<TransactionKind>))]
public enum TransactionKind
{
    Purchase,
    Sale,
}

/// <summary>Property registry: real estate owned (with shares) and purchases and sales with their values.</summary>
public sealed record RealEstateData(IReadOnlyList<RealEstateHolding> Holdings, IReadOnlyList<PropertyTransaction> Transactions)
{
    /// <summary>The data set's name in the access policy and its place on a member.</summary>
    public static DataSetDescriptor<RealEstateData> DataSet { get; } = new(
        "real-estate",
        m => m.RealEstate,
        (m, set) => m with { RealEstate = set });
}

public sealed record RealEstateHolding(string RegistryNumber, PropertyPurpose Purpose, string Address, decimal SharePercent, decimal AreaSquareMetres, DateOnly AcquiredOn);

public sealed record PropertyTransaction(DateOnly Date, TransactionKind Kind, string RegistryNumber, PropertyPurpose Purpose, decimal Value);
