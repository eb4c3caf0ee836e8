namespace IntegrationHub.Hub.Tests.Infrastructure;

/// <summary>
/// One hub with <see cref="HubFactory"/>'s defaults for all the tests of a class (a class fixture): for tests that ask
/// and read, and assert nothing another test's requests could change (no counts of audit records, no faults, no
/// clock moved). Starting the hub and its mock country once instead of once per test is most of such a class's time.
/// </summary>
public sealed class SharedHub : IAsyncDisposable
{
    public HubFactory Hub { get; } = new();

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}
