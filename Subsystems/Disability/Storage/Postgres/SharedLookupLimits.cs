namespace IntegrationHub.Disability.Storage.Postgres;

/// <summary>
/// The lookup limits counted in the shared database, so they hold across every disability instance: an address's
/// window is a row every instance adds to (one upsert), a card's count is its lookup records, read and added to in one
/// transaction that holds the card's row. Nothing is kept in memory.
/// </summary>
public sealed class SharedLookupLimits(PostgresDisabilityStore store, LookupOptions options, TimeProvider time) : ILookupLimits
{
    public int CardsInMemory => 0;

    public Task<TimeSpan?> TryClientAsync(string client, CancellationToken cancellationToken) =>
        store.TryWindowAsync(client, options.PerClientLimit, options.PerClientWindow, time.GetUtcNow(), cancellationToken);

    public Task<TimeSpan?> TryCardAsync(LookupDocument lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return store.TryCardAsync(lookup, options.PerIdLimit, options.PerIdWindow, cancellationToken);
    }
}
