using System.Reflection;
using IntegrationHub.Hub.Engine.Events;
using IntegrationHub.Hub.Messaging;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace IntegrationHub.Hub.Tests.Messaging;

/// <summary>
/// A send the broker never confirms (what a broker restart can do to a send caught in it) must not hold the
/// profile: the announcement is given up after <c>Messaging:SendTimeout</c> and the caller has its answer.
/// </summary>
public sealed class StuckBrokerSendTests
{
    [Fact]
    public async Task AnAnnouncementNeverConfirmed_DoesNotHoldTheAnswer_OverHttpOrTheBus()
    {
        await using var hub = new HubFactory(new Dictionary<string, string?> { ["Messaging:SendTimeout"] = "00:00:01" }, households: 30);
        await using var app = hub.WithWebHostBuilder(b => b.ConfigureTestServices(services => services.AddSingleton<IEventPublisher>(sp =>
            ActivatorUtilities.CreateInstance<BusEventPublisher>(sp, NeverConfirmedAnnouncements.Wrap(sp.GetRequiredService<IBus>())))));
        var applicant = hub.Country.Population.Samples().Single(s => s.HouseholdKind == "low-income-family").Fin;
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", "dev-assistance-key");
        // Well past the deadline (2 s) and the send timeout (1 s): an answer held by the announcement never comes.
        var patience = TimeSpan.FromSeconds(30);

        var response = await http.PostAsJsonAsync("/api/v1/profiles", new { applicant, purpose = "targeted-social-assistance", caseNumber = "STUCK-1" }, TestContext.Current.CancellationToken)
            .WaitAsync(patience, TestContext.Current.CancellationToken);
        Response<HouseholdProfileResult> reply;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            reply = await scope.ServiceProvider.GetRequiredService<IRequestClient<GetHouseholdProfile>>()
                .GetResponse<HouseholdProfileResult>(new GetHouseholdProfile(Guid.NewGuid(), applicant, null, "targeted-social-assistance", "STUCK-2", "assistance"), TestContext.Current.CancellationToken)
                .WaitAsync(patience, TestContext.Current.CancellationToken);
        }

        Assert.Equal(applicant, (await HubFactory.ReadProfileAsync(response)).Applicant.Value);
        Assert.Equal(applicant, reply.Message.Profile.Applicant.Value);
        // The announcements are sent off the answer's path: each is given up a send timeout after its answer left.
        await Poll.UntilAsync(() => hub.ServerLog.Lines.Count(l => l.Contains("Could not announce profile", StringComparison.Ordinal)) >= 2, patience);
        Assert.Equal(2, hub.ServerLog.Lines.Count(l => l.Contains("Could not announce profile", StringComparison.Ordinal)));
    }

    /// <summary>The hub's bus, except that a <see cref="HouseholdProfileAssembled"/> publish never completes (nor heeds its token).</summary>
    public class NeverConfirmedAnnouncements : DispatchProxy
    {
        private IBus _inner = null!;

        public static IBus Wrap(IBus inner)
        {
            var proxy = Create<IBus, NeverConfirmedAnnouncements>();
            ((NeverConfirmedAnnouncements)(object)proxy)._inner = inner;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name == nameof(IPublishEndpoint.Publish) && args is [HouseholdProfileAssembled, ..]) return new TaskCompletionSource().Task;
            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }
    }
}
