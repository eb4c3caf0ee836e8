using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationHub.Hub.Tests.Api;

/// <summary>
/// Thousands of malformed requests to every operation that takes JSON (and random query values to every one that
/// takes a query): random bytes, truncated JSON, wrong types, huge strings, deep nesting, repeated keys, control
/// characters and broken UTF-8, odd content types. No answer is a 5xx, and every answer is one the OpenAPI
/// document lists for the operation. Seeded, so a failure repeats; the failure message shows the body.
/// </summary>
public sealed class FuzzTests(WholeApi api) : IClassFixture<WholeApi>
{
    private const int BodiesPerOperation = 350;
    private const int ValuesPerQueryParameter = 60;

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/json; charset=\"utf-8\"", "application/json; charset=ebcdic",
        "application/json; charset=utf-7", "application/json; charset=", "application/json;;", "application/json; charset", "text/plain",
        "application/x-www-form-urlencoded", "application/merge-patch+json", "application/json; boundary=x", "*/*", "application/",
    ];

    private static readonly string[] OddDocuments =
    [
        "", " ", "null", "true", "0", "-0", "1e400", "\"text\"", "[]", "[{}]", "{}", "{\"a\":NaN}", "{\"a\":Infinity}", "{'a':1}",
        "{\"a\":1,}", "{/*c*/}", "\uFEFF{}", "{\"\":{}}", "{\"applicant\":\"\\ud800\"}", "{\"applicant\":\"\\u0000\"}", "{\"a\":\"\\x41\"}",
    ];

    [Fact]
    public async Task MalformedBodies_OnEveryJsonOperation_NeverA5xx_AlwaysADocumentedAnswer()
    {
        var failures = new List<string>();
        var sent = 0;
        // The mock switchboard last: a fault it accepts (an agency down or slow) must not slow the others' cases.
        foreach (var operation in api.JsonOperations.OrderBy(o => o.OperationId == "SetMockFault"))
        {
            var random = new Random(2026 + operation.OperationId.Length * 31 + operation.OperationId[0]);
            var sample = WholeApi.SampleBodies[operation.OperationId];
            for (var i = 0; i < BodiesPerOperation; i++)
            {
                var (kind, body, contentType) = Malformed(sample, random, i);
                using var response = await api.SendAsync(operation, body, contentType);
                sent++;
                var problems = (int)response.StatusCode >= 500 ? [$"{operation}: {(int)response.StatusCode}"] : await api.Document.CheckAsync(operation, response);
                if (problems.Count > 0) failures.Add($"#{i} {kind} ({contentType}) {Preview(body)}{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}");
            }
        }
        using var heal = await api.Client.DeleteAsync("/mocks/faults", TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine($"{sent} malformed bodies sent, {failures.Count} answered wrongly");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent}:{Environment.NewLine}" + string.Join(Environment.NewLine, failures.Take(25)) + Environment.NewLine + api.Hub.ServerLog);
    }

    [Fact]
    public async Task RandomQueryValues_OnEveryOperationWithAQuery_NeverA5xx_AlwaysADocumentedAnswer()
    {
        var failures = new List<string>();
        var sent = 0;
        var random = new Random(2027);
        foreach (var operation in api.Document.Operations)
        {
            var names = (operation.Node["parameters"]?.AsArray() ?? []).Where(p => p!["in"]?.GetValue<string>() == "query").Select(p => p!["name"]!.GetValue<string>()).ToList();
            foreach (var name in names)
            {
                for (var i = 0; i < ValuesPerQueryParameter; i++)
                {
                    var value = QueryValue(random, i);
                    var path = WholeApi.PathOf(operation) + "?" + name + "=" + Uri.EscapeDataString(value);
                    using var request = api.Request(operation, path);
                    using var response = await api.Client.SendAsync(request, TestContext.Current.CancellationToken);
                    sent++;
                    var problems = (int)response.StatusCode >= 500 ? [$"{operation}: {(int)response.StatusCode}"] : await api.Document.CheckAsync(operation, response);
                    if (problems.Count > 0) failures.Add($"{name}={value}: {string.Join("; ", problems)}");
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{sent} query values sent, {failures.Count} answered wrongly");
        Assert.True(sent > 0);
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent}:{Environment.NewLine}" + string.Join(Environment.NewLine, failures.Take(25)));
    }

    private static (string Kind, byte[] Body, string ContentType) Malformed(string sample, Random random, int i)
    {
        var utf8 = Encoding.UTF8;
        switch (i % 10)
        {
            case 0:
                var bytes = new byte[random.Next(0, 300)];
                random.NextBytes(bytes);
                return ("random bytes", bytes, "application/json");
            case 1:
                return ("truncated", utf8.GetBytes(sample[..random.Next(0, sample.Length)]), "application/json");
            case 2:
                return ("wrong type", utf8.GetBytes(Replace(sample, random, _ => WrongValue(random))), "application/json");
            case 3:
                var huge = new string((char)random.Next('A', 'Z' + 1), random.Next(100_000, 300_000));
                return ("huge string", utf8.GetBytes(Replace(sample, random, _ => JsonValue.Create(huge))), "application/json");
            case 4:
                var depth = random.Next(65, 5000);
                var open = random.Next(2) == 0 ? "[" : "{\"a\":";
                return ($"nesting {depth}", utf8.GetBytes(string.Concat(Enumerable.Repeat(open, depth))), "application/json");
            case 5:
                var duplicated = sample.TrimEnd('}') + "," + sample.TrimStart('{');
                return ("keys given twice", utf8.GetBytes(duplicated), "application/json");
            case 6:
                return ("control or broken UTF-8", Corrupt(utf8.GetBytes(sample), random), "application/json");
            case 7:
                return ("odd document", utf8.GetBytes(OddDocuments[random.Next(OddDocuments.Length)]), "application/json");
            case 8:
                return ("content type", utf8.GetBytes(sample), ContentTypes[random.Next(ContentTypes.Length)]);
            default:
                return ("extreme number", utf8.GetBytes(Replace(sample, random, _ => JsonNode.Parse(ExtremeNumbers[random.Next(ExtremeNumbers.Length)]))), "application/json");
        }
    }

    private static readonly string[] ExtremeNumbers = ["1e308", "-1e308", "2147483648", "-2147483649", "9223372036854775808", "0.0000000001", "-0", "12345678901234567890.5", "1E+2"];

    private static JsonNode? WrongValue(Random random) => random.Next(9) switch
    {
        0 => JsonValue.Create(42),
        1 => JsonValue.Create(true),
        2 => null,
        3 => new JsonArray(JsonValue.Create("x")),
        4 => new JsonObject { ["x"] = 1 },
        5 => JsonValue.Create("Spouse,Child"),
        6 => JsonValue.Create("0001-01-01"),
        7 => JsonValue.Create(-1.5),
        _ => JsonValue.Create("\u202E\r\n\0"),
    };

    /// <summary>The sample with one value somewhere in it (at any depth) replaced.</summary>
    private static string Replace(string sample, Random random, Func<JsonNode?, JsonNode?> replacement)
    {
        var root = JsonNode.Parse(sample)!;
        var slots = new List<(JsonNode Parent, object Key)>();
        void Walk(JsonNode node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, child) in o.ToList())
                    {
                        slots.Add((o, key));
                        if (child is not null) Walk(child);
                    }
                    break;
                case JsonArray a:
                    for (var k = 0; k < a.Count; k++)
                    {
                        slots.Add((a, k));
                        if (a[k] is { } child) Walk(child);
                    }
                    break;
            }
        }
        Walk(root);
        var (parent, slot) = slots[random.Next(slots.Count)];
        if (parent is JsonObject obj) obj[(string)slot] = replacement(obj[(string)slot]);
        else ((JsonArray)parent)[(int)slot] = replacement(((JsonArray)parent)[(int)slot]);
        return root.ToJsonString();
    }

    /// <summary>A control character, a bidi control, a lone UTF-8 continuation byte or an encoded surrogate, inside the body.</summary>
    private static byte[] Corrupt(byte[] body, Random random)
    {
        byte[][] inserts = [[0x00], [0x0A], [0x1B], [0xE2, 0x80, 0xAE], [0x80], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xFF, 0xFE], [0xF4, 0x90, 0x80, 0x80]];
        var at = random.Next(1, body.Length);
        return [.. body[..at], .. inserts[random.Next(inserts.Length)], .. body[at..]];
    }

    private static string QueryValue(Random random, int i) => (i % 6) switch
    {
        0 => new[] { "0001-01", "9999-12", "2026-13", "0000-00", "-1", "0", "2147483647", "-2147483648", "99999999999", "1e9" }[random.Next(10)],
        1 => new[] { "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "not-a-date", "2026-02-30", "" }[random.Next(5)],
        2 => new string((char)random.Next(0x20, 0x7F), random.Next(1, 5000)),
        3 => "\u202E\r\n\0%",
        4 => random.Next(int.MinValue, int.MaxValue).ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
    };

    private static string Preview(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 160));
        return (body.Length > 160 ? text + $"… ({body.Length} bytes)" : text).ReplaceLineEndings("⏎");
    }
}
