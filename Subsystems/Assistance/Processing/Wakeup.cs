namespace IntegrationHub.Assistance.Processing;

/// <summary>The case worker's wake-up (a new application, a case to look at again).</summary>
public sealed class CaseWakeup
{
    public Wakeup Wakeup { get; } = new();
}

/// <summary>The outbox dispatcher's wake-up (a new notice).</summary>
public sealed class OutboxWakeup
{
    public Wakeup Wakeup { get; } = new();
}

/// <summary>The re-evaluation worker's wake-up (a change in circumstances stored).</summary>
public sealed class ReEvaluationWakeup
{
    public Wakeup Wakeup { get; } = new();
}

/// <summary>The correction worker's wake-up (a new contest whose correction request is to go to its agency).</summary>
public sealed class ContestWakeup
{
    public Wakeup Wakeup { get; } = new();
}
