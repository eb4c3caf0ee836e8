using System.Globalization;
using System.Net.Mime;
using System.Text;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using IntegrationHub.Hub.Engine.Audit;
using IntegrationHub.Hub.Engine.Caching;

namespace IntegrationHub.Hub.Engine.LifeEvents;

/// <summary>What became of an agency's event at the door: accepted (new or a duplicate), or refused with a status and a code.</summary>
public sealed record IntakeResult(int Status, InboxEvent? Event, bool Duplicate, string? Code, string? Detail, string? Field)
{
    public static IntakeResult Accepted(InboxEvent stored, bool duplicate) => new(duplicate ? 200 : 202, stored, duplicate, null, null, null);

    public static IntakeResult Refused(int status, string code, string detail, string? field = null) => new(status, null, false, code, detail, field);
}

/// <summary>
/// The hub's door for agencies' change events (docs/life-events.md). In order: size, media type, the signature over
/// the body exactly as sent (before a byte of it is parsed), then the CloudEvent (1.0, structured JSON, no key twice),
/// its source (the signing agency), type (a kind that agency may report), id and data (people by FIN, a date). An
/// event that passes is on disk before the answer (202; the same event again: 200), its people's cached answers stop
/// being fresh, and the processor is woken. Every refusal is counted; none is stored or processed.
/// </summary>
public sealed class LifeEventIntake(
    AgencyEventKeys keys,
    ILifeEventInbox inbox,
    PersonChangeMarks changes,
    LifeEventStats stats,
    LifeEventWakeup wakeup,
    IOptions<LifeEventOptions> options,
    TimeProvider time)
{
    public const string MediaType = "application/cloudevents+json";
    public const string KeyHeader = "X-Agency-Key";
    public const string SignatureHeader = "X-Agency-Signature";

    /// <summary>An agency's CloudEvent source: <c>urn:az:gov:{agency}</c>.</summary>
    public const string SourcePrefix = "urn:az:gov:";

    /// <summary>An event's type: <c>az.gov.{agency}.{kind}</c>.</summary>
    public const string TypePrefix = "az.gov.";

    private const int MaxIdLength = 128;

    private static readonly JsonEventFormatter Formatter = new();

    public async Task<IntakeResult> AdmitAsync(ReadOnlyMemory<byte> body, string? contentType, string? keyId, string? signature, CancellationToken cancellationToken)
    {
        var result = await CheckAndAdmitAsync(body, contentType, keyId, signature, cancellationToken);
        if (result.Code is { } code) stats.Refused(keyId is null ? null : keys.AgencyOf(keyId), code);
        return result;
    }

    private async Task<IntakeResult> CheckAndAdmitAsync(ReadOnlyMemory<byte> body, string? contentType, string? keyId, string? signature, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (body.Length > settings.MaxEventBytes)
        {
            return IntakeResult.Refused(413, LifeEventProblems.EventTooLarge, $"An event may be at most {settings.MaxEventBytes} bytes.");
        }
        if (!IsStructuredJson(contentType))
        {
            return IntakeResult.Refused(415, LifeEventProblems.UnsupportedMediaType,
                $"Send one CloudEvent in structured mode as {MediaType} (batches and binary mode are not taken).");
        }
        if (string.IsNullOrWhiteSpace(keyId) || string.IsNullOrWhiteSpace(signature))
        {
            return IntakeResult.Refused(401, LifeEventProblems.SignatureMissing,
                $"Sign the body with your agency's key: {KeyHeader} names the key, {SignatureHeader} carries the ECDSA P-256 signature (P1363, base64).",
                string.IsNullOrWhiteSpace(keyId) ? KeyHeader : SignatureHeader);
        }
        if (keys.AgencyOf(keyId) is not { } agency)
        {
            return IntakeResult.Refused(401, LifeEventProblems.UnknownKey, $"{KeyHeader} names no key of any agency the hub knows.", KeyHeader);
        }
        if (!TryBase64(signature, out var signatureBytes) || !keys.Verify(keyId, body.Span, signatureBytes))
        {
            return IntakeResult.Refused(403, LifeEventProblems.SignatureInvalid,
                $"The signature does not verify over the body with key '{keyId}': the body was changed, or signed with another key.", SignatureHeader);
        }

        CloudEvent cloudEvent;
        try
        {
            // A key given twice is refused, not read as the last one (the signature covered both).
            using (JsonDocument.Parse(body, new JsonDocumentOptions { AllowDuplicateProperties = false }))
            {
            }
            cloudEvent = Formatter.DecodeStructuredModeMessage(body, new ContentType(MediaType), extensionAttributes: null);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException or InvalidOperationException)
        {
            return IntakeResult.Refused(400, LifeEventProblems.MalformedEvent, $"The body is not one CloudEvent 1.0 in structured JSON ({e.Message}).");
        }

        var source = cloudEvent.Source?.OriginalString ?? "";
        if (!string.Equals(source, SourcePrefix + agency, StringComparison.Ordinal))
        {
            return IntakeResult.Refused(403, LifeEventProblems.SourceMismatch, $"An event signed with key '{keyId}' has source '{SourcePrefix}{agency}'.", "source");
        }
        var allowed = settings.Sources.TryGetValue(agency, out var sourceOptions) ? sourceOptions.Kinds : [];
        var type = cloudEvent.Type ?? "";
        var kind = type.StartsWith(TypePrefix + agency + ".", StringComparison.Ordinal) ? type[(TypePrefix.Length + agency.Length + 1)..] : null;
        if (kind is null || !allowed.Contains(kind, StringComparer.Ordinal))
        {
            return IntakeResult.Refused(403, LifeEventProblems.KindNotAllowed,
                $"Agency '{agency}' may send the types {string.Join(", ", allowed.Select(k => $"{TypePrefix}{agency}.{k}"))}.", "type");
        }
        var id = cloudEvent.Id ?? "";
        if (id.Length is 0 or > MaxIdLength || id.Any(c => c is < '!' or > '~'))
        {
            return IntakeResult.Refused(400, LifeEventProblems.InvalidEventId, $"id must be 1-{MaxIdLength} printable ASCII characters without spaces.", "id");
        }
        var (data, dataProblem) = ReadData(cloudEvent);
        if (dataProblem is not null) return dataProblem;

        var candidate = new InboxEvent
        {
            Id = agency + "/" + id,
            ChangeId = Guid.CreateVersion7(time.GetUtcNow()),
            Agency = agency,
            EventId = id,
            Kind = kind,
            Fins = [.. data!.Value.Fins],
            Date = data.Value.Date,
            EventTime = cloudEvent.Time,
            ReceivedAt = time.GetUtcNow(),
            ContentHash = AuditRecord.Sha256(Encoding.UTF8.GetBytes(string.Join('\n', [type, data.Value.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), .. data.Value.Fins]))),
            State = InboxStates.Received,
            NextAttemptAt = time.GetUtcNow(),
        };
        var admitted = await inbox.AdmitAsync(candidate, cancellationToken);
        switch (admitted.Outcome)
        {
            case Admission.Conflict:
                return IntakeResult.Refused(409, LifeEventProblems.EventIdReused,
                    $"Agency '{agency}' sent an event with id '{id}' before that says something else; give every event an id of its own.", "id");
            case Admission.Duplicate:
                stats.Duplicate(agency, kind);
                return IntakeResult.Accepted(admitted.Event, duplicate: true);
            default:
                stats.Received(agency, kind);
                // What the hub cached about these people is from before the change.
                changes.MarkChanged(candidate.Fins);
                wakeup.Wakeup.Signal();
                return IntakeResult.Accepted(admitted.Event, duplicate: false);
        }
    }

    private (( IReadOnlyList<string> Fins, DateOnly Date)? Data, IntakeResult? Problem) ReadData(CloudEvent cloudEvent)
    {
        const string shape = "data must be {\"persons\":[FIN, ...],\"date\":\"yyyy-MM-dd\"}: the person the change is about first";
        if (cloudEvent.DataContentType is { } dataType && !dataType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, IntakeResult.Refused(400, LifeEventProblems.InvalidEventData, shape + $"; datacontenttype '{dataType}' is not application/json.", "datacontenttype"));
        }
        if (cloudEvent.Data is not JsonElement { ValueKind: JsonValueKind.Object } data)
        {
            return (null, IntakeResult.Refused(400, LifeEventProblems.InvalidEventData, shape + ".", "data"));
        }
        if (!data.TryGetProperty("persons", out var persons) || persons.ValueKind != JsonValueKind.Array
            || persons.GetArrayLength() is 0 or > LifeEventOptions.MaxPersons)
        {
            return (null, IntakeResult.Refused(400, LifeEventProblems.InvalidEventData, shape + $"; persons names 1-{LifeEventOptions.MaxPersons} people.", "data.persons"));
        }
        var fins = new List<string>();
        var index = 0;
        foreach (var person in persons.EnumerateArray())
        {
            var field = $"data.persons[{index++}]";
            if (person.ValueKind != JsonValueKind.String)
            {
                return (null, IntakeResult.Refused(400, LifeEventProblems.InvalidEventData, $"{field} is not a FIN (a string).", field));
            }
            if (!Fin.TryParse(person.GetString(), out var fin, out var error))
            {
                return (null, IntakeResult.Refused(400, LifeEventProblems.InvalidEventData, $"{field}: {error}", field));
            }
            if (fins.Contains(fin.Value)) return (null, IntakeResult.Refused(400, LifeEventProblems.InvalidEventData, $"{field} names someone named before.", field));
            fins.Add(fin.Value);
        }
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!data.TryGetProperty("date", out var dateValue) || dateValue.ValueKind != JsonValueKind.String
            || !DateOnly.TryParseExact(dateValue.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (null, IntakeResult.Refused(400, LifeEventProblems.InvalidEventData, "data.date must be the day of the change as yyyy-MM-dd.", "data.date"));
        }
        // A day of leeway for the time zones between the agency's clock and the hub's.
        if (date > today.AddDays(1) || date.Year < 1900)
        {
            return (null, IntakeResult.Refused(400, LifeEventProblems.InvalidEventData, "data.date must not be in the future.", "data.date"));
        }
        return ((fins, date), null);
    }

    private static bool IsStructuredJson(string? contentType)
    {
        if (contentType is null) return false;
        var media = contentType.Split(';', 2)[0].Trim();
        return media.Equals(MediaType, StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[64];
        return Convert.TryFromBase64String(text.Trim(), bytes, out var written) && written == 64;
    }
}

/// <summary>The life-event processor's wake-up: an event was stored or retried.</summary>
public sealed class LifeEventWakeup
{
    public Wakeup Wakeup { get; } = new();
}
