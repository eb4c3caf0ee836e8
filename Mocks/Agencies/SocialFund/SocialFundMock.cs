namespace IntegrationHub.Mocks.Agencies.SocialFund;

/// <summary>
/// State Social Protection Fund (DSMF), beneficiary API v1, PascalCase.
/// <list type="bullet">
/// <item><c>GET /dsmf/api/v1/Beneficiaries/{pin}/Entitlements?DateFrom=yyyy-MM-dd&amp;DateTo=yyyy-MM-dd</c>: pensions,
/// allowances and past targeted assistance, with one payment per entitlement and month of the window that the
/// entitlement covers (never for a month after the person's death or after the last full month).</item>
/// </list>
/// Errors: <c>{ "ErrorCode", "ErrorText" }</c>; unknown FIN 404 <c>PIN_NOT_FOUND</c>, bad window 400 <c>INVALID_PERIOD</c>.
/// </summary>
public sealed class SocialFundMock(SyntheticPopulation population) : MockAgency(population, "social-fund", "State Social Protection Fund (DSMF)")
{
    /// <summary>The fund's type code of each kind the population uses; anything else gets its name in upper snake case.</summary>
    private static readonly Dictionary<string, string> TypeCodes = new(StringComparer.Ordinal)
    {
        ["old-age pension"] = "OLD_AGE_PENSION",
        ["disability pension"] = "DISABILITY_PENSION",
        ["survivor's pension"] = "SURVIVORS_PENSION",
        ["disability allowance"] = "DISABILITY_ALLOWANCE",
        ["child allowance"] = "CHILD_ALLOWANCE",
        ["large-family allowance"] = "LARGE_FAMILY_ALLOWANCE",
        ["IDP food allowance"] = "IDP_FOOD_ALLOWANCE",
    };

    // PascalCase: no naming policy, the anonymous objects' names go out as written.
    protected override JsonSerializerOptions JsonOptions { get; } = new();

    protected override void Map() =>
        Get("^/dsmf/api/v1/Beneficiaries/(?<pin>[^/]+)/Entitlements$", (m, request) =>
        {
            if (Find(m.Groups["pin"].Value) is not { } p) return Error(404, "PIN_NOT_FOUND", "No beneficiary record for this PIN.");
            var dateFrom = QueryDate(request, "DateFrom");
            var dateTo = QueryDate(request, "DateTo");
            if (dateFrom is null || dateTo is null || dateFrom > dateTo)
            {
                return Error(400, "INVALID_PERIOD", "DateFrom and DateTo are required dates (yyyy-MM-dd) and DateFrom must not be after DateTo.");
            }
            var lastPaid = new DateOnly(Population.AsOf.Year, Population.AsOf.Month, 1).AddDays(-1);
            if (p.DateOfDeath is { } died && died < lastPaid) lastPaid = died;
            var entitlements = p.Pensions.Concat(p.Allowances).ToList();
            var payments =
                from month in Months(dateFrom.Value, dateTo.Value < lastPaid ? dateTo.Value : lastPaid)
                from e in entitlements
                where Covers(e.Since, e.Until, month)
                select new { month.Year, month.Month, TypeCode = Code(e.Kind), Amount = e.Monthly };
            return Json(new
            {
                Pin = p.Fin,
                Pensions = p.Pensions.Select(Entitlement),
                Allowances = p.Allowances.Select(Entitlement),
                Payments = payments,
                TargetedAssistance = p.PastAssistance.Select(a => new { AwardedFrom = a.From, AwardedTo = a.To, MonthlyAmount = a.Monthly }),
            });
        });

    protected override IResponseMessage Error(int status, string code, string message) =>
        Json(new { ErrorCode = code, ErrorText = message }, status);

    private static object Entitlement(Pension e) =>
        new { TypeCode = Code(e.Kind), MonthlyAmount = e.Monthly, AssignedFrom = e.Since, AssignedTo = e.Until };

    private static string Code(string kind) =>
        TypeCodes.GetValueOrDefault(kind) ?? kind.Replace("'", "", StringComparison.Ordinal).Replace('-', '_').Replace(' ', '_').ToUpperInvariant();
}
