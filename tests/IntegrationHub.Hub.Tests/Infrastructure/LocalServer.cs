using System.Net.Sockets;

namespace IntegrationHub.Hub.Tests.Infrastructure;

/// <summary>
/// A server the tests need on this machine (the RabbitMQ broker, the PostgreSQL cluster), started by its script in
/// tests/. Without it a test skips and says why, unless the environment variable that requires it is "1" (CI sets it:
/// there the server must be present and the tests run).
/// </summary>
internal static class LocalServer
{
    /// <summary>Skips the calling test when nothing listens on <paramref name="host"/>:<paramref name="port"/>, or fails it where the server is required.</summary>
    public static void Require(string what, string host, int port, string requiredBy, string startScript, string tests)
    {
        if (IsListening(host, port)) return;
        if (Environment.GetEnvironmentVariable(requiredBy) == "1")
        {
            Assert.Fail($"No {what} on {host}:{port}, and {requiredBy}=1 says one must run here.");
        }
        Assert.Skip($"No {what} on {host}:{port}: start one with {startScript} (CI always does) to run the {tests}.");
    }

    public static bool IsListening(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(host, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
