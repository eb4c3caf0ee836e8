using MassTransit.Middleware;

namespace IntegrationHub.Hub.Messaging;

/// <summary>
/// The hub's request endpoint: a bounded number of requests at once per instance (each fans out to every
/// agency), and retries only for faults that may pass (I/O, timeouts of the hub's own storage). Bad input
/// never throws (it is refused), so it is never retried; a message that cannot even be read is refused by
/// <see cref="UnreadableRequestFilter"/>.
/// </summary>
public sealed class GetHouseholdProfileConsumerDefinition : ConsumerDefinition<GetHouseholdProfileConsumer>
{
    /// <summary>The endpoint's queue (and exchange): the hubs of a deployment consume it as competing consumers.</summary>
    public const string Queue = "get-household-profile";

    private readonly MessagingOptions _options;

    public GetHouseholdProfileConsumerDefinition(IOptions<MessagingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        EndpointName = Queue;
        ConcurrentMessageLimit = _options.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<GetHouseholdProfileConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        endpointConfigurator.PrefetchCount = _options.ConcurrentMessageLimit;
        ArgumentNullException.ThrowIfNull(context);
        // An unreadable request is answered (malformed-message) before it moves to _error, as MassTransit would move it.
        var unreadable = new UnreadableRequestFilter(context.GetRequiredService<ILogger<UnreadableRequestFilter>>());
        endpointConfigurator.ConfigureError(error =>
        {
            error.UseFilter(unreadable);
            error.UseFilter(new GenerateFaultFilter());
            error.UseFilter(new ErrorTransportFilter());
        });
        TransientRetry.Apply(endpointConfigurator, _options.TransientRetries);
    }
}
