using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Hub.Engine.Events;
using IntegrationHub.Hub.Engine.Profiles;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Hub.Tests.Engine.Profiles;

public sealed class ProfileAnnouncerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StopAsync_AnnouncementsStillQueued_AreSentBeforeTheBusStops()
    {
        const int queued = 200;
        var bus = new StoppableBus();
        using var host = Host(bus, server: null, out _);
        await host.StartAsync(Ct);
        var announcer = host.Services.GetRequiredService<ProfileAnnouncer>();

        for (var i = 0; i < queued; i++) announcer.Announce(Guid.NewGuid(), Profile(), new ProfileCaller("assistance"));
        // Every send is held until the host has begun to stop: all of them are still queued or in flight then.
        var stopping = host.StopAsync(Ct);
        bus.Release();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.True(bus.Stopped);
        Assert.Equal(queued, bus.PublishedBeforeStop);
        Assert.Equal(0, bus.RefusedAfterStop);
    }

    [Fact]
    public async Task StopAsync_AnswersTheWebServerFinishesWhileStopping_AreAnnouncedNotDropped()
    {
        const int inFlight = 50;
        var bus = new StoppableBus();
        bus.Release();
        var server = new StoppingServer(inFlight);
        using var host = Host(bus, server, out var log);
        await host.StartAsync(Ct);

        // The "web server" answers its requests in flight only when the host stops it, as Kestrel does.
        await host.StopAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(inFlight, server.Answered);
        Assert.Equal(inFlight, bus.PublishedBeforeStop);
        Assert.Equal(0, bus.RefusedAfterStop);
        Assert.DoesNotContain(log.Lines, l => l.Contains("Could not announce", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Announce_AfterTheDrain_WhileTheBusRuns_IsSentOnItsOwn()
    {
        var bus = new StoppableBus();
        bus.Release();
        using var host = Host(bus, server: null, out var log);
        await host.StartAsync(Ct);
        var announcer = host.Services.GetRequiredService<ProfileAnnouncer>();

        await announcer.DrainAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        // A bus request its consumer finishes while the bus stops its endpoints.
        announcer.Announce(Guid.NewGuid(), Profile(), new ProfileCaller("assistance"));

        Assert.True(await Poll.UntilAsync(() => bus.Published == 1, TimeSpan.FromSeconds(10)), $"the late announcement was not sent; log: {log}");
        await host.StopAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.DoesNotContain(log.Lines, l => l.Contains("Could not announce", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheHub_StopsTheWebServer_ThenDrainsTheAnnouncements_ThenTheBus()
    {
        await using var hub = new HubFactory();
        var names = hub.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();

        var drain = names.IndexOf(nameof(AnnouncementDrain));
        var bus = names.IndexOf("MassTransitHostedService");
        var web = names.IndexOf("GenericWebHostService");
        // The host stops its hosted services in the reverse order of their registration.
        Assert.True(bus >= 0 && drain > bus && web > drain, $"registration order (stopped last to first): {string.Join(", ", names)}");
    }

    /// <summary>The hub's order, registration first to last: the announcer (engine), the bus, its drain, the web server.</summary>
    private static IHost Host(StoppableBus bus, StoppingServer? server, out LogCapture log)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var captured = new LogCapture(LogLevel.Warning);
        builder.Logging.AddProvider(captured);
        builder.Services.AddSingleton<IEventPublisher>(bus);
        builder.Services.AddSingleton<ProfileAnnouncer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ProfileAnnouncer>());
        builder.Services.AddHostedService(_ => bus);
        builder.Services.AddHostedService(sp => new AnnouncementDrain(sp.GetRequiredService<ProfileAnnouncer>()));
        if (server is not null)
        {
            builder.Services.AddHostedService(sp =>
            {
                server.Announcer = sp.GetRequiredService<ProfileAnnouncer>();
                return server;
            });
        }
        log = captured;
        return builder.Build();
    }

    private static HouseholdProfile Profile() => new(
        Guid.NewGuid(), Fin.Parse("WDT8LT0"), "targeted-social-assistance", "VEM-TEST", DateTimeOffset.UnixEpoch, TimeSpan.Zero, true,
        [], [], new HouseholdSummary(1, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), [], 0, true, new AssetFlags(null, null, null)), []);

    /// <summary>A web server whose requests in flight are answered (and announced) while the host stops it.</summary>
    private sealed class StoppingServer(int inFlight) : IHostedService
    {
        public ProfileAnnouncer? Announcer { get; set; }

        public int Answered { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            for (var i = 0; i < inFlight; i++)
            {
                Announcer!.Announce(Guid.NewGuid(), Profile(), new ProfileCaller("assistance"));
                Answered++;
            }
            return Task.CompletedTask;
        }
    }

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

        public int Published => Volatile.Read(ref _published);

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
