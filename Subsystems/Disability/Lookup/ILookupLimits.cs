namespace IntegrationHub.Disability.Lookup;

/// <summary>
/// The anonymous lookup's two limits: per client (<c>Lookup:PerClientLimit</c> per fixed <c>PerClientWindow</c>) and per ID
/// card (<c>PerIdLimit</c> per sliding <c>PerIdWindow</c>). Each store says how they are shared
/// (<see cref="IDisabilityStore.CreateLookupLimits"/>): in one process's memory over its file, or in the shared database.
/// </summary>
public interface ILookupLimits
{
    /// <summary>Counts an attempt from <paramref name="client"/>; null when let through, otherwise how long until it may try again.</summary>
    Task<TimeSpan?> TryClientAsync(string client, CancellationToken cancellationToken);

    /// <summary>
    /// Counts a lookup of <paramref name="lookup"/>'s card and records it (the record is the count), in one step; null when
    /// let through (and recorded), otherwise how long until the card may be looked up again (and nothing recorded).
    /// </summary>
    Task<TimeSpan?> TryCardAsync(LookupDocument lookup, CancellationToken cancellationToken);

    /// <summary>Cards whose recent lookups this process holds in memory (0 when the database counts).</summary>
    int CardsInMemory { get; }
}

/// <summary>
/// The limits of one process over its own file (<see cref="LiteDbDisabilityStore"/>): an address's window lives in memory
/// (<see cref="WindowLimiter"/>, dropped under a flood of other addresses); a card's count is its records, cached in
/// memory (<see cref="CardLimiter"/>), so neither other traffic nor a restart resets a locked card.
/// </summary>
public sealed class LocalLookupLimits : ILookupLimits
{
    private readonly IDisabilityStore _store;
    private readonly WindowLimiter _perClient;
    private readonly CardLimiter _perCard;

    public LocalLookupLimits(IDisabilityStore store, LookupOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _perClient = new WindowLimiter(options.PerClientLimit, options.PerClientWindow, options.MaxTrackedKeys, time);
        _perCard = new CardLimiter(options.PerIdLimit, options.PerIdWindow, options.MaxTrackedKeys, store.CountedLookups, time);
    }

    public int CardsInMemory => _perCard.Cached;

    public Task<TimeSpan?> TryClientAsync(string client, CancellationToken cancellationToken) =>
        Task.FromResult(_perClient.TryAcquire(client, out var wait) ? (TimeSpan?)null : wait);

    public async Task<TimeSpan?> TryCardAsync(LookupDocument lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        if (!_perCard.TryAcquire(lookup.IdCardNumber, out var wait)) return wait;
        // On disk before the answer: a card's count is these records.
        await _store.AddLookupAsync(lookup, cancellationToken);
        return null;
    }
}
