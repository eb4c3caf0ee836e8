using IntegrationHub.Hub.Engine.Aggregation;
using IntegrationHub.Hub.Engine.Audit;
using Microsoft.Extensions.Caching.Memory;

namespace IntegrationHub.Hub.Engine.Profiles;

/// <summary>
/// The bus requests answered within <see cref="Window"/>, by caller and request id: a repeat of the very same request
/// joins the first one's answer instead of being assembled again. The id is bound to a fingerprint of the request's
/// content, so no request can receive the answer meant for another.
/// </summary>
public sealed class ProfileReplays(IOptions<AggregationOptions> options) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    // Its own cache, so that its size limit (Aggregation:ReplayEntries) bounds what the window holds.
    private readonly MemoryCache recent = new(new MemoryCacheOptions { SizeLimit = options.Value.ReplayEntries, CompactionPercentage = 0.2 });

    // Makes look-up-or-add one step: two copies of a request arriving together must not both become "the first".
    private readonly Lock recentLock = new();

    public void Dispose() => recent.Dispose();

    /// <summary>
    /// The first request seen under (<paramref name="subsystem"/>, <paramref name="requestId"/>) within the window, or this
    /// one, which then becomes the first (<paramref name="start"/> is its answer, started at most once).
    /// </summary>
    public Replay<T> Join<T>(string subsystem, Guid requestId, string fingerprint, Func<Task<T>> start)
    {
        var key = (subsystem, requestId);
        lock (recentLock)
        {
            if (recent.TryGetValue(key, out Replay<T>? first) && first is not null) return first with { IsFirst = false };
            var replay = new Replay<T>(fingerprint, new Lazy<Task<T>>(start), IsFirst: true);
            recent.Set(key, replay, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Window, Size = 1 });
            return replay;
        }
    }

    /// <summary>Forgets an answer that must not be replayed (it failed, or was never audited): a retry assembles anew.</summary>
    public void Forget(string subsystem, Guid requestId) => recent.Remove((subsystem, requestId));

    /// <summary>SHA-256 of the request's content in a canonical form: what a replay must match, field for field.</summary>
    public static string Fingerprint(ProfileRequest request, ProfileCaller caller)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            w.WriteStringValue(caller.Subsystem);
            w.WriteStringValue(caller.Officer);
            w.WriteStringValue(request.Applicant);
            w.WriteStringValue(request.Purpose);
            w.WriteStringValue(request.CaseNumber);
            // Null (let the hub propose the household) and empty (the applicant alone) are different requests.
            if (request.DeclaredMembers is null)
            {
                w.WriteNullValue();
            }
            else
            {
                w.WriteStartArray();
                foreach (var member in request.DeclaredMembers)
                {
                    w.WriteStartArray();
                    w.WriteStringValue(member?.Fin);
                    w.WriteStringValue(member?.Relation);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
            }
            // Only when asked: a fresh request is another request than the same one served from the cache.
            if (request.Fresh == true) w.WriteBooleanValue(true);
            w.WriteEndArray();
        }
        return AuditRecord.Sha256(buffer.WrittenSpan);
    }
}

/// <summary>The first request seen under an id: its fingerprint and its (shared) answer; whether this caller is that first one.</summary>
public sealed record Replay<T>(string Fingerprint, Lazy<Task<T>> Answer, bool IsFirst);
