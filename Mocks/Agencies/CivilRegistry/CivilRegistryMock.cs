namespace IntegrationHub.Mocks.Agencies.CivilRegistry;

/// <summary>
/// Civil registry of the Justice Ministry (acts of civil status), API v1.
/// <list type="bullet">
/// <item><c>GET /civil/v1/citizens/{fin}/acts</c>: every act naming the citizen, oldest first, with all parties and their roles.</item>
/// </list>
/// Errors: <c>{ "error": { "code", "message" } }</c>; an unknown FIN is 404 <c>CITIZEN_NOT_FOUND</c>.
/// </summary>
public sealed class CivilRegistryMock(SyntheticPopulation population) : MockAgency(population, "civil-registry", "Civil registry (Justice Ministry)")
{
    protected override void Map() =>
        Get("^/civil/v1/citizens/(?<fin>[^/]+)/acts$", (m, _) =>
        {
            var fin = m.Groups["fin"].Value;
            if (Find(fin) is null) return Error(404, "CITIZEN_NOT_FOUND", "No citizen with this FIN in the civil registry.");
            var acts = Population.ActsByFin.GetValueOrDefault(fin, []).OrderBy(a => a.Date).ThenBy(a => a.Number, StringComparer.Ordinal);
            return Json(new { citizen = fin, acts = acts.Select(Act) });
        });

    protected override IResponseMessage Error(int status, string code, string message) =>
        Json(new { error = new { code, message } }, status);

    private object Act(CivilAct act) => new
    {
        kind = act.Kind,
        actNumber = act.Number,
        registeredOn = act.Date,
        parties = act.FinB is null
            ? new[] { Party(act.FinA, FirstRole(act.Kind, act.FinA)) }
            : [Party(act.FinA, FirstRole(act.Kind, act.FinA)), Party(act.FinB, SecondRole(act.Kind, act.FinB))],
    };

    private object Party(string fin, string role)
    {
        var person = Find(fin);
        return new { fin, role, birthDate = person?.BirthDate, dateOfDeath = person?.DateOfDeath };
    }

    private string FirstRole(string kind, string fin) => kind switch
    {
        "MARRIAGE" or "DIVORCE" => SpouseRole(fin),
        "BIRTH" => Find(fin)?.Sex == 'F' ? "MOTHER" : "FATHER",
        "ADOPTION" => "ADOPTIVE_PARENT",
        _ => "DECEASED",
    };

    private string SecondRole(string kind, string fin) => kind switch
    {
        "MARRIAGE" or "DIVORCE" => SpouseRole(fin),
        "BIRTH" => "CHILD",
        _ => "ADOPTED_CHILD",
    };

    private string SpouseRole(string fin) => Find(fin)?.Sex switch
    {
        'M' => "HUSBAND",
        'F' => "WIFE",
        _ => "SPOUSE",
    };
}
