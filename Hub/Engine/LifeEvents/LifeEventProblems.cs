namespace IntegrationHub.Hub.Engine.LifeEvents;

/// <summary>Why an agency's event is refused: stable codes (docs/problems.md), with the HTTP status the door gives.</summary>
public static class LifeEventProblems
{
    /// <summary>401: no <c>X-Agency-Key</c> or no <c>X-Agency-Signature</c>.</summary>
    public const string SignatureMissing = "event-signature-missing";

    /// <summary>401: the key id is not one of any source's keys.</summary>
    public const string UnknownKey = "event-key-unknown";

    /// <summary>403: the signature does not verify over the body with the named key (forged, altered, or signed with another key).</summary>
    public const string SignatureInvalid = "event-signature-invalid";

    /// <summary>403: the event's source is not the agency whose key signed it.</summary>
    public const string SourceMismatch = "event-source-mismatch";

    /// <summary>403: the agency may not report this type of event (<c>LifeEvents:Sources:{agency}:Kinds</c>).</summary>
    public const string KindNotAllowed = "event-kind-not-allowed";

    /// <summary>400: the body is not one CloudEvent 1.0 in structured JSON (or a key is given twice).</summary>
    public const string MalformedEvent = "malformed-event";

    /// <summary>400: the event's id is empty, longer than 128 characters, or not printable ASCII.</summary>
    public const string InvalidEventId = "invalid-event-id";

    /// <summary>400: the event's data is not <c>{"persons":[FIN, ...],"date":"yyyy-MM-dd"}</c>.</summary>
    public const string InvalidEventData = "invalid-event-data";

    /// <summary>409: the agency used this id before for an event saying something else.</summary>
    public const string EventIdReused = "event-id-reused";

    /// <summary>413: the body is larger than <c>LifeEvents:MaxEventBytes</c>.</summary>
    public const string EventTooLarge = "event-too-large";

    /// <summary>415: not <c>application/cloudevents+json</c> (batches and binary mode are not taken).</summary>
    public const string UnsupportedMediaType = "unsupported-media-type";

    /// <summary>404: no event with this id in the inbox.</summary>
    public const string UnknownEvent = "unknown-event";

    /// <summary>409: only a failed event (a dead letter) can be retried.</summary>
    public const string EventNotFailed = "event-not-failed";

    /// <summary>400: the state asked for is not received, processed or failed.</summary>
    public const string InvalidState = "invalid-state";
}
