using IntegrationHub.Hub.Messaging;
using IntegrationHub.Tests.Shared.Hosting;

namespace IntegrationHub.Hub.Tests.Messaging.RabbitMq;

/// <summary>
/// The bus contract from outside .NET: tests/rabbitmq/raw_client.py (pika, Debian's python3-pika) writes
/// MassTransit's JSON envelope itself, raw bytes on the wire, and reads the replies from a queue of its own. A
/// well-formed request gets its profile; one with a field of the wrong JSON type or a key given twice gets
/// <c>malformed-message</c> at once (it waited out its timeout before, the message in <c>_error</c>).
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RawAmqpClientTests : IAsyncLifetime
{
    private string _vhost = "";
    private HubProcess? _hub;

    public async ValueTask InitializeAsync()
    {
        RabbitMqBroker.Require();
        _vhost = await RabbitMqBroker.CreateVirtualHostAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null) await _hub.DisposeAsync();
        if (_vhost.Length > 0) await RabbitMqBroker.DeleteVirtualHostAsync(_vhost);
    }

    [Fact]
    public async Task PikaClient_GetsAProfile_AndMalformedMessageForWhatTheHubCannotRead()
    {
        var python = Python();
        _hub = await HubProcess.StartAsync(new Dictionary<string, string>
        {
            ["Roles"] = "hub",
            ["Messaging:Transport"] = "RabbitMq",
            ["Messaging:RabbitMq:Host"] = RabbitMqBroker.Host,
            ["Messaging:RabbitMq:VirtualHost"] = _vhost,
            ["Mocks:InProcess"] = "true",
            ["Mocks:Households"] = "60",
            ["Storage:DataDirectory"] = Path.Combine(Path.GetTempPath(), "ih-pika-" + Guid.NewGuid().ToString("N")),
        }, TestContext.Current.CancellationToken);
        // Asked once its bus consumes: a message published before the hub's queue is bound is lost.
        await RabbitMqBroker.WaitForConsumersAsync(_vhost, GetHouseholdProfileConsumerDefinition.Queue, consumers: 1, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var samples = await _hub.SamplesAsync<JsonElement>(TestContext.Current.CancellationToken);
        var applicant = samples[0].GetProperty("fin").GetString()!;

        var answers = await RunAsync(python, "--vhost", _vhost, "--applicant", applicant, "--timeout", "20");

        var valid = answers["valid"];
        Assert.Contains("urn:message:IntegrationHub.Contracts.Messaging:HouseholdProfileResult", Types(valid));
        Assert.Equal(applicant, valid.GetProperty("message").GetProperty("profile").GetProperty("applicant").GetString());
        foreach (var (name, field) in new[] { ("wrong-types", "applicant"), ("duplicate-keys", (string?)null) })
        {
            var answer = answers[name];
            Assert.True(answer.TryGetProperty("message", out var refused), $"{name}: no answer in 20 s{Environment.NewLine}{_hub.Output}");
            Assert.Contains("urn:message:IntegrationHub.Contracts.Messaging:HouseholdProfileRefused", Types(answer));
            Assert.Equal(RefusalCodes.MalformedMessage, refused.GetProperty("reason").GetString());
            if (field is not null) Assert.Equal(field, refused.GetProperty("field").GetString());
        }
        // Answered, and kept for operators: both unreadable messages are in the endpoint's error queue.
        var queues = "";
        for (var i = 0; i < 50 && !System.Text.RegularExpressions.Regex.IsMatch(queues, @"get-household-profile_error\s+2\s"); i++)
        {
            if (i > 0) await Task.Delay(100, TestContext.Current.CancellationToken);
            queues = await RabbitMqBroker.DescribeAsync(_vhost);
        }
        Assert.Matches(@"get-household-profile_error\s+2\s", queues);
    }

    private static IEnumerable<string?> Types(JsonElement answer) => answer.GetProperty("messageType").EnumerateArray().Select(t => t.GetString());

    /// <summary>Debian's python3 (where python3-pika installs), else the one on the PATH.</summary>
    private static string Python()
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var (exitCode, _, _) = ProcessRun.RunAsync(new ProcessStartInfo(python, ["-c", "import pika"]), TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken)
            .GetAwaiter().GetResult();
        if (exitCode == 0) return python;
        if (Environment.GetEnvironmentVariable("INTEGRATIONHUB_REQUIRE_RABBITMQ") == "1") Assert.Fail($"{python} has no pika: apt-get install python3-pika (.ci/run does).");
        Assert.Skip($"{python} has no pika: apt-get install python3-pika to run the non-.NET client test.");
        return python;
    }

    private static async Task<Dictionary<string, JsonElement>> RunAsync(string python, params string[] arguments)
    {
        var script = Repository.File("tests", "rabbitmq", "raw_client.py");
        var info = new ProcessStartInfo(python);
        info.ArgumentList.Add(script);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var (exitCode, output, error) = await ProcessRun.RunAsync(info, TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);
        Assert.True(exitCode == 0, $"raw_client.py exited {exitCode}: {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToDictionary(e => e.GetProperty("case").GetString()!);
    }
}
