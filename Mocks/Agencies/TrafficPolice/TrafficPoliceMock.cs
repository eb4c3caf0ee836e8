namespace IntegrationHub.Mocks.Agencies.TrafficPolice;

/// <summary>
/// State Road Police (DYP) of the Interior Ministry, API v1 (PascalCase).
/// <list type="bullet">
/// <item><c>GET /dyp/api/v1/persons/{pin}/vehicles</c>: vehicles held as owner or under a power of attorney.</item>
/// <item><c>GET /dyp/api/v1/persons/{pin}/driving-licences</c>: driving licences, expired ones included.</item>
/// </list>
/// Errors: <c>{ "ErrorCode", "ErrorText" }</c>; an unknown PIN is 404 <c>PERSON_NOT_FOUND</c>.
/// </summary>
public sealed class TrafficPoliceMock(SyntheticPopulation population) : MockAgency(population, "traffic-police", "Traffic police (State Road Police)")
{
    protected override JsonSerializerOptions JsonOptions { get; } = new();

    protected override void Map()
    {
        Get("^/dyp/api/v1/persons/(?<pin>[^/]+)/vehicles$", (m, _) =>
            Find(m.Groups["pin"].Value) is { } p
                ? Json(new
                {
                    Pin = p.Fin,
                    Vehicles = p.Vehicles.Select(v => new
                    {
                        PlateNumber = v.Plate,
                        v.Make,
                        v.Model,
                        ManufactureYear = v.Year,
                        HolderType = v.Owner ? "OWNER" : "POWER_OF_ATTORNEY",
                        AcquisitionBasis = v.RehabilitationGrant ? "STATE_REHABILITATION" : "PURCHASE",
                        RegisteredOn = v.Since,
                    }),
                })
                : UnknownPin());

        Get("^/dyp/api/v1/persons/(?<pin>[^/]+)/driving-licences$", (m, _) =>
            Find(m.Groups["pin"].Value) is { } p
                ? Json(new
                {
                    Pin = p.Fin,
                    // Everyone in the synthetic population drives passenger cars only.
                    Licences = p.LicenceValidUntil is { } until ? new[] { new { Categories = new[] { "B" }, ValidUntil = until } } : [],
                })
                : UnknownPin());
    }

    private IResponseMessage UnknownPin() => Error(404, "PERSON_NOT_FOUND", "No person with this PIN.");

    protected override IResponseMessage Error(int status, string code, string message) =>
        Json(new { ErrorCode = code, ErrorText = message }, status);
}
