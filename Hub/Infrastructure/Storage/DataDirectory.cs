using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Storage;

/// <summary>Where every module keeps its files: setting <c>Storage:DataDirectory</c>, default <c>./data</c>.</summary>
public static class DataDirectory
{
    public const string SettingName = "Storage:DataDirectory";

    public static string Of(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Path.GetFullPath(configuration[SettingName] is { Length: > 0 } configured ? configured : "data");
    }

    /// <summary>The full path of <paramref name="fileName"/> in the data directory.</summary>
    public static string File(IConfiguration configuration, string fileName) => Path.Combine(Of(configuration), fileName);
}
