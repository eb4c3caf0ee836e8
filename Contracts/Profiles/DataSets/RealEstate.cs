using System.Text.Json.Serialization;

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
public sealed record RealEstateData(IReadOnlyList<RealEstateHolding> Holdings, IReadOnlyList<PropertyTransaction> Transactions);

public sealed record RealEstateHolding(string RegistryNumber, PropertyPurpose Purpose, string Address, decimal SharePercent, decimal AreaSquareMetres, DateOnly AcquiredOn);

public sealed record PropertyTransaction(DateOnly Date, TransactionKind Kind, string RegistryNumber, PropertyPurpose Purpose, decimal Value);
