namespace IntegrationHub.Adapters.Population;

/// <summary>Population register wire records to the canonical identity.</summary>
public static class PopulationRegisterMapper
{
    public static IdentityData ToIdentity(PersonRecordDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        return new IdentityData(
            Fin.Parse(dto.Pin),
            dto.Name,
            dto.Surname,
            dto.Patronymic,
            dto.BirthDate,
            dto.Gender switch
            {
                "M" => Sex.Male,
                "F" => Sex.Female,
                _ => throw new FormatException($"Unknown gender code '{dto.Gender}' from the population register."),
            },
            dto.Citizenship,
            dto.Document is { } d ? new IdDocument(d.Type, d.Number, d.IssueDate, d.ExpiryDate) : null,
            dto.Registration is { } r ? new RegisteredAddress(r.AddressCode, r.Region, r.City, r.Street, r.House, r.Flat) : null,
            dto.IsDead,
            dto.DeathDate);
    }

    /// <summary>Co-residents with a PIN that is not a valid FIN are skipped: the register's data, not the hub's, is wrong there.</summary>
    public static CoResidents ToCoResidents(CoResidentsDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        var fins = dto.Residents
            .Select(r => Fin.TryParse(r.Pin, out var fin, out _) ? fin : null)
            .OfType<Fin>()
            .ToList();
        return new CoResidents(dto.AddressCode, fins);
    }
}

/// <summary>The living people registered at one address.</summary>
public sealed record CoResidents(string AddressId, IReadOnlyList<Fin> Residents);
