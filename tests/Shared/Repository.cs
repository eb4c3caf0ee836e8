namespace IntegrationHub.Tests.Shared;

/// <summary>The repository's files (docs, scripts) as the tests read them: found above the test binaries.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("IntegrationHub.sln not found above " + AppContext.BaseDirectory);
    }
}
