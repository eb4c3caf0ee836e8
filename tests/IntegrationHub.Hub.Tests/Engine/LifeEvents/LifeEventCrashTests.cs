using IntegrationHub.Tests.Shared.Hosting;
using IntegrationHub.Hub.Api;
using IntegrationHub.Hub.Engine.LifeEvents;
using IntegrationHub.Hub.Tests.Api;

namespace IntegrationHub.Hub.Tests.Engine.LifeEvents;

/// <summary>
/// The hub as a real process, killed with SIGKILL after it acknowledged an event and before it passed it on, then
/// started again over the same data directory: the event is passed on after the restart.
/// </summary>
public sealed class LifeEventCrashTests : IDisposable
{
    private readonly ScratchDirectory _directory = new("hub-life-crash-");

    public void Dispose()
    {
        _directory.Dispose();
    }

    private Task<HubProcess> StartAsync(bool process, CancellationToken token) => HubProcess.StartAsync(new Dictionary<string, string>
    {
        ["Storage:DataDirectory"] = _directory.Path,
        ["Mocks:InProcess"] = "true",
        ["Mocks:Households"] = "60",
        // The first run acknowledges and never passes on: the kill falls between the two, every time.
        ["LifeEvents:RunProcessor"] = process ? "true" : "false",
        ["LifeEvents:PollInterval"] = "00:00:00.200",
    }, token);

    [Fact]
    public async Task KilledAfterAcknowledging_EventProcessedAfterRestart()
    {
        var token = TestContext.Current.CancellationToken;
        Guid changeId;
        await using (var hub = await StartAsync(process: false, token))
        {
            using var http = new HttpClient { BaseAddress = hub.Address };
            var fin = (await hub.SamplesAsync<SampleCitizen>(token))[0].Fin;
            // The hub here is a separate process on the machine's clock: the event happens at its "now", not the tests' day.
            var (body, contentType) = LifeEventsApiTests.DeathOf(fin, "pop-crash-1", TimeProvider.System.GetUtcNow());
            using var response = await http.SendAsync(LifeEventsApiTests.Signed(body, contentType), token);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            changeId = (await response.Content.ReadFromJsonAsync<LifeEventAccepted>(HubFactory.Json, token))!.ChangeId;
            hub.Kill(); // SIGKILL: the 202 is all the agency has.
        }

        await using (var hub = await StartAsync(process: true, token))
        {
            using var http = new HttpClient { BaseAddress = hub.Address };
            http.DefaultRequestHeaders.Add("X-Api-Key", "dev-operator-key");
            var seen = await Poll.ReadUntilAsync(
                () => http.GetFromJsonAsync<LifeEventView>($"/api/v1/life-events/{changeId}", HubFactory.Json, token), v => v?.State == InboxStates.Processed, TimeSpan.FromSeconds(30));
            Assert.True(seen?.State == InboxStates.Processed, $"the event was not processed after the restart within 30 s: {seen?.State} {seen?.LastError}\n{hub.Output}");
            Assert.Equal(["assistance"], seen!.DeliveredTo);
        }
    }
}
