using System.Runtime.Serialization;
using System.Text.Json;
using IntegrationHub.Contracts.Text;

namespace IntegrationHub.Hub.Messaging;

/// <summary>
/// The request endpoint's error pipe, before the message moves to <c>_error</c>: a <see cref="GetHouseholdProfile"/>
/// that could not be read (a field of the wrong JSON type, a key given twice, a number or a comma list for a
/// name) is answered with <see cref="HouseholdProfileRefused"/> <c>malformed-message</c> whenever its envelope
/// names a request id and a response address, so the sender learns at once instead of waiting out its timeout.
/// The envelope is read here leniently (keys may repeat), since strict reading is what failed. The message still
/// goes to <c>_error</c>, where operators see who sends what the hub cannot read.
/// </summary>
public sealed partial class UnreadableRequestFilter(ILogger<UnreadableRequestFilter> logger) : IFilter<ExceptionReceiveContext>
{
    private static readonly string RequestUrn = MessageUrn.ForTypeString<GetHouseholdProfile>();

    private static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public void Probe(ProbeContext context) => context.CreateFilterScope("refuseUnreadableRequest");

    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (Unreadable(context.Exception) is { } error && Envelope(context) is { } envelope)
        {
            var field = FieldOf(error.Path);
            var refusal = new HouseholdProfileRefused(envelope.MessageRequestId ?? envelope.RequestId, RefusalCodes.MalformedMessage,
                $"The GetHouseholdProfile message could not be read: {error.Message}", field);
            try
            {
                var endpoint = await context.SendEndpointProvider.GetSendEndpoint(envelope.ResponseAddress);
                await endpoint.Send(refusal, send =>
                {
                    send.RequestId = envelope.RequestId;
                    send.SourceAddress = context.InputAddress;
                }, context.CancellationToken);
                LogRefused(logger, envelope.RequestId, field ?? "(message)");
            }
#pragma warning disable CA1031 // The refusal is a courtesy: failing to send it must not stop the message reaching _error.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogRefusalFailed(logger, e, envelope.RequestId);
            }
        }
        await next.Send(context);
    }

    /// <summary>The JSON error behind a failure to read the message (MassTransit wraps it), if that was the failure.</summary>
    private static JsonException? Unreadable(Exception exception)
    {
        var sawSerialization = false;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is JsonException json) return json;
            sawSerialization |= e is SerializationException;
        }
        return sawSerialization ? new JsonException(exception.Message) : null;
    }

    private sealed record RequestEnvelope(Guid RequestId, Uri ResponseAddress, Guid? MessageRequestId);

    /// <summary>Request id, response address and type from the envelope, when it is JSON that names all three.</summary>
    private static RequestEnvelope? Envelope(ReceiveContext context)
    {
        try
        {
            using var document = JsonDocument.Parse(context.Body.GetBytes(), Lenient);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (!(Property(root, "messageType") is { ValueKind: JsonValueKind.Array } types && types.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && t.GetString() == RequestUrn)))
            {
                return null;
            }
            if (Property(root, "requestId") is not { ValueKind: JsonValueKind.String } id || !Guid.TryParse(id.GetString(), out var requestId)) return null;
            if (Property(root, "responseAddress") is not { ValueKind: JsonValueKind.String } address || !Uri.TryCreate(address.GetString(), UriKind.Absolute, out var responseAddress)) return null;
            Guid? messageRequestId = Property(root, "message") is { ValueKind: JsonValueKind.Object } message
                && Property(message, "requestId") is { ValueKind: JsonValueKind.String } inner && Guid.TryParse(inner.GetString(), out var parsed)
                    ? parsed
                    : null;
            return new RequestEnvelope(requestId, responseAddress, messageRequestId);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A property by name, case aside (MassTransit reads envelopes that way); the first if repeated.</summary>
    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        }
        return null;
    }

    /// <summary>The request field a JSON path points at: <c>$.message.declaredMembers[0].relation</c> → <c>declaredMembers[0].relation</c>.</summary>
    private static string? FieldOf(string? path)
    {
        const string prefix = "$.message.";
        // The path holds the sender's own key names: one with control characters is not repeated in the log.
        if (path is null || TextInput.CheckLine(path, "path") is not null) return null;
        if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return path[prefix.Length..];
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: the GetHouseholdProfile message could not be read ({Field}); refused as malformed-message and moved to the error queue")]
    private static partial void LogRefused(ILogger logger, Guid requestId, string field);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: the refusal of an unreadable message could not be sent")]
    private static partial void LogRefusalFailed(ILogger logger, Exception exception, Guid requestId);
}
