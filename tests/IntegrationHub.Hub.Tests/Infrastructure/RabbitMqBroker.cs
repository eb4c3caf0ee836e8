using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace IntegrationHub.Hub.Tests.Infrastructure;

/// <summary>
/// The local RabbitMQ broker (tests/rabbitmq/start.sh) for the tests of the RabbitMQ path. Each test gets a
/// virtual host of its own, so queues never leak between tests. Without a broker the tests skip and say why,
/// unless INTEGRATIONHUB_REQUIRE_RABBITMQ=1 (CI sets it: there the broker must be present and the tests run).
/// </summary>
public static class RabbitMqBroker
{
    public const string Host = "127.0.0.1";
    public const int Port = 5672;

    /// <summary>Skips the calling test when no broker listens, or fails it where one is required.</summary>
    public static void Require() => LocalServer.Require("RabbitMQ broker", Host, Port, "INTEGRATIONHUB_REQUIRE_RABBITMQ", "tests/rabbitmq/start.sh", "RabbitMQ end-to-end tests");

    public static bool IsListening() => LocalServer.IsListening(Host, Port);

    /// <summary>Creates a fresh virtual host, open to the guest user.</summary>
    public static async Task<string> CreateVirtualHostAsync(CancellationToken cancellationToken)
    {
        var name = "ih-test-" + Guid.NewGuid().ToString("N")[..12];
        await CtlAsync(cancellationToken, "add_vhost", name);
        await CtlAsync(cancellationToken, "set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        return name;
    }

    public static Task DeleteVirtualHostAsync(string name) => CtlAsync(CancellationToken.None, "delete_vhost", name);

    /// <summary>The virtual host's queues with their ready messages and consumers, and its connections: for a failure message.</summary>
    public static async Task<string> DescribeAsync(string vhost) =>
        await CtlAsync(CancellationToken.None, "list_queues", "-p", vhost, "name", "messages_ready", "messages_unacknowledged", "consumers")
        + await CtlAsync(CancellationToken.None, "list_connections", "vhost", "name", "state");

    /// <summary>
    /// Waits until <paramref name="queue"/> in <paramref name="vhost"/> has at least <paramref name="consumers"/> consumers:
    /// a process reports it has started before MassTransit has attached its receive endpoints, so a test of how
    /// instances share a queue must not send before every instance is consuming. Asked over AMQP (a passive declare
    /// answers with the queue's consumer count), not with rabbitmqctl, which starts an Erlang node of about a second of
    /// CPU for each look.
    /// </summary>
    public static async Task WaitForConsumersAsync(string vhost, string queue, int consumers, TimeSpan within, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { HostName = Host, Port = Port, VirtualHost = vhost, UserName = "guest", Password = "guest" };
        await using var connection = await factory.CreateConnectionAsync("consumer-wait", cancellationToken);
        var watch = Stopwatch.StartNew();
        var seen = "not declared yet";
        while (true)
        {
            // A passive declare of a queue that does not exist closes its channel (404): a channel per look.
            await using (var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken))
            {
                try
                {
                    var count = (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).ConsumerCount;
                    if (count >= consumers) return;
                    seen = $"{count} consumers";
                }
                catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
                {
                    seen = "not declared yet";
                }
            }
            if (watch.Elapsed > within)
            {
                throw new TimeoutException($"queue {queue} did not reach {consumers} consumers within {within} ({seen}):\n{await DescribeAsync(vhost)}");
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>
    /// Stops the broker application (connections drop, durable queues and persistent messages stay) and starts it again;
    /// returns when it was down and when it came up, as <see cref="Stopwatch"/> timestamps.
    /// </summary>
    public static async Task<(long Down, long Up)> RestartAsync(TimeSpan downFor, CancellationToken cancellationToken)
    {
        await CtlAsync(cancellationToken, "stop_app");
        var down = Stopwatch.GetTimestamp();
        await Task.Delay(downFor, cancellationToken);
        var up = Stopwatch.GetTimestamp();
        await CtlAsync(cancellationToken, "start_app");
        await CtlAsync(cancellationToken, "await_startup");
        return (down, up);
    }

    private static async Task<string> CtlAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var info = new ProcessStartInfo("rabbitmqctl");
        info.ArgumentList.Add("-q");
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var (exitCode, output, error) = await ProcessRun.RunAsync(info, TimeSpan.FromMinutes(3), cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} exited {exitCode}: {output}{error}");
        }
        return output;
    }
}
