using System.Diagnostics;

namespace IntegrationHub.Hub.Hosting;

/// <summary>
/// A build without the mock country (<c>InProcessMocks=false</c>: Release, as <c>dotnet publish</c> makes), so no
/// WireMock ships in the binary. The production guard refuses <c>Mocks:InProcess=true</c> in such a build before
/// anything starts (<see cref="DeploymentGuard"/>); this stands in for InProcessMocks.cs.
/// </summary>
public sealed class InProcessMocks
{
    /// <summary>This build carries no mock country.</summary>
    public const bool Available = false;

    private InProcessMocks()
    {
    }

    /// <summary>Null: there is no mock country to start (the guard has refused <c>Mocks:InProcess=true</c> already).</summary>
    public static InProcessMocks? Start(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return InProcessMocksOptions.Read(builder.Configuration).InProcess
            ? throw new InvalidOperationException(DeploymentGuard.NoMockCountry)
            : null;
    }

    public void Map(WebApplication app) => throw new UnreachableException("A build without the mock country never has an instance to map.");
}
