namespace IntegrationHub.Mocks.Tests.Agencies.UtilitiesGateway;

/// <summary>
/// The gateway's paging as docs/agencies/utilities.md publishes it, by subscriber and by address alike: pages of at
/// most 25, a larger one refused.
/// </summary>
public sealed class UtilitiesGatewayMockTests
{
    private static readonly (string Paging, int Status, int Items)[] Pagings =
    [
        ("Page=1&PageSize=25", 200, 25),
        ("Page=2&PageSize=25", 200, 23),
        ("Page=1", 200, 10),
        ("Page=1&PageSize=26", 400, 0),
        ("Page=1&PageSize=50", 400, 0),
        ("Page=0&PageSize=10", 400, 0),
        ("Page=1&PageSize=0", 400, 0),
        ("Page=-1&PageSize=10", 400, 0),
        ("Page=1&PageSize=ten", 400, 0),
    ];

    public static TheoryData<string, string, int, int> ChargesPagings { get; } =
        new(from route in new[] { "subscribers", "addresses" } from p in Pagings select (route, p.Paging, p.Status, p.Items));

    [Theory]
    [MemberData(nameof(ChargesPagings))]
    public async Task Charges_PageSize_CappedAt25AndRefusedAbove(string route, string paging, int status, int items)
    {
        using var country = MockCountry.Start(new MockCountryOptions(Households: 40));
        var holder = country.Population.People.First(p => p.UtilityAccounts.Count == 4);
        var lastBilled = new DateOnly(country.Population.AsOf.Year, country.Population.AsOf.Month, 1).AddMonths(-1);
        using var http = new HttpClient { BaseAddress = new Uri(country["utilities"].Url) };
        var months = $"FromMonth={lastBilled.AddMonths(-11):yyyy-MM}&ToMonth={lastBilled:yyyy-MM}";
        var subject = route == "subscribers" ? holder.Fin : holder.UtilityAccounts[0].AddressId;

        using var response = await http.GetAsync($"/billing/v1/{route}/{subject}/charges?{months}&{paging}", TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(status, (int)response.StatusCode);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            Assert.Equal(items, body.RootElement.GetProperty("Items").GetArrayLength());
            Assert.Equal(48, body.RootElement.GetProperty("TotalCount").GetInt32());
        }
        else
        {
            Assert.Equal("INVALID_PAGING", body.RootElement.GetProperty("ErrorCode").GetString());
        }
    }
}
