using System.Net;
using System.Text.Json;

namespace IntegrationHub.Mocks.Tests.Agencies.UtilitiesGateway;

/// <summary>The gateway's paging as docs/agencies/utilities.md publishes it: pages of at most 25, a larger one refused.</summary>
public sealed class UtilitiesGatewayMockTests
{
    [Theory]
    [InlineData("Page=1&PageSize=25", 200, 25)]
    [InlineData("Page=2&PageSize=25", 200, 23)]
    [InlineData("Page=1", 200, 10)]
    [InlineData("Page=1&PageSize=26", 400, 0)]
    [InlineData("Page=1&PageSize=50", 400, 0)]
    [InlineData("Page=0&PageSize=10", 400, 0)]
    [InlineData("Page=1&PageSize=0", 400, 0)]
    [InlineData("Page=-1&PageSize=10", 400, 0)]
    [InlineData("Page=1&PageSize=ten", 400, 0)]
    public async Task Charges_PageSize_CappedAt25AndRefusedAbove(string paging, int status, int items)
    {
        using var country = MockCountry.Start(new MockCountryOptions(Households: 40));
        var holder = country.Population.People.First(p => p.UtilityAccounts.Count == 4);
        var lastBilled = new DateOnly(country.Population.AsOf.Year, country.Population.AsOf.Month, 1).AddMonths(-1);
        using var http = new HttpClient { BaseAddress = new Uri(country["utilities"].Url) };
        var months = $"FromMonth={lastBilled.AddMonths(-11):yyyy-MM}&ToMonth={lastBilled:yyyy-MM}";

        using var response = await http.GetAsync($"/billing/v1/subscribers/{holder.Fin}/charges?{months}&{paging}", TestContext.Current.CancellationToken);
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
