using System.Reflection;
using System.Xml.Linq;
using NetArchTest.Rules;

namespace IntegrationHub.Architecture.Tests;

/// <summary>
/// The references point one way: Contracts depends on nothing; Adapters on Contracts only; Subsystems on
/// Contracts only; Mocks on nothing of ours (an independent implementation of each agency's API).
/// Checked twice: in the project files (what may be referenced) and in the compiled types (what is used).
/// </summary>
public sealed class ReferenceDirectionTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("IntegrationHub.sln not found above the test binaries.");
    }

    private static IReadOnlyList<string> ProjectReferences(string csproj) =>
        XDocument.Load(Path.Combine(Root, csproj)).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();

    private static IEnumerable<string> Projects(string folder) =>
        Directory.Exists(Path.Combine(Root, folder))
            ? Directory.EnumerateFiles(Path.Combine(Root, folder), "*.csproj", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(Root, p))
            : [];

    [Fact]
    public void Contracts_ReferencesNoProjectAndNoPackage()
    {
        var project = XDocument.Load(Path.Combine(Root, "Contracts/IntegrationHub.Contracts.csproj"));
        Assert.Empty(project.Descendants("ProjectReference"));
        Assert.Empty(project.Descendants("PackageReference"));
    }

    [Fact]
    public void Adapters_ReferenceOnlyContracts()
    {
        foreach (var project in Projects("Adapters"))
        {
            Assert.All(ProjectReferences(project), r => Assert.Equal("IntegrationHub.Contracts", r));
        }
    }

    [Fact]
    public void Mocks_ReferenceNoProjectOfOurs()
    {
        Assert.All(Projects("Mocks"), p => Assert.Empty(ProjectReferences(p)));
    }

    [Fact]
    public void Subsystems_ReferenceOnlyContractsAndTheirSharedLibrary()
    {
        var projects = Projects("Subsystems").ToList();
        Assert.Contains(projects, p => p.EndsWith("IntegrationHub.Assistance.csproj", StringComparison.Ordinal));
        foreach (var project in projects)
        {
            Assert.All(ProjectReferences(project), r => Assert.Contains(r, new[] { "IntegrationHub.Contracts", "IntegrationHub.Modules", "IntegrationHub.Storage", "IntegrationHub.Web" }));
        }
        Assert.Equal(["IntegrationHub.Contracts"], ProjectReferences("Hub/Infrastructure/Modules/IntegrationHub.Modules.csproj"));
    }

    [Fact]
    public void EveryProductProject_IsInTheSolution()
    {
        var solution = File.ReadAllText(Path.Combine(Root, "IntegrationHub.sln"));
        var projects = new[] { "Contracts", "Adapters", "Hub", "Mocks", "Subsystems", "tests" }.SelectMany(Projects).ToList();
        Assert.NotEmpty(projects);
        Assert.All(projects, p => Assert.Contains(Path.GetFileName(p), solution, StringComparison.Ordinal));
    }

    public static readonly TheoryData<string, string[]> CompiledRules = new()
    {
        { "IntegrationHub.Contracts", ["IntegrationHub.Adapters", "IntegrationHub.Hub", "IntegrationHub.Mocks", "IntegrationHub.Subsystems"] },
        { "IntegrationHub.Adapters", ["IntegrationHub.Hub", "IntegrationHub.Mocks", "IntegrationHub.Subsystems"] },
        { "IntegrationHub.Mocks", ["IntegrationHub.Hub", "IntegrationHub.Adapters", "IntegrationHub.Contracts", "IntegrationHub.Subsystems"] },
        // Modules never call each other's code, nor the hub's: only Contracts messages cross.
        { "IntegrationHub.Assistance", ["IntegrationHub.Hub", "IntegrationHub.Adapters", "IntegrationHub.Mocks", "IntegrationHub.Disability"] },
        { "IntegrationHub.Disability", ["IntegrationHub.Hub", "IntegrationHub.Adapters", "IntegrationHub.Mocks", "IntegrationHub.Assistance"] },
        { "IntegrationHub.Modules", ["IntegrationHub.Hub", "IntegrationHub.Adapters", "IntegrationHub.Mocks", "IntegrationHub.Assistance", "IntegrationHub.Disability"] },
    };

    [Theory]
    [MemberData(nameof(CompiledRules))]
    public void CompiledTypes_DoNotUseForbiddenNamespaces(string assembly, string[] forbidden)
    {
        var result = Types.InAssembly(Assembly.Load(assembly)).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful, $"{assembly} uses {string.Join(", ", forbidden)} in: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
