[assembly: AssemblyFixture(typeof(IntegrationHub.Hub.Tests.Infrastructure.WarmProcess))]

namespace IntegrationHub.Hub.Tests.Infrastructure;

/// <summary>
/// One profile assembled in a throwaway hub before any test of this assembly runs, on budgets it keeps: the first profile
/// in a fresh process compiles the whole aggregation path (adapters, resilience, JSON), and the tests' budgets (800 ms
/// attempts, 1 s in the fault matrix) are for agencies, not for the JIT. Three tests failed on a cold process's first
/// profile (FaultMatrixTests, HouseholdRegistryCopyTests, AgencyMetricsTests), each about something other than time.
/// </summary>
public sealed class WarmProcess : IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        await using var hub = new HubFactory(AgencyBudgets.Unhurried());
        await hub.AssembleAsync(hub.Country.Population.Samples()[0].Fin);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
