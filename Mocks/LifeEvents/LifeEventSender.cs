using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace IntegrationHub.Mocks.LifeEvents;

/// <summary>One event the mock country sent (or is sending) to the hub, as testers see it.</summary>
public sealed class SentEvent
{
    public required string Id { get; init; }
    public required string Agency { get; init; }
    public required string Kind { get; init; }
    public required IReadOnlyList<string> Fins { get; init; }
    public required DateOnly Date { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary><c>pending</c> (not yet taken), <c>delivered</c> (202 or 200), <c>refused</c> (the hub said no, a 4xx: not sent again) or <c>gave-up</c>.</summary>
    public string State { get; internal set; } = "pending";

    public int Attempts { get; internal set; }

    public int? LastStatus { get; internal set; }

    public string? LastError { get; internal set; }

    /// <summary>The hub's id of the event, once delivered.</summary>
    public Guid? ChangeId { get; internal set; }
}

/// <summary>
/// Sends the mock agencies' events to the hub: each as one CloudEvent 1.0 in structured JSON, signed by its agency
/// (<see cref="AgencyEventSigner"/>), POSTed to <c>/api/v1/life-events</c> and sent again with a growing wait until the
/// hub takes it (202, or 200 for a repeat) or refuses it (any other 4xx but 408 and 429). Until a hub is connected
/// (<see cref="Connect"/>) events wait. The waits run on the country's clock.
/// </summary>
public sealed class LifeEventSender(TimeProvider time, int maxAttempts = 12, TimeSpan? retryDelay = null) : IAsyncDisposable
{
    public const string Path = "/api/v1/life-events";
    private const int Kept = 500;

    private static readonly JsonEventFormatter Formatter = new();

    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile HttpClient? _hub;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<SentEvent> _sent = new();
    private readonly ConcurrentDictionary<Task, bool> _inFlight = new();
    private readonly TimeSpan _retryDelay = retryDelay ?? TimeSpan.FromMilliseconds(500);

    /// <summary>The latest events, oldest first.</summary>
    public IReadOnlyList<SentEvent> Sent => [.. _sent];

    public bool Connected => _hub is not null;

    /// <summary>
    /// Sends to the hub behind <paramref name="client"/> (its base address is the hub's; the client is used for every
    /// event). A later call replaces the hub: attempts from then on go there.
    /// </summary>
    public void Connect(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _hub = client;
        _connected.TrySetResult();
    }

    /// <summary>Queues the events of <paramref name="changes"/> and returns them; they leave as soon as a hub is connected.</summary>
    public IReadOnlyList<SentEvent> Send(IEnumerable<LifeChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var queued = new List<SentEvent>();
        foreach (var change in changes)
        {
            var sent = new SentEvent
            {
                Id = change.Agency + "-" + Guid.NewGuid().ToString("N"),
                Agency = change.Agency,
                Kind = change.Kind,
                Fins = change.Fins,
                Date = change.Date,
                CreatedAt = time.GetUtcNow(),
            };
            _sent.Enqueue(sent);
            while (_sent.Count > Kept) _sent.TryDequeue(out _);
            var task = DeliverAsync(sent, _stopping.Token);
            _inFlight[task] = true;
            _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
            queued.Add(sent);
        }
        return queued;
    }

    /// <summary>The CloudEvent of <paramref name="sent"/> as bytes and content type: what is signed is exactly what is sent.</summary>
    public static (byte[] Body, string ContentType) Encode(SentEvent sent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var cloudEvent = new CloudEvent
        {
            Id = sent.Id,
            Source = new Uri("urn:az:gov:" + sent.Agency),
            Type = $"az.gov.{sent.Agency}.{sent.Kind}",
            Time = now,
            DataContentType = "application/json",
            Data = new Dictionary<string, object>
            {
                ["persons"] = sent.Fins,
                ["date"] = sent.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
        };
        var body = Formatter.EncodeStructuredModeMessage(cloudEvent, out var contentType);
        return (body.ToArray(), contentType.ToString());
    }

    private async Task DeliverAsync(SentEvent sent, CancellationToken cancellationToken)
    {
        try
        {
            await _connected.Task.WaitAsync(cancellationToken);
            // Encoded once: every attempt sends the very same bytes (the same event, to the hub's idempotency).
            var (body, contentType) = Encode(sent, time.GetUtcNow());
            var signature = AgencyEventSigner.Sign(sent.Agency, body);
            while (true)
            {
                sent.Attempts++;
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
                    request.Headers.Add("X-Agency-Key", AgencyEventSigner.KeyId(sent.Agency));
                    request.Headers.Add("X-Agency-Signature", signature);
                    using var response = await _hub!.SendAsync(request, cancellationToken);
                    sent.LastStatus = (int)response.StatusCode;
                    if (response.IsSuccessStatusCode)
                    {
                        sent.State = "delivered";
                        sent.ChangeId = await ChangeIdAsync(response, cancellationToken);
                        return;
                    }
                    sent.LastError = await response.Content.ReadAsStringAsync(cancellationToken);
                    if ((int)response.StatusCode is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests))
                    {
                        sent.State = "refused";
                        return;
                    }
                }
                catch (HttpRequestException e)
                {
                    sent.LastError = e.Message;
                }
                if (sent.Attempts >= maxAttempts)
                {
                    sent.State = "gave-up";
                    return;
                }
                var wait = TimeSpan.FromTicks(Math.Min(_retryDelay.Ticks * (1L << Math.Min(sent.Attempts - 1, 16)), TimeSpan.FromSeconds(30).Ticks));
                await Task.Delay(wait, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The country is shutting down: what was not delivered stays pending.
        }
    }

    private static async Task<Guid?> ChangeIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var json = await System.Text.Json.JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return json.RootElement.TryGetProperty("changeId", out var id) && id.TryGetGuid(out var changeId) ? changeId : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_inFlight.Keys).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // A send stuck in the network is abandoned with the country.
        }
        _stopping.Dispose();
    }
}
