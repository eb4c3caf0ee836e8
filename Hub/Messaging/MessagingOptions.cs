using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Hub.Messaging;

/// <summary>Which transport carries the messages between modules and processes (section <c>Messaging</c>).</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary><c>InMemory</c> (one process, the default) or <c>RabbitMq</c> (several processes on one broker).</summary>
    public MessagingTransport Transport { get; set; } = MessagingTransport.InMemory;

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>How long a subsystem waits for a profile; must be above <c>Aggregation:Deadline</c>.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest the hub waits for the broker to take one message it sends (a reply, an announcement). A send
    /// caught by a broker restart can wait for a confirmation that never comes; past this it is given up (a reply
    /// is sent again by the retry, an announcement is dropped) instead of holding a profile request for ever.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Profile requests one hub instance works on at once.</summary>
    [Range(1, 1024)]
    public int ConcurrentMessageLimit { get; set; } = 64;

    /// <summary>Attempts of a profile request that failed for a transient reason (not bad input) before it faults.</summary>
    [Range(0, 10)]
    public int TransientRetries { get; set; } = 3;
}

public enum MessagingTransport
{
    InMemory,
    RabbitMq,
}

/// <summary>The broker (section <c>Messaging:RabbitMq</c>).</summary>
public sealed class RabbitMqOptions
{
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    [Required]
    public string VirtualHost { get; set; } = "/";

    /// <summary>One broker user per subsystem on a shared broker: the broker then vouches for who sends what.</summary>
    [Required]
    public string Username { get; set; } = "guest";

    [Required]
    public string Password { get; set; } = "guest";

    public bool UseTls { get; set; }

    /// <summary>The name on the broker's certificate, when it differs from <see cref="Host"/>.</summary>
    public string? TlsServerName { get; set; }
}
