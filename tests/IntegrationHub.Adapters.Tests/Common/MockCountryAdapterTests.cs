using IntegrationHub.Mocks;
using IntegrationHub.Mocks.Population;

namespace IntegrationHub.Adapters.Tests.Common;

/// <summary>
/// What every agency's adapter tests against the shared running mock country (<see cref="MockCountryFixture"/>) do:
/// the adapters pointed at it, and one person's data set read through <paramref name="agency"/>'s adapter.
/// </summary>
public abstract class MockCountryAdapterTests(MockCountryFixture fixture, string agency) : IClassFixture<MockCountryFixture>, IDisposable
{
    /// <summary>Every adapter, pointed at the country's agencies (a test's own for one test).</summary>
    protected ServiceProvider Services { get; } = AdapterTestHost.Create(fixture.Country);

    protected MockCountry Country => fixture.Country;

    /// <summary>The window the hub asks for on the population's day.</summary>
    protected AgencyQuery Query => AdapterTestHost.Query(Country);

    /// <summary>The person's data set as the agency's adapter reads it (<paramref name="query"/>: <see cref="Query"/> unless given); fails the test if it found nothing.</summary>
    protected async Task<T> FetchAsync<T>(string fin, AgencyQuery? query = null) =>
        Assert.IsType<T>(await Services.Adapter(agency).FetchAsync(Fin.Parse(fin), query ?? Query, TestContext.Current.CancellationToken));

    /// <summary>
    /// Every person of <paramref name="withData"/> and ten people without, each read through the adapter and held to
    /// the population by <paramref name="matches"/>: a misnamed wire field would read as a default.
    /// </summary>
    protected async Task AssertEveryoneMatchesThePopulationAsync<T>(IReadOnlyList<Person> withData, Action<Person, T> matches)
    {
        foreach (var person in withData.Concat(Country.Population.People.Except(withData).Take(10)))
        {
            matches(person, await FetchAsync<T>(person.Fin));
        }
    }

    public void Dispose()
    {
        Services.Dispose();
        GC.SuppressFinalize(this);
    }
}
