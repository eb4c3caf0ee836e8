using System.Globalization;

namespace IntegrationHub.Hub.Tests.Messaging.RabbitMq;

/// <summary>
/// The broker tests/rabbitmq/start.sh runs is reachable from this machine only: AMQP, the Erlang port mapper and
/// the Erlang distribution port (which accepts a node holding the cookie, i.e. full control of the broker) listen
/// on loopback and nowhere else.
/// In the broker's collection: a broker restarting in another test has closed its AMQP port for a while.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class BrokerExposureTests
{
    private static readonly Dictionary<int, string> BrokerPorts = new()
    {
        [RabbitMqBroker.Port] = "AMQP",
        [4369] = "epmd",
        [25672] = "Erlang distribution",
    };

    [Fact]
    public void Broker_ListensOnLoopbackOnly()
    {
        RabbitMqBroker.Require();

        var listening = ListeningSockets().Where(s => BrokerPorts.ContainsKey(s.Port)).ToList();

        Assert.Contains(listening, s => s.Port == RabbitMqBroker.Port);
        Assert.Contains(listening, s => s.Port == 4369);
        var exposed = listening.Where(s => !s.Loopback).Select(s => $"{BrokerPorts[s.Port]} on {s.Address}:{s.Port}").ToList();
        Assert.True(exposed.Count == 0, "Listening beyond loopback: " + string.Join(", ", exposed) + ". Start the broker with tests/rabbitmq/start.sh.");
    }

    private static string Readable(string hex) => hex.Length == 8
        ? string.Join('.', Convert.FromHexString(hex).Reverse())
        : hex.All(c => c == '0') ? "[::]" : hex;

    /// <summary>Listening TCP sockets from /proc/net/tcp and tcp6 (addresses in hex, IPv4 little-endian).</summary>
    private static IEnumerable<(string Address, int Port, bool Loopback)> ListeningSockets()
    {
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file)) continue;
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length < 4 || columns[3] != "0A") continue;
                var local = columns[1].Split(':');
                var port = int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var loopback = local[0] is "0100007F" or "00000000000000000000000001000000";
                yield return (Readable(local[0]), port, loopback);
            }
        }
    }
}
