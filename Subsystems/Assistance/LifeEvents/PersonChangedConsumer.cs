using IntegrationHub.Contracts.LifeEvents;
using MassTransit;

namespace IntegrationHub.Assistance.LifeEvents;

/// <summary>
/// A change in someone's circumstances, from the hub. Stored with what it leads to in one commit (awards to
/// re-evaluate, open cases to ask about again, an offer after a birth), once per change id, then the workers are
/// woken; the hub may deliver the same change again, which does nothing more. A message that names no kind this
/// module knows is logged and dropped: asking again would not make it readable.
/// </summary>
public sealed partial class PersonChangedConsumer(
    AssistanceStore store,
    TimeProvider time,
    CaseWakeup cases,
    ReEvaluationWakeup reEvaluations,
    OutboxWakeup outbox,
    ILogger<PersonChangedConsumer> logger) : IConsumer<PersonChanged>
{
    public async Task Consume(ConsumeContext<PersonChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var change = context.Message;
        if (!LifeEventKinds.All.Contains(change.Kind) || change.Fins is not { Count: > 0 } || change.ChangeId == Guid.Empty)
        {
            LogUnreadable(logger, change.ChangeId, change.Kind);
            return;
        }
        var outcome = await store.RecordChangeAsync(change, time.GetUtcNow(), context.CancellationToken);
        if (outcome.Seen) return;
        LogChange(logger, change.ChangeId, change.Kind, change.Source, outcome.Awards, outcome.OpenCases, outcome.Offers.Count);
        if (outcome.Awards > 0) reEvaluations.Wakeup.Signal();
        if (outcome.OpenCases > 0) cases.Wakeup.Signal();
        if (outcome.Offers.Count > 0) outbox.Wakeup.Signal();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Change {ChangeId} ({Kind}, from {Source}): {Awards} award(s) to re-evaluate, {OpenCases} open case(s) asked about again, {Offers} offer(s) made")]
    private static partial void LogChange(ILogger logger, Guid changeId, string kind, string source, int awards, int openCases, int offers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change {ChangeId} of kind '{Kind}' cannot be read (unknown kind, no person or no id); dropped")]
    private static partial void LogUnreadable(ILogger logger, Guid changeId, string kind);
}

/// <summary>The module's own queue for changes (the hub sends there, only what the policy lets this module hear of); retries for a store that did not answer.</summary>
public sealed class PersonChangedConsumerDefinition : ConsumerDefinition<PersonChangedConsumer>
{
    public PersonChangedConsumerDefinition()
    {
        EndpointName = PersonChangedEndpoints.For(AssistanceModule.RoleName);
        ConcurrentMessageLimit = 4;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<PersonChangedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<IOException>();
            r.Handle<TimeoutException>();
            r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
        });
    }
}
