using IntegrationHub.Mocks.Agencies;

namespace IntegrationHub.Mocks.Tests.Agencies;

/// <summary>"Down" means down at once: the call right after the switch is refused, even on a connection kept alive.</summary>
public sealed class MockAgencyDownTests
{
    [Fact]
    public async Task Inject_DownRightAfterAnAnsweredCall_TheNextCallIsRefused()
    {
        using var country = MockCountry.Start(new MockCountryOptions(Households: 25));
        var agency = country["tax"];
        using var http = new HttpClient { BaseAddress = new Uri(agency.Url) };
        var ct = TestContext.Current.CancellationToken;

        // WireMock's stop can return before Kestrel has stopped; repeated, the race showed as a "down" agency answering.
        for (var round = 0; round < 20; round++)
        {
            using (var answered = await http.GetAsync("/no-such-route", ct)) Assert.Equal(404, (int)answered.StatusCode);

            agency.Inject(new FaultPlan(FaultKind.Down));

            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/no-such-route", ct));
            agency.Inject(new FaultPlan(FaultKind.None));
        }
    }
}
