namespace IntegrationHub.Tests.Shared;

/// <summary>
/// A new directory of a test's own under the system's temp directory, deleted with all it holds when disposed. A file
/// a process still holds open (a store a test left running, a killed child's handle) leaves the directory behind for
/// the system to clean, rather than failing the test after its assertions passed.
/// </summary>
public sealed class ScratchDirectory(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>The path of <paramref name="name"/> inside the directory.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public override string ToString() => Path;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
