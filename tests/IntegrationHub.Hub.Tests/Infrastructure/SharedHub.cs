namespace IntegrationHub.Hub.Tests.Infrastructure;

/// <summary>
/// One hub on the unhurried agency budgets (<see cref="AgencyBudgets"/>) for all the tests of a class (a class fixture):
/// for tests that ask and read, and assert nothing another test's requests could change (no counts of audit records,
/// no faults, no clock moved), nor anything about time. Starting the hub and its mock country once instead of once per
/// test is most of such a class's time.
/// </summary>
public sealed class SharedHub : IAsyncDisposable
{
    public HubFactory Hub { get; } = new(AgencyBudgets.Unhurried());

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}
