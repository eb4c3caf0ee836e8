namespace IntegrationHub.Adapters.Property;

/// <summary>Property registry wire records to the canonical real-estate data set.</summary>
public static class PropertyRegistryMapper
{
    /// <summary>
    /// Maps the person's rights and transactions. The rights must be registered to <paramref name="owner"/>:
    /// an answer about someone else is rejected, never shown as this person's property.
    /// </summary>
    public static RealEstateData ToRealEstate(Fin owner, OwnerRightsDto rights, IReadOnlyList<TransactionDto> transactions)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(rights);
        ArgumentNullException.ThrowIfNull(transactions);
        if (Fin.Parse(rights.OwnerFin) != owner)
        {
            throw new FormatException("The property registry answered with the rights of a different owner.");
        }
        return new RealEstateData(
            rights.Rights.Select(ToHolding).ToList(),
            transactions.Select(ToTransaction).OrderBy(t => t.Date).ToList());
    }

    public static RealEstateHolding ToHolding(OwnershipRightDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        if (dto.SharePercent is <= 0 or > 100)
        {
            throw new FormatException($"Ownership share {dto.SharePercent} of '{dto.RegistryNumber}' is not a percentage above 0 and at most 100.");
        }
        return new RealEstateHolding(dto.RegistryNumber, ToPurpose(dto.Purpose), dto.Address, dto.SharePercent, dto.AreaSqm, dto.RegisteredOn);
    }

    public static PropertyTransaction ToTransaction(TransactionDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        var kind = dto.DealType switch
        {
            "PURCHASE" => TransactionKind.Purchase,
            "SALE" => TransactionKind.Sale,
            _ => throw new FormatException($"Unknown deal type '{dto.DealType}' from the property registry."),
        };
        return new PropertyTransaction(dto.DealDate, kind, dto.RegistryNumber, ToPurpose(dto.Purpose), dto.PriceAzn);
    }

    public static PropertyPurpose ToPurpose(string code) => code switch
    {
        "RESIDENTIAL" => PropertyPurpose.Residential,
        "COMMERCIAL" => PropertyPurpose.Commercial,
        "GARAGE" => PropertyPurpose.Garage,
        "GARDEN" => PropertyPurpose.Garden,
        "OTHER" => PropertyPurpose.Other,
        _ => throw new FormatException($"Unknown property purpose code '{code}' from the property registry."),
    };
}
