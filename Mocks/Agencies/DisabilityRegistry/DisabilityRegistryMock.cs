namespace IntegrationHub.Mocks.Agencies.DisabilityRegistry;

/// <summary>
/// Disability registry (TSERAS) of the medical-social expert commissions, API v1 (snake_case).
/// <list type="bullet">
/// <item><c>GET /tseras/api/v1/persons/{pin}/assessments</c>: every assessment decision, in the order entered (oldest first).</item>
/// </list>
/// Errors: <c>{ "error_code", "error_message" }</c>; an unknown PIN is 404 <c>PIN_NOT_FOUND</c>.
/// </summary>
public sealed class DisabilityRegistryMock(SyntheticPopulation population) : MockAgency(population, "disability-registry", "Disability registry (TSERAS)")
{
    protected override JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    protected override void Map()
    {
        Get("^/tseras/api/v1/persons/(?<pin>[^/]+)/assessments$", (m, _) =>
            Find(m.Groups["pin"].Value) is { } p
                ? Json(new { Pin = p.Fin, Assessments = p.Disability.OrderBy(a => a.From).Select(a => Decision(p, a)) })
                : Error(404, "PIN_NOT_FOUND", "No person with this PIN in the registry."));
    }

    private static object Decision(Person p, Assessment a)
    {
        var child = p.AgeOn(a.From) < 18;
        return new
        {
            DecisionNumber = string.Create(CultureInfo.InvariantCulture, $"TSE-{a.From:yyyyMMdd}-{p.Fin}"),
            ImpairmentPercent = a.Percent,
            // Since 2022 assessments are in percent; the old degree is still given for benefits that refer to it.
            // Children get no degree: they are "children with limited health abilities".
            FormerDegree = child ? null : a.Percent switch
            {
                >= 81 => 1,
                >= 61 => 2,
                >= 31 => 3,
                _ => (int?)null,
            },
            CauseCode = a.Cause,
            ValidFrom = a.From,
            ValidUntil = a.Until,
            Term = a.Until is null ? "INDEFINITE" : "FIXED_TERM",
            IsChild = child,
        };
    }

    protected override IResponseMessage Error(int status, string code, string message) =>
        Json(new { ErrorCode = code, ErrorMessage = message }, status);
}
