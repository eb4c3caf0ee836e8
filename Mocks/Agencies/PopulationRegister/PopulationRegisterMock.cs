namespace IntegrationHub.Mocks.Agencies.PopulationRegister;

/// <summary>
/// Population register of the Interior Ministry (IAMAS), API v2.
/// <list type="bullet">
/// <item><c>GET /api/v2/persons/{pin}</c>: the person's record (also for the deceased, with <c>isDead</c>).</item>
/// <item><c>GET /api/v2/persons/{pin}/co-residents</c>: the living people registered at the person's address.</item>
/// </list>
/// Errors: <c>{ "errorCode", "message" }</c>; an unknown PIN is 404 <c>PERSON_NOT_FOUND</c>.
/// </summary>
public sealed class PopulationRegisterMock(SyntheticPopulation population) : MockAgency(population, "population", "Population register (Interior Ministry)")
{
    protected override void Map()
    {
        Get("^/api/v2/persons/(?<pin>[^/]+)$", (m, _) =>
            Find(m.Groups["pin"].Value) is { } p ? Json(Record(p)) : Error(404, "PERSON_NOT_FOUND", "No person with this PIN."));

        Get("^/api/v2/persons/(?<pin>[^/]+)/co-residents$", (m, _) =>
        {
            if (Find(m.Groups["pin"].Value) is not { } p) return Error(404, "PERSON_NOT_FOUND", "No person with this PIN.");
            var code = p.Household.Address.Code;
            var residents = p.Deceased ? [] : Population.Residents.GetValueOrDefault(code, []).Where(r => r.Fin != p.Fin);
            return Json(new
            {
                addressCode = code,
                residents = residents.Select(r => new { pin = r.Fin, registeredSince = r.BirthDate > p.Household.Head.BirthDate.AddYears(18) ? r.BirthDate : p.Household.Head.BirthDate.AddYears(18) }),
            });
        });
    }

    private static object Record(Person p) => new
    {
        pin = p.Fin,
        surname = p.Surname,
        name = p.GivenName,
        patronymic = p.Patronymic,
        birthDate = p.BirthDate,
        gender = p.Sex.ToString(),
        citizenship = p.Citizenship,
        document = new
        {
            type = p.Status.Foreigner ? "RESIDENCE_PERMIT" : "ID_CARD",
            number = p.IdCardNumber,
            issueDate = p.IdIssuedOn,
            expiryDate = p.IdValidUntil,
        },
        registration = new
        {
            addressCode = p.Household.Address.Code,
            region = p.Household.Address.Region,
            city = p.Household.Address.City,
            street = p.Household.Address.Street,
            house = p.Household.Address.Building,
            flat = p.Household.Address.Flat,
        },
        isDead = p.Deceased,
        deathDate = p.DateOfDeath,
    };
}
