using System.Text.Encodings.Web;

namespace IntegrationHub.Mocks.Agencies.UtilitiesGateway;

/// <summary>
/// The utilities billing gateway in front of Azərişıq, Azəriqaz, Azərsu and Aztelekom, API v1 (PascalCase).
/// <list type="bullet">
/// <item><c>GET /billing/v1/subscribers/{fin}/accounts</c>: the person's accounts with every provider (empty when they hold none).</item>
/// <item><c>GET /billing/v1/subscribers/{fin}/charges?FromMonth&amp;ToMonth&amp;Page&amp;PageSize</c>: monthly charges and
/// payments for the billing months in the range, paged <c>{ Items, Page, PageSize, TotalCount }</c> (Page from 1,
/// PageSize 1-25, default 10). The current month is not billed yet.</item>
/// <item><c>GET /billing/v1/addresses/{addressCode}/accounts</c> and <c>…/charges</c> (same query and paging): the accounts
/// billed at a supply address whoever holds them (a deceased member, a landlord), and their charges.</item>
/// </list>
/// Errors: <c>{ "ErrorCode", "ErrorMessage" }</c>; an unknown FIN is 404 <c>SUBSCRIBER_NOT_FOUND</c>, an address no provider
/// bills 404 <c>ADDRESS_NOT_FOUND</c>, a missing or reversed month range 400 <c>INVALID_PERIOD</c>, a Page below 1 or a
/// PageSize outside 1-25 400 <c>INVALID_PAGING</c> (the gateway refuses a larger page rather than cutting it).
/// </summary>
public sealed class UtilitiesGatewayMock(SyntheticPopulation population) : MockAgency(population, "utilities", "Utilities and telecom (Azərişıq, Azəriqaz, Azərsu, Aztelekom)")
{
    private const int DefaultPageSize = 10;
    public const int MaxPageSize = 25;

    // Monthly load against the yearly average, January first; each row averages exactly 1 over a year, so a
    // 12-month window averages the account's MonthlyCharge (to within rounding of the cents).
    private static readonly decimal[] GasSeason = [1.6m, 1.5m, 1.2m, 0.9m, 0.6m, 0.5m, 0.5m, 0.5m, 0.6m, 0.9m, 1.3m, 1.9m];
    private static readonly decimal[] ElectricitySeason = [1.2m, 1.15m, 1.0m, 0.9m, 0.85m, 0.95m, 1.1m, 1.1m, 0.9m, 0.85m, 0.95m, 1.05m];

    private AccountsAt? _byAddress;

    /// <summary>Every account by the address it is billed at, whoever holds it; built again once the country changed (a move bills a new address).</summary>
    private ILookup<string, UtilityAccount> ByAddress
    {
        get
        {
            var version = Population.Version;
            if (_byAddress is not { } built || built.Version != version)
            {
                _byAddress = built = new AccountsAt(version, Population.People.SelectMany(p => p.UtilityAccounts).ToLookup(a => a.AddressId, StringComparer.Ordinal));
            }
            return built.Accounts;
        }
    }

    /// <summary>One reference, so a thread never reads a version with another version's accounts.</summary>
    private sealed record AccountsAt(long Version, ILookup<string, UtilityAccount> Accounts);

    // Azerbaijani letters go out as raw UTF-8, as the registries send them, not as \u escapes.
    protected override JsonSerializerOptions JsonOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected override IResponseMessage Error(int status, string code, string message) =>
        Json(new { ErrorCode = code, ErrorMessage = message }, status);

    protected override void Map()
    {
        Get("^/billing/v1/subscribers/(?<fin>[^/]+)/accounts$", (m, _) =>
        {
            if (Find(m.Groups["fin"].Value) is not { } p) return SubscriberNotFound();
            return Json(new
            {
                SubscriberFin = p.Fin,
                Accounts = p.UtilityAccounts.Select(a => new
                {
                    a.AccountNo,
                    a.Provider,
                    ServiceType = a.Kind,
                    a.MeterId,
                    AddressCode = a.AddressId,
                }),
            });
        });

        Get("^/billing/v1/subscribers/(?<fin>[^/]+)/charges$", (m, request) =>
            Find(m.Groups["fin"].Value) is { } p ? Charges(p.UtilityAccounts, request) : SubscriberNotFound());

        MapAddresses();
    }

    /// <summary>The routes by supply address: what a member's FIN does not find (a deceased holder's or a landlord's accounts).</summary>
    private void MapAddresses()
    {
        Get("^/billing/v1/addresses/(?<code>[^/]+)/accounts$", (m, _) =>
        {
            var code = m.Groups["code"].Value;
            if (!ByAddress.Contains(code)) return AddressNotFound();
            return Json(new
            {
                AddressCode = code,
                Accounts = ByAddress[code].Select(a => new { a.AccountNo, a.Provider, ServiceType = a.Kind, a.MeterId, AddressCode = a.AddressId }),
            });
        });

        Get("^/billing/v1/addresses/(?<code>[^/]+)/charges$", (m, request) =>
        {
            var code = m.Groups["code"].Value;
            return ByAddress.Contains(code) ? Charges(ByAddress[code].ToList(), request) : AddressNotFound();
        });
    }

    /// <summary>
    /// One page of the monthly charges of <paramref name="accounts"/> for the request's month range: the one handler of
    /// both charges routes, so a subscriber and an address are paged alike (a page above 25 refused, never cut).
    /// </summary>
    private IResponseMessage Charges(IReadOnlyList<UtilityAccount> accounts, IRequestMessage request)
    {
        if (QueryDate(request, "FromMonth", "yyyy-MM") is not { } from || QueryDate(request, "ToMonth", "yyyy-MM") is not { } to || to < from)
        {
            return Error(400, "INVALID_PERIOD", "FromMonth and ToMonth (yyyy-MM, FromMonth <= ToMonth) are required.");
        }
        if (!TryQueryInt(request, "Page", 1, out var page) || !TryQueryInt(request, "PageSize", DefaultPageSize, out var size)
            || page < 1 || size is < 1 or > MaxPageSize)
        {
            return Error(400, "INVALID_PAGING", $"Page must be at least 1 and PageSize between 1 and {MaxPageSize}.");
        }
        var lastBilled = new DateOnly(Population.AsOf.Year, Population.AsOf.Month, 1).AddMonths(-1);
        var charges = Months(from, to < lastBilled ? to : lastBilled)
            .SelectMany(month => accounts.Select(a => (Month: month, Account: a)))
            .OrderBy(c => c.Month).ThenBy(c => c.Account.AccountNo, StringComparer.Ordinal)
            .ToList();
        return Json(new
        {
            Items = charges.Skip((page - 1) * size).Take(size).Select(c =>
            {
                var charged = Charged(c.Account, c.Month);
                return new { c.Account.AccountNo, Period = c.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), ChargedAzn = charged, PaidAzn = charged };
            }),
            Page = page,
            PageSize = size,
            TotalCount = charges.Count,
        });
    }

    private IResponseMessage AddressNotFound() => Error(404, "ADDRESS_NOT_FOUND", "No provider bills any account at this address.");

    /// <summary>Gas and electricity follow the season; water and telecom are flat.</summary>
    private static decimal Charged(UtilityAccount account, DateOnly month) => account.Kind switch
    {
        "GAS" => Math.Round(account.MonthlyCharge * GasSeason[month.Month - 1], 2),
        "ELECTRICITY" => Math.Round(account.MonthlyCharge * ElectricitySeason[month.Month - 1], 2),
        _ => account.MonthlyCharge,
    };

    private IResponseMessage SubscriberNotFound() => Error(404, "SUBSCRIBER_NOT_FOUND", "No subscriber with this FIN at any provider.");
}
