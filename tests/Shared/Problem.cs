using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Tests.Shared;

/// <summary>What a problem-details body says.</summary>
public sealed record Problem(int Status, string Title, string? Detail, string Type, string Code, string? Field)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Members beyond the standard ones (a problem's own extensions).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    public static async Task<Problem> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<Problem>(Json, TestContext.Current.CancellationToken))!;
}
