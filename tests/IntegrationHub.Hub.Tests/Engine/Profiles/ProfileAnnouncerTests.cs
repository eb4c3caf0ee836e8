using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Hub.Engine.Events;
using IntegrationHub.Hub.Engine.Profiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Hub.Tests.Engine.Profiles;

public sealed class ProfileAnnouncerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StopAsync_AnnouncementsStillQueued_AreSentBeforeTheBusStops()
    {
        const int queued = 200;
        var bus = new StoppableBus();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddSingleton<IEventPublisher>(bus);
        builder.Services.AddSingleton<ProfileAnnouncer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ProfileAnnouncer>());
        // Registered after the announcer, as the hub's bus is (Program: AddMessaging after the modules), so the host stops it first.
        builder.Services.AddHostedService(_ => bus);
        using var host = builder.Build();
        await host.StartAsync(Ct);
        var announcer = host.Services.GetRequiredService<ProfileAnnouncer>();

        for (var i = 0; i < queued; i++) announcer.Announce(Guid.NewGuid(), Profile(), new ProfileCaller("assistance"));
        // Every send is held until the host has begun to stop: all of them are still queued or in flight then.
        var stopping = host.StopAsync(Ct);
        bus.Release();
        await stopping;

        Assert.True(bus.Stopped);
        Assert.Equal(queued, bus.PublishedBeforeStop);
        Assert.Equal(0, bus.RefusedAfterStop);
    }

    private static HouseholdProfile Profile() => new(
        Guid.NewGuid(), Fin.Parse("WDT8LT0"), "targeted-social-assistance", "VEM-TEST", DateTimeOffset.UnixEpoch, TimeSpan.Zero, true,
        [], [], new HouseholdSummary(1, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), [], 0, true, new AssetFlags(null, null, null)), []);

    /// <summary>A bus that, once stopped, refuses to publish (as MassTransit's does: "the transport is stopping").</summary>
    private sealed class StoppableBus : IEventPublisher, IHostedService
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _published;
        private int _refused;
        private volatile bool _stopped;

        public bool Stopped => _stopped;

        public int PublishedBeforeStop { get; private set; } = -1;

        public int RefusedAfterStop => Volatile.Read(ref _refused);

        public void Release() => _release.TrySetResult();

        public async Task PublishAsync<TEvent>(TEvent message, CancellationToken cancellationToken) where TEvent : class
        {
            await _release.Task.WaitAsync(cancellationToken);
            if (_stopped)
            {
                Interlocked.Increment(ref _refused);
                throw new InvalidOperationException("the transport is stopping");
            }
            Interlocked.Increment(ref _published);
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            PublishedBeforeStop = Volatile.Read(ref _published);
            _stopped = true;
            return Task.CompletedTask;
        }
    }
}
