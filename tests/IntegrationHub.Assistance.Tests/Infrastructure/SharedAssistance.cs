namespace IntegrationHub.Assistance.Tests.Infrastructure;

/// <summary>
/// One hub-and-assistance host with <see cref="AssistanceFactory"/>'s defaults for the tests of a class (a class
/// fixture): for tests that assert only what their own requests were answered and caused (a refused request's problem,
/// their own application's decision and notices), never a count another test's requests could change. Starting the host
/// and its mock country once instead of once per case is most of such a class's time.
/// </summary>
public sealed class SharedAssistance : IAsyncDisposable
{
    public AssistanceFactory Assistance { get; } = new();

    public ValueTask DisposeAsync() => Assistance.DisposeAsync();
}
