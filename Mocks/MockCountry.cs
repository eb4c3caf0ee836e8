using IntegrationHub.Mocks.Agencies;
using IntegrationHub.Mocks.LifeEvents;

namespace IntegrationHub.Mocks;

/// <summary>Settings of a mock country.</summary>
/// <param name="Seed">Same seed, same people.</param>
/// <param name="AsOf">The population's "today"; defaults to the first day of the current month.</param>
/// <param name="Households">How many households to generate.</param>
/// <param name="BasePort">0 for free ports; otherwise agency i listens on BasePort + i (for testers who want fixed URLs).</param>
/// <param name="LifeEventsEvery">How often the country changes by itself (a birth, a death, a job lost, ...) and tells the hub; null: only when a tester says so.</param>
/// <param name="Agencies">The mocks to start; null for every agency's (<see cref="MockCountry.AllAgencies"/>).</param>
public sealed record MockCountryOptions(int Seed = 2026, DateOnly? AsOf = null, int Households = 1200, int BasePort = 0, TimeSpan? LifeEventsEvery = null,
    IReadOnlyList<Func<SyntheticPopulation, MockAgency>>? Agencies = null);

/// <summary>
/// Every agency's mock, started over one synthetic population. Usable in-process (tests, the hub's
/// default mode) and from the command line (<c>dotnet run --project Mocks</c>).
/// </summary>
public sealed class MockCountry : IDisposable
{
    private readonly TimeProvider _time;

    private MockCountry(SyntheticPopulation population, IReadOnlyList<MockAgency> agencies, TimeProvider time, TimeSpan? lifeEventsEvery)
    {
        Population = population;
        Agencies = agencies;
        _time = time;
        Events = new LifeEventSender(time);
        if (lifeEventsEvery is { } every && every > TimeSpan.Zero) Clock = new LifeEventClock(population, Events, time, every);
    }

    /// <summary>The agencies' events on their way to the hub (connect one with <see cref="LifeEventSender.Connect"/>).</summary>
    public LifeEventSender Events { get; }

    /// <summary>The country changing by itself; null unless <see cref="MockCountryOptions.LifeEventsEvery"/> was given.</summary>
    public LifeEventClock? Clock { get; }

    /// <summary>
    /// A tester's change: <paramref name="kind"/> happens to <paramref name="fin"/> (on <paramref name="date"/>, default
    /// today; a marriage with <paramref name="partner"/> or someone suitable). The population changes at once, so every
    /// agency concerned answers with it, and the agencies' events leave for the hub. Throws
    /// <see cref="LifeChangeRefusedException"/> when the change does not fit the person.
    /// </summary>
    public IReadOnlyList<SentEvent> Change(string kind, string fin, DateOnly? date = null, string? partner = null) =>
        Events.Send(Population.Change(kind, fin, date ?? DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime), partner));

    public SyntheticPopulation Population { get; }

    public IReadOnlyList<MockAgency> Agencies { get; }

    public MockAgency this[string key] =>
        Agencies.FirstOrDefault(a => a.Key == key) ?? throw new KeyNotFoundException($"No mock agency '{key}'. Known: {string.Join(", ", Agencies.Select(a => a.Key))}.");

    /// <summary>Generates the population and starts every agency's server.</summary>
    public static MockCountry Start(MockCountryOptions? options = null, TimeProvider? time = null)
    {
        options ??= new MockCountryOptions();
        var population = Generate(options, time);
        var agencies = (options.Agencies ?? AllAgencies).Select(create => create(population)).ToList();
        for (var i = 0; i < agencies.Count; i++)
        {
            agencies[i].Start(options.BasePort == 0 ? 0 : options.BasePort + i);
        }
        return new MockCountry(population, agencies, time ?? TimeProvider.System, options.LifeEventsEvery);
    }

    /// <summary>The population a country with these options serves, without starting any server.</summary>
    public static SyntheticPopulation Generate(MockCountryOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var today = DateOnly.FromDateTime((time ?? TimeProvider.System).GetUtcNow().UtcDateTime);
        return SyntheticPopulation.Generate(options.Seed, options.AsOf ?? new DateOnly(today.Year, today.Month, 1), options.Households);
    }

    /// <summary>
    /// One mock per agency of the hub's catalog, under the same keys (Adapters/AgencyCatalog.cs; a test holds the two
    /// lists equal). The mocks keep a list of their own because they are an independent implementation of each API
    /// and never see the adapters. The order fixes the ports when a base port is given.
    /// </summary>
    public static IReadOnlyList<Func<SyntheticPopulation, MockAgency>> AllAgencies { get; } =
    [
        p => new Agencies.PopulationRegister.PopulationRegisterMock(p),
        p => new Agencies.CivilRegistry.CivilRegistryMock(p),
        p => new Agencies.Tax.TaxServiceMock(p),
        p => new Agencies.LabourContracts.LabourContractsMock(p),
        p => new Agencies.SocialFund.SocialFundMock(p),
        p => new Agencies.PropertyRegistry.PropertyRegistryMock(p),
        p => new Agencies.AgricultureRegistry.AgricultureRegistryMock(p),
        p => new Agencies.UtilitiesGateway.UtilitiesGatewayMock(p),
        p => new Agencies.HealthRegistries.HealthRegistriesMock(p),
        p => new Agencies.EmploymentAgency.EmploymentAgencyMock(p),
        p => new Agencies.DisabilityRegistry.DisabilityRegistryMock(p),
        p => new Agencies.Education.EducationRegistryMock(p),
        p => new Agencies.TrafficPolice.TrafficPoliceMock(p),
        p => new Agencies.StatusRegistries.StatusRegistriesMock(p),
    ];

    /// <summary>The hub configuration that points every agency at its mock: <c>Agencies:{key}:BaseAddress</c>.</summary>
    public IEnumerable<KeyValuePair<string, string?>> HubConfiguration() =>
        Agencies.Select(a => new KeyValuePair<string, string?>($"Agencies:{a.Key}:BaseAddress", a.Url + "/"));

    /// <summary>Heals every agency: clears faults and restarts stopped servers.</summary>
    public void HealAll()
    {
        foreach (var agency in Agencies) agency.Inject(new FaultPlan(FaultKind.None));
    }

    public void Dispose()
    {
        Clock?.Dispose();
        Events.DisposeAsync().AsTask().GetAwaiter().GetResult();
        foreach (var agency in Agencies) agency.Dispose();
    }
}
