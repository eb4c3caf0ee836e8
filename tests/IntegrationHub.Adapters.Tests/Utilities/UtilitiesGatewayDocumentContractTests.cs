using System.Globalization;
using IntegrationHub.Adapters.Utilities;

namespace IntegrationHub.Adapters.Tests.Utilities;

/// <summary>The utilities adapter against a gateway that answers exactly as docs/agencies/utilities.md shows, page cap included.</summary>
public sealed class UtilitiesGatewayDocumentContractTests
{
    private const string Fin = "8C4YAR4";
    private const string Address = "AD51704932";
    private static readonly AgencyDocument Document = AgencyDocument.Load(UtilitiesGatewayAdapter.Key);
    private static readonly string SubscriberAccounts = Document.Example("\"SubscriberFin\"");

    [Fact]
    public async Task Fetch_YearOfFourAccounts_PagesOfAtMost25UntilTheTotal()
    {
        var gateway = new Gateway(SubscriberAccounts);
        await using var registry = await gateway.StartAsync();

        var data = await DocumentContract.FetchAsync<UtilitiesData>(registry, UtilitiesGatewayAdapter.Key, Fin);

        // The window's twelve months, pages of 25 (the gateway refuses more): 48 rows, two pages.
        Assert.Equal(["FromMonth=2025-11&ToMonth=2026-10&Page=1&PageSize=25", "FromMonth=2025-11&ToMonth=2026-10&Page=2&PageSize=25"], gateway.ChargeQueries.Order());
        Assert.Equal(48, data.Charges.Count);
        Assert.Equal(4, data.Accounts.Count);
        Assert.Equal(new UtilityAccount("EL2965789761", "Azərişıq", UtilityKind.Electricity, "M-E-AD51704932", "AD51704932"), data.Accounts[0]);
        Assert.Equal(new UtilityCharge(new DateOnly(2025, 11, 1), "EL2965789761", 36.34m, 36.34m), data.Charges[0]);
        Assert.Equal(new DateOnly(2026, 10, 1), data.Charges[^1].Month);
    }

    [Theory]
    [InlineData("subscribers/" + Fin)]
    [InlineData("addresses/" + Address)]
    public async Task Charges_OversizePage_RefusedAsTheDocumentSays(string subject)
    {
        // The gateway of the page refuses a page above 25 with 400 INVALID_PAGING, by subscriber and by address alike:
        // what an adapter asking for more meets.
        Document.AssertLists("INVALID_PAGING");
        await using var registry = await new Gateway(SubscriberAccounts).StartAsync();
        using var http = new HttpClient { BaseAddress = registry.BaseAddress };

        using var answer = await http.GetAsync($"billing/v1/{subject}/charges?FromMonth=2025-11&ToMonth=2026-10&Page=1&PageSize=26", TestContext.Current.CancellationToken);

        Assert.Equal(400, (int)answer.StatusCode);
        Assert.Contains("INVALID_PAGING", await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    /// <summary>Each service type code the page lists, with what the hub reads it as (the mapper test maps the same rows).</summary>
    public static TheoryData<string, UtilityKind> DocumentedServiceTypes => new()
    {
        { "ELECTRICITY", UtilityKind.Electricity },
        { "GAS", UtilityKind.Gas },
        { "WATER", UtilityKind.Water },
        { "TELECOM", UtilityKind.Telecom },
    };

    [Theory]
    [MemberData(nameof(DocumentedServiceTypes))]
    public async Task Fetch_EveryDocumentedServiceType_Read(string code, UtilityKind kind)
    {
        Document.AssertLists(code);
        var accounts = JsonNode.Parse(SubscriberAccounts)!.AsObject();
        accounts["Accounts"]![0]!["ServiceType"] = code;
        await using var registry = await new Gateway(accounts.ToJsonString()).StartAsync();

        Assert.Equal(kind, (await DocumentContract.FetchAsync<UtilitiesData>(registry, UtilitiesGatewayAdapter.Key, Fin)).Accounts[0].Kind);
    }

    [Fact]
    public async Task Fetch_PersonWithoutAccounts_EmptyLists()
    {
        await using var registry = await new Gateway("""{"SubscriberFin":"8C4YAR4","Accounts":[]}""").StartAsync();

        var data = await DocumentContract.FetchAsync<UtilitiesData>(registry, UtilitiesGatewayAdapter.Key, Fin);

        Assert.Empty(data.Accounts);
        Assert.Empty(data.Charges);
    }

    [Theory]
    [InlineData("ServiceType", "HEATING")]
    [InlineData("MeterId", null)]
    public async Task Fetch_UndocumentedAccount_Malformed(string field, string? value)
    {
        var accounts = JsonNode.Parse(SubscriberAccounts)!.AsObject();
        accounts["Accounts"]![0]![field] = value;
        await using var registry = await new Gateway(accounts.ToJsonString()).StartAsync();

        Assert.Equal(SourceStatus(value), await DocumentContract.FailureAsync(registry, UtilitiesGatewayAdapter.Key, Fin));
    }

    [Theory]
    [InlineData("Period", "2025-11-01")]
    [InlineData("ChargedAzn", -1)]
    public async Task Fetch_UndocumentedCharge_Malformed(string field, object value)
    {
        await using var registry = await new Gateway(SubscriberAccounts, row => row[field] = JsonValue.Create(value)).StartAsync();

        Assert.Equal(DocumentContract.MalformedContent, await DocumentContract.FailureAsync(registry, UtilitiesGatewayAdapter.Key, Fin));
    }

    [Fact]
    public async Task Fetch_SubscriberNotFound_Null()
    {
        Document.AssertLists("SUBSCRIBER_NOT_FOUND");
        await using var registry = await new Gateway(SubscriberAccounts).StartAsync();

        Assert.Null(await DocumentContract.FetchOrNullAsync(registry, UtilitiesGatewayAdapter.Key, "3ABVK9J"));
    }

    [Fact]
    public async Task FetchAtAddress_YearOfFourAccounts_PagesOfAtMost25UntilTheTotal()
    {
        var gateway = new Gateway(SubscriberAccounts);
        await using var registry = await gateway.StartAsync();

        var data = Assert.IsType<UtilitiesData>(await DocumentContract.FetchAtAddressOrNullAsync(registry, UtilitiesGatewayAdapter.Key, Address));

        Assert.Equal(["FromMonth=2025-11&ToMonth=2026-10&Page=1&PageSize=25", "FromMonth=2025-11&ToMonth=2026-10&Page=2&PageSize=25"], gateway.AddressChargeQueries.Order());
        Assert.Empty(gateway.ChargeQueries);
        Assert.Equal(48, data.Charges.Count);
        Assert.Equal(["EL2965789761", "QZ1588414421", "SU9729862147", "TL8631435207"], data.Accounts.Select(a => a.AccountNumber));
        Assert.Equal(new UtilityAccount("TL8631435207", "Aztelekom", UtilityKind.Telecom, "L-AD51704932", Address), data.Accounts[3]);
        // Every row is shaped like the address page's first row (22.95), renumbered per account and month.
        Assert.Equal(new UtilityCharge(new DateOnly(2025, 11, 1), "EL2965789761", 22.95m, 22.95m), data.Charges[0]);
        Assert.Equal(new DateOnly(2026, 10, 1), data.Charges[^1].Month);
    }

    [Fact]
    public async Task FetchAtAddress_PagingBeyondMaxPages_FailsWithoutNamingTheAddress()
    {
        // 48 rows are two pages of 25: an agency allowed one page fails the call rather than reading on.
        await using var registry = await new Gateway(SubscriberAccounts).StartAsync();

        var (status, detail) = await DocumentContract.AddressFailureAsync(registry, UtilitiesGatewayAdapter.Key, Address, ("MaxPages", "1"));

        Assert.Equal(Contracts.Profiles.SourceStatus.Failed, status);
        Assert.Equal("the agency's paging did not end within 1 pages (its MaxPages)", detail);
    }

    [Fact]
    public async Task FetchAtAddress_AddressNotFound_Null()
    {
        Document.AssertLists("ADDRESS_NOT_FOUND");
        await using var registry = await new Gateway(SubscriberAccounts).StartAsync();

        Assert.Null(await DocumentContract.FetchAtAddressOrNullAsync(registry, UtilitiesGatewayAdapter.Key, "AD00000001"));
    }

    [Theory]
    [InlineData("AddressCode", "AD00000001")]
    [InlineData("Accounts/0/AddressCode", "AD00000001")]
    [InlineData("Accounts/0/ServiceType", "HEATING")]
    [InlineData("Accounts/0/MeterId", null)]
    [InlineData("AddressCode", null)]
    [InlineData("Accounts", null)]
    public async Task FetchAtAddress_UndocumentedAccounts_Malformed(string path, string? value)
    {
        var accounts = Document.ExampleNodeAfter($"GET /billing/v1/addresses/{Address}/accounts");
        var parent = path.Split('/').SkipLast(1).Aggregate((JsonNode)accounts, (node, step) => int.TryParse(step, CultureInfo.InvariantCulture, out var i) ? node[i]! : node[step]!);
        parent[path.Split('/')[^1]] = value;
        await using var registry = await new Gateway(SubscriberAccounts) { AddressAccounts = accounts.ToJsonString() }.StartAsync();

        Assert.Equal(SourceStatus(value), await DocumentContract.AddressFailureAsync(registry, UtilitiesGatewayAdapter.Key, Address));
    }

    [Fact]
    public async Task FetchAtAddress_AddressCodeLeftOut_Malformed()
    {
        var accounts = Document.ExampleNodeAfter($"GET /billing/v1/addresses/{Address}/accounts");
        accounts.Remove("AddressCode");
        await using var registry = await new Gateway(SubscriberAccounts) { AddressAccounts = accounts.ToJsonString() }.StartAsync();

        Assert.Equal(DocumentContract.MalformedBody, await DocumentContract.AddressFailureAsync(registry, UtilitiesGatewayAdapter.Key, Address));
    }

    [Fact]
    public async Task FetchAtAddress_UnreadableAccountsAnsweredAfterTheChargesFailed_TheAccountsFailureReported()
    {
        // Both calls go out at once and both fail: the accounts' unreadable body (which the charges route, reading the
        // same accounts, answers with HTTP 500) is reported however late it comes, so the same answers always read alike.
        var accounts = Document.ExampleNodeAfter($"GET /billing/v1/addresses/{Address}/accounts");
        accounts["Accounts"] = null;
        await using var registry = await new Gateway(SubscriberAccounts) { AddressAccounts = accounts.ToJsonString(), AccountsDelay = TimeSpan.FromMilliseconds(300) }.StartAsync();

        Assert.Equal(DocumentContract.MalformedBody, await DocumentContract.AddressFailureAsync(registry, UtilitiesGatewayAdapter.Key, Address));
    }

    private static (Contracts.Profiles.SourceStatus, string) SourceStatus(string? value) =>
        value is null ? DocumentContract.MalformedBody : DocumentContract.MalformedContent;

    /// <summary>
    /// The gateway of the page: <paramref name="accounts"/> for <see cref="Fin"/>, <see cref="AddressAccounts"/> at
    /// <see cref="Address"/>, and for each one charge row per account and month of the asked months (up to October 2026,
    /// the last billed month), shaped like the first row of the page's charges example for that route; pages as the page
    /// says (Page from 1, PageSize 1-25, default 10, a larger one refused).
    /// </summary>
    private sealed class Gateway(string accounts, Action<JsonObject>? changeRows = null)
    {
        public ConcurrentQueue<string> ChargeQueries { get; } = new();

        public ConcurrentQueue<string> AddressChargeQueries { get; } = new();

        /// <summary>What the gateway answers about <see cref="Address"/>'s accounts: by default the page's example.</summary>
        public string AddressAccounts { get; init; } = Document.ExampleAfter($"GET /billing/v1/addresses/{Address}/accounts");

        /// <summary>How long the gateway takes to answer about <see cref="Address"/>'s accounts.</summary>
        public TimeSpan AccountsDelay { get; init; }

        public Task<RegistryStub> StartAsync() => RegistryStub.StartAsync(app =>
        {
            var subscriberNotFound = Error(404, "SUBSCRIBER_NOT_FOUND");
            var addressNotFound = Error(404, "ADDRESS_NOT_FOUND");
            app.MapGet("/billing/v1/subscribers/{fin}/accounts", (string fin) => fin == Fin ? RegistryStub.Json(accounts) : subscriberNotFound);
            app.MapGet("/billing/v1/subscribers/{fin}/charges", (string fin, HttpRequest request) =>
            {
                ChargeQueries.Enqueue(request.QueryString.Value!.TrimStart('?'));
                return fin == Fin ? Charges(accounts, $"GET /billing/v1/subscribers/{Fin}/charges", request) : subscriberNotFound;
            });
            app.MapGet("/billing/v1/addresses/{code}/accounts", async (string code) =>
            {
                await Task.Delay(AccountsDelay);
                return code == Address ? RegistryStub.Json(AddressAccounts) : addressNotFound;
            });
            app.MapGet("/billing/v1/addresses/{code}/charges", (string code, HttpRequest request) =>
            {
                AddressChargeQueries.Enqueue(request.QueryString.Value!.TrimStart('?'));
                return code == Address ? Charges(AddressAccounts, $"GET /billing/v1/addresses/{Address}/charges", request) : addressNotFound;
            });
            app.MapFallback(() => Error(404, "NO_SUCH_ENDPOINT"));
        });

        /// <summary>One page of the charges of the accounts listed in <paramref name="holder"/>, each row like the first of the example after <paramref name="example"/>.</summary>
        private IResult Charges(string holder, string example, HttpRequest request)
        {
            if (!Month(request.Query["FromMonth"], out var from) || !Month(request.Query["ToMonth"], out var to) || to < from)
            {
                return Error(400, "INVALID_PERIOD");
            }
            if (!Number(request.Query["Page"], 1, out var page) || !Number(request.Query["PageSize"], 10, out var size) || page < 1 || size is < 1 or > 25)
            {
                return Error(400, "INVALID_PAGING");
            }
            var template = Document.ExampleNodeAfter(example)["Items"]![0]!.AsObject();
            var numbers = JsonNode.Parse(holder)!["Accounts"]!.AsArray().Select(a => (string)a!["AccountNo"]!).ToList();
            var lastBilled = new DateOnly(2026, 10, 1);
            var rows = new List<JsonObject>();
            for (var month = from; month <= to && month <= lastBilled; month = month.AddMonths(1))
            {
                foreach (var number in numbers)
                {
                    var row = (JsonObject)template.DeepClone();
                    row["AccountNo"] = number;
                    row["Period"] = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                    changeRows?.Invoke(row);
                    rows.Add(row);
                }
            }
            var answer = new JsonObject
            {
                ["Items"] = new JsonArray([.. rows.Skip((page - 1) * size).Take(size)]),
                ["Page"] = page,
                ["PageSize"] = size,
                ["TotalCount"] = rows.Count,
            };
            return RegistryStub.Json(answer.ToJsonString());
        }

        private static IResult Error(int status, string code) =>
            RegistryStub.Json($$"""{ "ErrorCode": "{{code}}", "ErrorMessage": "…" }""", status);

        private static bool Month(string? text, out DateOnly month) =>
            DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);

        private static bool Number(string? text, int fallback, out int value)
        {
            value = fallback;
            return text is null || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
    }
}
