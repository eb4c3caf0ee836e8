namespace IntegrationHub.Mocks.Agencies.StatusRegistries;

/// <summary>
/// The combined status service over the defence, penitentiary, interior, migration, social-services, IDP and
/// credit-bureau registries, API v1 (camelCase, inside <c>{ "data": ... }</c>).
/// <list type="bullet">
/// <item><c>GET /status/v1/persons/{pin}/flags</c>: the registries consulted and every flag they hold on the person.</item>
/// </list>
/// Errors: <c>{ "error": { "code", "message" } }</c>; an unknown PIN is 404 <c>PERSON_NOT_FOUND</c>.
/// </summary>
public sealed class StatusRegistriesMock(SyntheticPopulation population) : MockAgency(population, "status-registries", "Status registries (defence, penitentiary, migration, IDP, credit bureau)")
{
    private static readonly string[] Registries =
        ["DEFENCE", "PENITENTIARY", "INTERIOR", "MIGRATION", "SOCIAL_SERVICES", "IDP_COMMITTEE", "CREDIT_BUREAU"];

    protected override void Map()
    {
        Get("^/status/v1/persons/(?<pin>[^/]+)/flags$", (m, _) =>
            Find(m.Groups["pin"].Value) is { } p
                ? Json(new { data = new { pin = p.Fin, checkedRegistries = Registries, flags = Flags(p) } })
                : Error(404, "PERSON_NOT_FOUND", "No person with this PIN."));
    }

    private static List<Flag> Flags(Person p)
    {
        var s = p.Status;
        var flags = new List<Flag>();
        if (s.Conscript) flags.Add(new Flag("DEFENCE", "ACTIVE_MILITARY_SERVICE"));
        if (s.Prisoner) flags.Add(new Flag("PENITENTIARY", "SERVING_SENTENCE"));
        if (s.Wanted) flags.Add(new Flag("INTERIOR", "WANTED"));
        if (s.Abroad) flags.Add(new Flag("MIGRATION", "RESIDING_ABROAD"));
        if (s.Foreigner) flags.Add(new Flag("MIGRATION", "FOREIGN_CITIZEN"));
        if (s.StateCare) flags.Add(new Flag("SOCIAL_SERVICES", "FULL_STATE_CARE"));
        if (s.Idp) flags.Add(new Flag("IDP_COMMITTEE", "IDP"));
        if (p.OpenLoans > 0) flags.Add(new Flag("CREDIT_BUREAU", "OPEN_LOANS", p.OpenLoans, p.LoanOutstanding));
        return flags;
    }

    protected override IResponseMessage Error(int status, string code, string message) =>
        Json(new { error = new { code, message } }, status);

    // Serialized with the web (camelCase) naming; count and amount are null except on OPEN_LOANS.
    private sealed record Flag(string Registry, string Code, int? Count = null, decimal? Amount = null);
}
