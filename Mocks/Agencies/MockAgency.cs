using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using WireMock.Logging;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace IntegrationHub.Mocks.Agencies;

/// <summary>
/// One agency's API as WireMock stubs over the shared synthetic population. Each agency runs its own
/// server (port 0 by default), so stopping one makes exactly that agency unreachable.
/// </summary>
/// <param name="key">The agency's key in the hub's catalog.</param>
/// <param name="name">Its display name.</param>
public abstract class MockAgency(SyntheticPopulation population, string key, string name) : IDisposable
{
    private WireMockServer? _server;
    private int _port;
    private long _requests;

    /// <summary>
    /// The key the hub's configuration uses for this agency (<c>Agencies:{Key}:BaseAddress</c>). Set it to serve the same
    /// API as another registry under a key of its own.
    /// </summary>
    public string Key { get; init; } = key;

    public string Name { get; init; } = name;

    public SyntheticPopulation Population { get; } = population;

    /// <summary>Faults to inject into this agency's answers, switchable at run time.</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41235</c>. Stays the same across <see cref="Stop"/> and <see cref="Start"/>.</summary>
    public string Url => $"http://127.0.0.1:{_port}";

    public bool IsRunning => _server?.IsStarted == true;

    /// <summary>Requests this agency's API routes received since start (faulty answers included): lets tests count calls with the request log off.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>The JSON conventions of this agency's API (naming differs between registries).</summary>
    protected virtual JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>Registers the agency's routes with <see cref="Get"/>.</summary>
    protected abstract void Map();

    /// <summary>Starts (or restarts, on the same port) the agency's server.</summary>
    public void Start(int port = 0)
    {
        if (IsRunning) return;
        _server = WireMockServer.Start(new WireMockServerSettings
        {
            Port = port != 0 ? port : _port,
            StartAdminInterface = false,
            MaxRequestLogCount = 0,
            Logger = new WireMockNullLogger(),
            Urls = [$"http://127.0.0.1:{(port != 0 ? port : _port)}"],
        });
        _port = _server.Ports[0];
        Map();
        MapCorrections();
        // Anything not mapped is a 404 in the agency's own error shape, not WireMock's.
        _server.Given(Request.Create().WithPath(new WildcardMatcher("*")).UsingAnyMethod()).AtPriority(int.MaxValue)
            .RespondWith(Response.Create().WithCallback(_ => Error(404, "NO_SUCH_ENDPOINT", "No such endpoint.")));
    }

    /// <summary>Stops the server: the agency refuses connections until <see cref="Start"/>, those it held closed.</summary>
    public void Stop()
    {
        if (_server is null) return;
        // WireMock's stop can return while Kestrel is still stopping (its own cancellation and the stop call race, and
        // the loser returns at once): a "down" agency could then still answer a call on a connection kept alive. A
        // connection of our own, open across the stop, closes in the same sweep as every other one Kestrel holds.
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000 };
        probe.Connect(IPAddress.Loopback, _port);
        _server.Stop();
        _server.Dispose();
        _server = null;
        WaitUntilClosed(probe);
    }

    private void WaitUntilClosed(Socket probe)
    {
        try
        {
            if (probe.Receive(new byte[1]) == 0) return;
        }
        catch (SocketException e) when (e.SocketErrorCode != SocketError.TimedOut)
        {
            return; // reset: closed too
        }
        throw new InvalidOperationException($"The {Key} mock still held its connections on port {_port} 10 s after it was stopped.");
    }

    /// <summary>Switches the agency to <paramref name="plan"/>: <see cref="FaultKind.Down"/> stops the server, anything else (re)starts it with that fault.</summary>
    public void Inject(FaultPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Faults.Set(plan);
        if (plan.Kind == FaultKind.Down)
        {
            Stop();
        }
        else
        {
            Start();
        }
    }

    public void Dispose()
    {
        Stop();
        GC.SuppressFinalize(this);
    }

    private static readonly JsonSerializerOptions CorrectionJson = new(JsonSerializerDefaults.Web);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, MockCorrection> _corrections = new(StringComparer.Ordinal);

    /// <summary>The correction requests this agency received, by id.</summary>
    public IReadOnlyDictionary<string, MockCorrection> Corrections => _corrections;

    /// <summary>
    /// The correction protocol every agency answers (camelCase, whatever its own API's naming): <c>POST /corrections</c>
    /// <c>{fin, dataSet, comment, reference}</c> is 202 <c>{correctionId, status: "received"}</c> (the same reference again:
    /// the same request; an unknown FIN: 404); <c>GET /corrections/{id}</c> says <c>received</c> the first time it is asked,
    /// and from then on the agency's answer, <c>corrected</c> (a comment that says "keep" is <c>rejected</c>).
    /// </summary>
    private void MapCorrections()
    {
        _server!.Given(Request.Create().WithPath("/corrections").UsingPost())
            .RespondWith(Response.Create().WithCallback(async request =>
            {
                Interlocked.Increment(ref _requests);
                if (await Faults.ApplyAsync(this, request) is { } injected) return injected;
                MockCorrectionRequest? body;
                try
                {
                    body = JsonSerializer.Deserialize<MockCorrectionRequest>(request.Body ?? "", CorrectionJson);
                }
                catch (JsonException)
                {
                    body = null;
                }
                if (body is not { Fin.Length: > 0, DataSet.Length: > 0, Reference.Length: > 0 }) return Error(400, "INVALID_REQUEST", "fin, dataSet and reference are required.");
                using (Population.Read())
                {
                    if (Find(body.Fin) is null) return Error(404, "PERSON_NOT_FOUND", "No person with this PIN.");
                }
                var existing = _corrections.Values.FirstOrDefault(c => c.Reference == body.Reference);
                var correction = existing ?? _corrections.GetOrAdd(Key[..Math.Min(3, Key.Length)].ToUpperInvariant() + "-" + Guid.NewGuid().ToString("N")[..12],
                    id => new MockCorrection(id, body.Fin, body.DataSet, body.Comment ?? "", body.Reference));
                return Text(JsonSerializer.Serialize(new { correctionId = correction.Id, status = "received" }, CorrectionJson), 202);
            }));
        _server.Given(Request.Create().WithPath(new RegexMatcher("^/corrections/[^/]+$")).UsingGet())
            .RespondWith(Response.Create().WithCallback(async request =>
            {
                Interlocked.Increment(ref _requests);
                if (await Faults.ApplyAsync(this, request) is { } injected) return injected;
                if (!_corrections.TryGetValue(request.Path["/corrections/".Length..], out var correction)) return Error(404, "NO_SUCH_CORRECTION", "No such correction request.");
                var status = Interlocked.Increment(ref correction.Asked) == 1 ? "received"
                    : correction.Comment.Contains("keep", StringComparison.OrdinalIgnoreCase) ? "rejected" : "corrected";
                var note = status == "received" ? null : status == "corrected" ? "The record was corrected." : "The record stands.";
                return Text(JsonSerializer.Serialize(new { correctionId = correction.Id, status, note }, CorrectionJson), 200);
            }));
    }

    /// <summary>Maps GET requests whose path matches <paramref name="pathPattern"/> (a regex with named groups) to <paramref name="handler"/>.</summary>
    protected void Get(string pathPattern, Func<Match, IRequestMessage, IResponseMessage> handler)
    {
        var regex = new Regex(pathPattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
        _server!.Given(Request.Create().WithPath(new RegexMatcher(pathPattern)).UsingGet())
            .RespondWith(Response.Create().WithCallback(async request =>
            {
                Interlocked.Increment(ref _requests);
                var injected = await Faults.ApplyAsync(this, request);
                if (injected is not null) return injected;
                // One state of the country per answer: a life event changes it under the write lock.
                using var reading = Population.Read();
                return handler(regex.Match(request.Path), request);
            }));
    }

    protected IResponseMessage Json(object body, int status = 200) => Text(JsonSerializer.Serialize(body, JsonOptions), status);

    /// <summary>An error in the agency's own error shape.</summary>
    protected virtual IResponseMessage Error(int status, string code, string message) =>
        Json(new { errorCode = code, message }, status);

    internal static IResponseMessage Text(string body, int status, string contentType = "application/json; charset=utf-8")
    {
        var response = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = System.Text.Encoding.UTF8 },
        };
        response.AddHeader("Content-Type", contentType);
        return response;
    }

    protected static string? Query(IRequestMessage request, string name) =>
        request.Query is not null && request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    protected static int? QueryInt(IRequestMessage request, string name) =>
        Query(request, name) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>
    /// A whole-number query parameter: <paramref name="fallback"/> when absent; false when present but not digits only
    /// (a sign or a fraction is not a page number).
    /// </summary>
    protected static bool TryQueryInt(IRequestMessage request, string name, int fallback, out int value)
    {
        value = fallback;
        return Query(request, name) is not { } text || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    protected static DateOnly? QueryDate(IRequestMessage request, string name, string format = "yyyy-MM-dd") =>
        Query(request, name) is { } text && DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    protected Person? Find(string fin) => Population.ByFin.GetValueOrDefault(fin);

    /// <summary>First days of the months from <paramref name="from"/> to <paramref name="to"/>, inclusive.</summary>
    protected static IEnumerable<DateOnly> Months(DateOnly from, DateOnly to)
    {
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1)) yield return m;
    }

    /// <summary>True when a period [start, end] covers the month starting at <paramref name="month"/>.</summary>
    protected static bool Covers(DateOnly start, DateOnly? end, DateOnly month) =>
        start <= month.AddMonths(1).AddDays(-1) && (end is null || end.Value >= month);
}

/// <summary>A correction request as an agency received it.</summary>
public sealed class MockCorrection(string id, string fin, string dataSet, string comment, string reference)
{
    public string Id { get; } = id;
    public string Fin { get; } = fin;
    public string DataSet { get; } = dataSet;
    public string Comment { get; } = comment;
    public string Reference { get; } = reference;

    /// <summary>How often its status was asked for.</summary>
    internal int Asked;
}

internal sealed record MockCorrectionRequest(string? Fin, string? DataSet, string? Comment, string? Reference);
