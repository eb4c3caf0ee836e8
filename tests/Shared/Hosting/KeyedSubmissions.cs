using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace IntegrationHub.Tests.Shared.Hosting;

/// <summary>
/// Submissions with Idempotency-Keys as a client sends them to several processes: an answer (200, 201, or 202: taken and
/// still waiting on something) gives the number the body names; no answer (the process killed, a connection refused, a
/// timeout) leaves the key to send again; anything else is kept as a refusal for the test to report.
/// </summary>
/// <remarks>
/// A submission's <see cref="Submission.Token"/> goes as a bearer token unless <paramref name="authorize"/> says how
/// the caller proves who it is (an employer's system: its API key in <c>X-Api-Key</c>).
/// </remarks>
public sealed class KeyedSubmissions(string path, Func<JsonElement, string> numberOf, Action<HttpRequestHeaders, string>? authorize = null)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public ConcurrentDictionary<string, Submission> Sent { get; } = new();

    /// <summary>Key → the number answered the first time the key was answered.</summary>
    public ConcurrentDictionary<string, string> Answered { get; } = new();

    public ConcurrentBag<string> Refusals { get; } = [];

    public sealed record Submission(string Key, string Token, object Body);

    /// <summary>Sends once to <paramref name="target"/>: the status and number, or null when no answer came.</summary>
    public async Task<(HttpStatusCode Status, string Number)?> SendAsync(Uri target, Submission submission)
    {
        Sent[submission.Key] = submission;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, path)) { Content = JsonContent.Create(submission.Body) };
            request.Headers.Add("Idempotency-Key", submission.Key);
            (authorize ?? Bearer)(request.Headers, submission.Token);
            using var response = await Http.SendAsync(request, CancellationToken.None);
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Accepted)
            {
                var number = numberOf(JsonDocument.Parse(body).RootElement);
                Answered.TryAdd(submission.Key, number);
                return (response.StatusCode, number);
            }
            // 503 is "not now" (a store or the hub unreachable for a moment): the key is sent again like an unanswered one.
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable) Refusals.Add($"{submission.Key}: {(int)response.StatusCode} {body}");
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return null; // The process was killed, or is not up yet: the key goes again.
        }
    }

    /// <summary><paramref name="senders"/> copies of <paramref name="send"/> at once (each taking the next submission in turn).</summary>
    public static Task InParallelAsync(int senders, Func<Task> send) => Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(send)));

    /// <summary>Sends until answered, to <paramref name="targets"/> in turn (by attempt), for at most <paramref name="within"/>.</summary>
    public async Task<(HttpStatusCode Status, string Number)?> SendUntilAnsweredAsync(Func<int, Uri> targets, Submission submission, TimeSpan within)
    {
        var attempt = 0;
        return await Poll.ReadUntilAsync(() => SendAsync(targets(attempt++), submission), answer => answer is not null, within, TimeSpan.FromMilliseconds(250));
    }

    private static void Bearer(HttpRequestHeaders headers, string token) => headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
}
