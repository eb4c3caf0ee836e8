using System.Reflection;
using IntegrationHub.Modules.HubAccess;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hub.Tests.Messaging;

/// <summary>The subsystems' side of the bus: a wait for the hub is bounded as a whole, and its end is an answer, not an exception.</summary>
public sealed class HubProfileClientTests
{
    [Fact]
    public async Task NoAnswerWithinTheWholeBudget_IsNotAnswered_EvenWhenTheRequestTimeoutIsLonger()
    {
        var ct = TestContext.Current.CancellationToken;
        // An in-memory bus where nobody consumes the request, and a request timeout far beyond the budget.
        await using var provider = new ServiceCollection()
            .AddMassTransit(x =>
            {
                x.AddRequestClient<GetHouseholdProfile>(RequestTimeout.After(m: 10));
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            })
            .BuildServiceProvider(validateScopes: true);
        var bus = provider.GetRequiredService<IBusControl>();
        await bus.StartAsync(ct);
        try
        {
            await using var scope = provider.CreateAsyncScope();
            var client = new HubProfileClient(
                scope.ServiceProvider.GetRequiredService<IRequestClient<GetHouseholdProfile>>(),
                Options.Create(new HubAccessOptions { AnswerWithin = TimeSpan.FromSeconds(1) }),
                TimeProvider.System,
                NullLogger<HubProfileClient>.Instance);
            var clock = Stopwatch.StartNew();

            var answer = await client.GetAsync(new GetHouseholdProfile(Guid.NewGuid(), "WDT8LT0", null, "targeted-social-assistance", "BUDGET-1", "assistance"), ct);

            Assert.Null(answer.Profile);
            Assert.Null(answer.Refusal);
            Assert.Equal("the hub did not answer in time", answer.Unavailable);
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(30));
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// A send the broker never confirms (a broker restart can leave one so) keeps MassTransit's GetResponse waiting, its
    /// token cancelled or not: the budget still ends the wait, with an answer.
    /// </summary>
    [Fact]
    public async Task ARequestStuckInItsSend_IsNotAnswered_WhenTheBudgetEnds()
    {
        var client = new HubProfileClient(
            StuckInTheSend.Create(),
            Options.Create(new HubAccessOptions { AnswerWithin = TimeSpan.FromSeconds(1) }),
            TimeProvider.System,
            NullLogger<HubProfileClient>.Instance);

        var answer = await client.GetAsync(new GetHouseholdProfile(Guid.NewGuid(), "WDT8LT0", null, "targeted-social-assistance", "STUCK-1", "assistance"), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal((null, null, "the hub did not answer in time"), (answer.Profile, answer.Refusal, answer.Unavailable));
    }

    /// <summary>A request client whose every response waits forever and never heeds its token, as one stuck in its send does.</summary>
    public class StuckInTheSend : DispatchProxy
    {
        public static IRequestClient<GetHouseholdProfile> Create() => Create<IRequestClient<GetHouseholdProfile>, StuckInTheSend>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            var result = targetMethod.ReturnType.GetGenericArguments().Single();
            var never = Activator.CreateInstance(typeof(TaskCompletionSource<>).MakeGenericType(result))!;
            return never.GetType().GetProperty(nameof(TaskCompletionSource<object>.Task))!.GetValue(never);
        }
    }
}
