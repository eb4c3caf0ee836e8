using System.Text.RegularExpressions;

namespace IntegrationHub.Adapters.Tests.Common;

/// <summary>
/// An agency's page in docs/agencies/ (copied next to the tests): its text and its JSON examples, so that a contract
/// test serves what the document shows, not what a test author remembers of it.
/// </summary>
internal sealed partial class AgencyDocument
{
    private AgencyDocument(string key, string text)
    {
        Key = key;
        Text = text;
        Examples = JsonBlock().Matches(text).Select(m => m.Groups["json"].Value).ToList();
    }

    public string Key { get; }

    public string Text { get; }

    /// <summary>The page's <c>```json</c> blocks, in order.</summary>
    public IReadOnlyList<string> Examples { get; }

    public static AgencyDocument Load(string key) =>
        new(key, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "agencies", key + ".md")));

    /// <summary>The one example that contains <paramref name="marker"/> (e.g. a property name only that answer has).</summary>
    public string Example(string marker)
    {
        var matches = Examples.Where(e => e.Contains(marker, StringComparison.Ordinal)).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"docs/agencies/{Key}.md has {matches.Count} JSON examples containing '{marker}', not one.");
    }

    /// <summary>
    /// The example that answers <paramref name="request"/> (the request line the page shows above it, e.g.
    /// <c>GET /billing/v1/addresses/AD51704932/charges</c>): for answers of one shape to several calls.
    /// </summary>
    public string ExampleAfter(string request)
    {
        var at = Text.IndexOf(request, StringComparison.Ordinal);
        var block = at < 0 ? Match.Empty : JsonBlock().Match(Text, at);
        return block.Success
            ? block.Groups["json"].Value
            : throw new InvalidOperationException($"docs/agencies/{Key}.md shows no JSON example after '{request}'.");
    }

    /// <summary>The example that answers <paramref name="request"/>, as a tree.</summary>
    public JsonObject ExampleNodeAfter(string request) => JsonNode.Parse(ExampleAfter(request))!.AsObject();

    /// <summary>The example as a tree, to change one field and serve the rest as documented.</summary>
    public JsonObject ExampleNode(string marker) => JsonNode.Parse(Example(marker))!.AsObject();

    /// <summary>Fails unless the page names each code as <c>`CODE`</c>: a test may only serve what the document lists.</summary>
    public void AssertLists(params IEnumerable<string> codes)
    {
        foreach (var code in codes)
        {
            Assert.True(Text.Contains($"`{code}`", StringComparison.Ordinal), $"docs/agencies/{Key}.md does not list `{code}`");
        }
    }

    [GeneratedRegex("```json\\s*\\n(?<json>.*?)\\n```", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex JsonBlock();
}
