using System.Globalization;
using System.Text.RegularExpressions;
using IntegrationHub.Adapters.Common;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hub.Tests.Hosting;

/// <summary>The settings the hub ships with (Hub/appsettings.json), as an operator would read them.</summary>
public sealed partial class ShippedSettingsTests
{
    /// <summary>
    /// .NET reads "24:00:00" as 24 days, not 24 hours (hours past 23 are taken for days): a duration meant in hours
    /// must be written "1.00:00:00". Every duration in the file is checked.
    /// </summary>
    [Fact]
    public void Durations_NoneWithHoursPast23()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var durations = new List<(string Path, string Value)>();
        Collect(json.RootElement, "", durations);

        Assert.NotEmpty(durations);
        var misread = durations.Where(d => int.Parse(Duration().Match(d.Value).Groups["hours"].Value, CultureInfo.InvariantCulture) > 23).ToList();
        Assert.True(misread.Count == 0, "read as days, not hours: " + string.Join(", ", misread.Select(d => $"{d.Path}={d.Value}")));
    }

    [Fact]
    public async Task Agencies_StaleAnswersStandInForADay()
    {
        await using var hub = new Infrastructure.HubFactory(new Dictionary<string, string?>(), households: 30);
        var agencies = hub.Services.GetRequiredService<IOptionsMonitor<AgencyOptions>>();

        Assert.Equal(TimeSpan.FromDays(1), agencies.Get("tax").StaleLifetime);
    }

    private static void Collect(JsonElement element, string path, List<(string, string)> durations)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject()) Collect(p.Value, path.Length == 0 ? p.Name : path + ":" + p.Name, durations);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray()) Collect(item, $"{path}:{i++}", durations);
                break;
            case JsonValueKind.String when Duration().IsMatch(element.GetString()!):
                durations.Add((path, element.GetString()!));
                break;
        }
    }

    [GeneratedRegex(@"^(\d+\.)?(?<hours>\d{2}):\d{2}:\d{2}(\.\d+)?$")]
    private static partial Regex Duration();
}
