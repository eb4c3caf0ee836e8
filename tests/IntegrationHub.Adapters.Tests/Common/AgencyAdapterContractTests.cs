using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Mocks;
using IntegrationHub.Mocks.Agencies;

namespace IntegrationHub.Adapters.Tests.Common;

/// <summary>
/// Every adapter against its WireMock agency: success, not found, 5xx, timeout, malformed and truncated bodies.
/// Each test starts its own small mock country, so injected faults never leak between tests.
/// </summary>
public sealed class AgencyAdapterContractTests
{
    public static readonly TheoryData<string> Agencies = new(AgencyCatalog.All.Select(a => a.Agency.Key));

    private static MockCountry SmallCountry() => MockCountry.Start(new MockCountryOptions(Households: 30));

    [Fact]
    public void Registrations_CoverEveryMockAgency_AndNothingElse()
    {
        using var country = SmallCountry();
        using var services = AdapterTestHost.Create(country);
        var adapters = services.GetServices<IAgencyAdapter>().Select(a => a.Agency.Key).Order().ToList();
        Assert.Equal(country.Agencies.Select(a => a.Key).Order().ToList(), adapters);
        Assert.Equal(AgencyCatalog.All.Select(a => a.Agency.Key).Order().ToList(), adapters);
        Assert.Equal(adapters.Count, services.GetServices<IAgencyAdapter>().Select(a => a.Agency.DataSet).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task Fetch_KnownPerson_ReturnsCanonicalDataThatLandsInItsPlaceOnTheMember(string agency)
    {
        using var country = SmallCountry();
        using var services = AdapterTestHost.Create(country);
        var adapter = services.Adapter(agency);

        foreach (var person in country.Population.People.Take(40))
        {
            Assert.True(await adapter.FetchLandsOnMemberAsync(Fin.Parse(person.Fin), AdapterTestHost.Query(country), TestContext.Current.CancellationToken));
        }
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task Fetch_UnknownPerson_ReturnsNull(string agency)
    {
        using var country = SmallCountry();
        using var services = AdapterTestHost.Create(country);
        var unknown = Fin.Parse("ZZZZZZ9");
        Assert.False(country.Population.ByFin.ContainsKey(unknown.Value));

        var data = await services.Adapter(agency).FetchAsync(unknown, AdapterTestHost.Query(country), TestContext.Current.CancellationToken);

        Assert.Null(data);
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task Fetch_ServerErrorsThenRecovery_RetriesToSuccess(string agency)
    {
        using var country = SmallCountry();
        using var services = AdapterTestHost.Create(country);
        country[agency].Inject(new FaultPlan(FaultKind.ServerError, Count: 1));

        var data = await services.Adapter(agency).FetchAsync(FirstFin(country), AdapterTestHost.Query(country), TestContext.Current.CancellationToken);

        Assert.NotNull(data);
        Assert.Equal(1, country[agency].Faults.Injected);
    }

    [Theory]
    [MemberData(nameof(Agencies))]
    public async Task Fetch_PersistentServerError_FailsWithHttpStatus(string agency)
    {
        using var country = SmallCountry();
        using var services = AdapterTestHost.Create(country);
        country[agency].Inject(new FaultPlan(FaultKind.ServerError));

        var (status, detail) = await FailureOf(services.Adapter(agency), country);

        Assert.Equal(SourceStatus.Failed, status);
        Assert.Contains("503", detail, StringComparison.Ordinal);
        // The failing call was retried (first attempt + the one retry configured). An adapter that makes calls in
        // parallel cancels its other calls once one fails, so their count may be odd; it is never above two per call.
        var injected = country[agency].Faults.Injected;
        Assert.True(injected >= 2, $"{injected} failed calls");
    }

    /// <summary>Every agency with every fault that must fail the call: (agency, fault, status, a phrase of the detail).</summary>
    public static readonly TheoryData<string, FaultKind, SourceStatus, string> Failures = new(
        from agency in AgencyCatalog.All.Select(a => a.Agency.Key)
        from failure in new (FaultKind Fault, SourceStatus Status, string Detail)[]
        {
            (FaultKind.Slow, SourceStatus.TimedOut, ""),
            (FaultKind.MalformedJson, SourceStatus.Failed, "malformed"),
            (FaultKind.TruncatedBody, SourceStatus.Failed, "malformed"),
            (FaultKind.Down, SourceStatus.Failed, "could not be reached"),
        }
        select (agency, failure.Fault, failure.Status, failure.Detail));

    private static readonly Dictionary<string, string?> HungAgencyBudget = new()
    {
        ["Agencies:Defaults:AttemptTimeout"] = "00:00:00.500",
        ["Agencies:Defaults:TotalTimeout"] = "00:00:01.200",
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Fetch_FaultyAgency_FailsAsClassified(string agency, FaultKind fault, SourceStatus expected, string detailPhrase)
    {
        using var country = SmallCountry();
        // A hung agency answers after 1.5 s, beyond the adapter's budget, which is short for this case alone: only a
        // timeout is expected of it. With the default test budget (2 s a try, 4.5 s in all) and a 5 s hang, each of
        // the 14 ran 7 s, one after another, most of this project's time.
        using var services = AdapterTestHost.Create(country, fault == FaultKind.Slow ? HungAgencyBudget : null);
        country[agency].Inject(new FaultPlan(fault, DelayMs: fault == FaultKind.Slow ? 1_500 : 0));

        var (status, detail) = await FailureOf(services.Adapter(agency), country);

        Assert.Equal(expected, status);
        Assert.Contains(detailPhrase, detail, StringComparison.Ordinal);
    }

    private static Fin FirstFin(MockCountry country) => Fin.Parse(country.Population.People.First().Fin);

    private static async Task<(SourceStatus, string)> FailureOf(AnyAdapter adapter, MockCountry country)
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(() =>
            adapter.FetchAsync(FirstFin(country), AdapterTestHost.Query(country), TestContext.Current.CancellationToken));
        return AgencyFailure.Classify(exception, deadlineReached: false);
    }
}

