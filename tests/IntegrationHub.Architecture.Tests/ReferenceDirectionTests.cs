using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Xml.Linq;
using NetArchTest.Rules;

namespace IntegrationHub.Architecture.Tests;

/// <summary>
/// The references point one way. Contracts knows nothing; Adapters knows Contracts; the hub engine knows Contracts,
/// Adapters, Storage and Statistics, and no module, mock, host, bus or ASP.NET Core; the shared infrastructure (Storage, Web,
/// Modules, Statistics) knows Contracts at most, Statistics and Extracts (the extract mechanism) Storage only; a module (every project under Subsystems/) knows Contracts and the shared
/// infrastructure, and no engine, host, adapter or other module; Mocks knows nothing of ours (an independent
/// implementation of each agency's API). The host (Hub) knows them all. Checked twice: in the project files (what
/// may be referenced) and in the compiled assemblies (what is used: referenced assemblies and namespaces).
/// </summary>
public sealed class ReferenceDirectionTests
{
    private static readonly string Root = FindRoot();

    private const string Contracts = "IntegrationHub.Contracts";
    private const string Adapters = "IntegrationHub.Adapters";
    private const string Host = "IntegrationHub.Hub";
    private const string Engine = "IntegrationHub.Hub.Engine";
    private const string Mocks = "IntegrationHub.Mocks";
    private const string Storage = "IntegrationHub.Storage";
    private const string StoragePostgres = "IntegrationHub.Storage.Postgres";
    private const string Web = "IntegrationHub.Web";
    private const string ModuleKit = "IntegrationHub.Modules";
    private const string Extracts = "IntegrationHub.Extracts";
    private const string Statistics = "IntegrationHub.Statistics";

    /// <summary>What no library may use: the bus, ASP.NET Core, WireMock (assembly name prefixes).</summary>
    private static readonly string[] Bus = ["MassTransit"];
    private static readonly string[] AspNetCore = ["Microsoft.AspNetCore"];
    private static readonly string[] WireMock = ["WireMock"];
    private static readonly string[] Npgsql = ["Npgsql"];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("IntegrationHub.sln not found above the test binaries.");
    }

    private static XDocument Load(string csproj) => XDocument.Load(Path.Combine(Root, csproj));

    private static IReadOnlyList<string> ProjectReferences(string csproj) =>
        Load(csproj).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();

    private static IEnumerable<string> Projects(string folder) =>
        Directory.Exists(Path.Combine(Root, folder))
            ? Directory.EnumerateFiles(Path.Combine(Root, folder), "*.csproj", SearchOption.AllDirectories)
                .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'))
            : [];

    /// <summary>The modules: every project under Subsystems/, by assembly name.</summary>
    private static IReadOnlyList<string> ModuleAssemblies() =>
        Projects("Subsystems").Select(Path.GetFileNameWithoutExtension).Select(n => n!).Order(StringComparer.Ordinal).ToList();

    /// <summary>Each of our assemblies, and the ones of ours it may use.</summary>
    private static IReadOnlyDictionary<string, string[]> Allowed()
    {
        var rules = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [Contracts] = [],
            [Adapters] = [Contracts],
            [Mocks] = [],
            [Engine] = [Contracts, Adapters, Storage, StoragePostgres, Statistics],
            [Storage] = [],
            [StoragePostgres] = [Storage],
            [Web] = [],
            [ModuleKit] = [Contracts],
            [Extracts] = [Storage],
            [Statistics] = [Storage, StoragePostgres],
        };
        foreach (var module in ModuleAssemblies()) rules[module] = [Contracts, Storage, StoragePostgres, Web, ModuleKit, Extracts, Statistics];
        return rules;
    }

    private static IEnumerable<string> Ours() => Allowed().Keys.Append(Host);

    public static TheoryData<string> Rules() => new(Allowed().Keys.Order(StringComparer.Ordinal));

    private static string ProjectFile(string assembly) =>
        Projects(".").Single(p => Path.GetFileNameWithoutExtension(p) == assembly && !p.StartsWith("tests/", StringComparison.Ordinal) && !p.StartsWith("bench/", StringComparison.Ordinal));

    /// <summary>External assemblies (by name prefix) the assembly must not use.</summary>
    /// <remarks>
    /// Npgsql (the PostgreSQL provider) only where a store on PostgreSQL lives: the provider's plumbing
    /// (Storage.Postgres), the engine (audit, life-event inbox), Statistics, the modules and the host; never in Storage, which stays
    /// the embedded default with nothing to install, nor in Contracts, Adapters, Web, Modules, Extracts or Mocks.
    /// </remarks>
    private static string[] ForbiddenExternal(string assembly) => assembly switch
    {
        Contracts => [.. Bus, .. AspNetCore, .. WireMock, .. Npgsql, "Refit", "LiteDB", "Microsoft.Extensions"],
        Storage or Extracts => [.. Bus, .. AspNetCore, .. WireMock, .. Npgsql],
        Engine or StoragePostgres or Statistics => [.. Bus, .. AspNetCore, .. WireMock],
        Mocks => [.. Bus, .. Npgsql],
        Adapters or Web or ModuleKit => [.. WireMock, .. Npgsql],
        _ => [.. WireMock],
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void ProjectFile_ReferencesOnlyWhatItsRuleAllows(string assembly)
    {
        var project = ProjectFile(assembly);
        var allowed = Allowed()[assembly];

        Assert.All(ProjectReferences(project), r => Assert.Contains(r, allowed));
        var packages = Load(project).Descendants("PackageReference").Select(p => p.Attribute("Include")!.Value)
            .Concat(Load(project).Descendants("FrameworkReference").Select(f => f.Attribute("Include")!.Value)).ToList();
        Assert.All(packages, p => Assert.DoesNotContain(ForbiddenExternal(assembly), f => p.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public void Contracts_ReferencesNoProjectAndNoPackage()
    {
        var project = Load("Contracts/IntegrationHub.Contracts.csproj");
        Assert.Empty(project.Descendants("ProjectReference"));
        Assert.Empty(project.Descendants("PackageReference"));
        Assert.Empty(project.Descendants("FrameworkReference"));
    }

    [Fact]
    public void Modules_AreTheProjectsUnderSubsystems_AndTheHostRunsEach()
    {
        var modules = ModuleAssemblies();
        Assert.Contains("IntegrationHub.Assistance", modules);
        Assert.Contains("IntegrationHub.Disability", modules);
        Assert.All(modules, m => Assert.Contains(m, ProjectReferences("Hub/IntegrationHub.Hub.csproj")));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void CompiledAssembly_ReferencesNoAssemblyItsRuleForbids(string assembly)
    {
        var ours = Ours().Except(Allowed()[assembly]).Where(a => a != assembly).ToHashSet(StringComparer.Ordinal);
        var external = ForbiddenExternal(assembly);

        var referenced = Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!).ToList();

        var wrong = referenced.Where(r => ours.Contains(r) || external.Any(e => r.StartsWith(e, StringComparison.Ordinal))).ToList();
        Assert.True(wrong.Count == 0, $"{assembly} references {string.Join(", ", wrong)}");
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void CompiledTypes_UseNoNamespaceItsRuleForbids(string assembly)
    {
        // The host's namespaces are IntegrationHub.Hub.* like the engine's: the engine is held off them one by one.
        var ours = assembly == Engine
            ? Ours().Where(o => o != Host).Concat(HostNamespaces())
            : Ours().Where(o => o != Engine);
        var forbidden = ours.Except(Allowed()[assembly]).Where(a => a != assembly).Concat(ForbiddenExternal(assembly)).Distinct().ToArray();

        var result = Types.InAssembly(Assembly.Load(assembly)).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful, $"{assembly} uses one of {string.Join(", ", forbidden)} in: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    /// <summary>The namespaces of the host's own types (none of them the engine's: see <see cref="PublicTypes_LiveInTheirAssemblysNamespace"/>).</summary>
    private static IReadOnlyList<string> HostNamespaces() =>
        Assembly.Load(Host).GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith(Host + ".", StringComparison.Ordinal)).Distinct().ToList();

    /// <summary>Namespaces follow projects, so the namespace rules above say which project a type is in.</summary>
    [Theory]
    [MemberData(nameof(Rules))]
    [InlineData(Host)]
    public void PublicTypes_LiveInTheirAssemblysNamespace(string assembly)
    {
        var types = Assembly.Load(assembly).GetExportedTypes().Where(t => t.Name != "Program").ToList();

        Assert.NotEmpty(types);
        Assert.All(types, t => Assert.StartsWith(assembly + ".", t.Namespace + ".", StringComparison.Ordinal));
        if (assembly == Host) Assert.All(types, t => Assert.DoesNotContain(Engine, t.Namespace, StringComparison.Ordinal));
    }

    /// <summary>
    /// WireMock does not ship: the host's Release build (what <c>dotnet publish</c> makes) references no Mocks and
    /// compiles no code that uses them; the Debug build (<c>dotnet run</c>, the tests) has the mock country.
    /// </summary>
    [Theory]
    [InlineData("Release", false)]
    [InlineData("Debug", true)]
    public void HostProject_MockCountryOnlyInTheDebugBuild(string configuration, bool mocks)
    {
        using var evaluation = Evaluate("Hub/IntegrationHub.Hub.csproj", configuration);
        var items = evaluation.RootElement.GetProperty("Items");

        var references = items.GetProperty("ProjectReference").EnumerateArray().Select(i => i.GetProperty("Identity").GetString()!.Replace('\\', '/')).ToList();
        var compiled = items.GetProperty("Compile").EnumerateArray().Select(i => i.GetProperty("Identity").GetString()!.Replace('\\', '/')).ToList();

        Assert.Equal(mocks ? "true" : "false", evaluation.RootElement.GetProperty("Properties").GetProperty("InProcessMocks").GetString());
        Assert.Equal(mocks, references.Any(r => r.EndsWith("/IntegrationHub.Mocks.csproj", StringComparison.Ordinal)));
        Assert.Equal(mocks, compiled.Contains("Hosting/InProcessMocks.cs"));
        Assert.Equal(!mocks, compiled.Contains("Hosting/InProcessMocks.Absent.cs"));
    }

    /// <summary>In the host, only the in-process mock country (compiled into Debug builds alone) uses the Mocks.</summary>
    [Fact]
    public void HostTypes_OnlyTheInProcessMockCountryUsesTheMocks()
    {
        var users = Types.InAssembly(Assembly.Load(Host)).That().HaveDependencyOn(Mocks).GetTypes().Select(t => t.FullName!).ToList();

        Assert.NotEmpty(users);
        Assert.All(users, t => Assert.StartsWith("IntegrationHub.Hub.Hosting.InProcessMocks", t, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryProductProject_IsInTheSolution()
    {
        var solution = File.ReadAllText(Path.Combine(Root, "IntegrationHub.sln"));
        var projects = new[] { "Contracts", "Adapters", "Hub", "Mocks", "Subsystems", "tests" }.SelectMany(Projects).ToList();
        Assert.NotEmpty(projects);
        Assert.All(projects, p => Assert.Contains(Path.GetFileName(p), solution, StringComparison.Ordinal));
    }

    /// <summary>The project as MSBuild evaluates it for <paramref name="configuration"/> (no build, no restore).</summary>
    private static JsonDocument Evaluate(string csproj, string configuration)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Root };
        foreach (var arg in new[] { "msbuild", csproj, "-getItem:ProjectReference", "-getItem:Compile", "-getProperty:InProcessMocks", $"-p:Configuration={configuration}", "-nologo" })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        // Both streams read at once (one read after the other can fill the other's pipe and stall), and the wait is bounded.
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), $"dotnet msbuild {csproj} did not exit within 3 minutes");
        Assert.True(process.ExitCode == 0, $"dotnet msbuild {csproj} failed: {error.GetAwaiter().GetResult()}{output.GetAwaiter().GetResult()}");
        return JsonDocument.Parse(output.GetAwaiter().GetResult());
    }
}
