namespace IntegrationHub.Hub.Tests.Messaging;

public sealed class MessagingConfigurationTests
{
    [Fact]
    public async Task ARequestTimeoutNotAboveTheDeadline_StopsStartUp_NamingBothSettings()
    {
        await using var hub = new HubFactory(new Dictionary<string, string?>
        {
            ["Aggregation:Deadline"] = "00:00:05",
            ["Messaging:RequestTimeout"] = "00:00:05",
        }, households: 30);

        var error = Assert.ThrowsAny<Exception>(() => hub.CreateClient());

        Assert.Contains("Messaging:RequestTimeout", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Aggregation:Deadline", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownTransport_StopsStartUp()
    {
        await using var hub = new HubFactory(new Dictionary<string, string?> { ["Messaging:Transport"] = "Kafka" }, households: 30);

        var error = Assert.ThrowsAny<Exception>(() => hub.CreateClient());

        Assert.Contains("Kafka", error.ToString(), StringComparison.Ordinal);
    }
}
