using IntegrationHub.Hub.Engine.Audit;
using IntegrationHub.Hub.Engine.LifeEvents;
using IntegrationHub.Hub.Security;

namespace IntegrationHub.Hub.Hosting;

/// <summary>
/// Development secrets stay in Development. The shipped settings are a development deployment: callers whose
/// keys are <c>dev-{name}-key</c> (published in the README), the development token issuer (its private key is in
/// the repository), the mock agencies' event keys (their private halves too), the mock country in-process (sample people open to read, faults for anyone to set), and no
/// audit signing key (one is generated beside the log). In
/// any other environment the hub refuses to start while one of them is configured, naming each; a test
/// deployment may say it knows (<see cref="AcknowledgeSetting"/>), and is then warned at every start. In any
/// environment it refuses <c>Mocks:InProcess=true</c> in a build without the mock country (<see cref="InProcessMocks.Available"/>).
/// A refusal is a message on standard error and exit code 1, not an exception: it is the answer to a setting, not a fault.
/// </summary>
public static partial class DeploymentGuard
{
    public const string AcknowledgeSetting = "Trust:AllowUnsafeTestDeployment";

    /// <summary>
    /// Set by the launch profile (<c>dotnet run</c>): the environment when none is given. The launch profile's
    /// own variables override the shell's, so it must not set <c>ASPNETCORE_ENVIRONMENT</c> itself, or
    /// <c>ASPNETCORE_ENVIRONMENT=Production dotnet run --project Hub</c> would still run as Development.
    /// </summary>
    public const string DefaultEnvironmentVariable = "INTEGRATIONHUB_DEFAULT_ENVIRONMENT";

    /// <summary>Callers the hub ever shipped with a development key (some are people now, and have tokens).</summary>
    private static readonly string[] ShippedCallers =
        ["assistance", "disability", "auditor", "citizen-portal", "caseworker", "clinic", "commission", "bank-of-baku", "call-centre", "operator", "tester",
            "hub", "sample-employer"];

    /// <summary>Applies <see cref="DefaultEnvironmentVariable"/> when neither ASPNETCORE_ENVIRONMENT nor DOTNET_ENVIRONMENT is set.</summary>
    public static void ApplyDefaultEnvironment()
    {
        if (Environment.GetEnvironmentVariable(DefaultEnvironmentVariable) is not { Length: > 0 } fallback) return;
        if (Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is not null || Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is not null) return;
        Environment.SetEnvironmentVariable("ASPNETCORE_ENVIRONMENT", fallback);
    }

    /// <summary>The refusal of <c>Mocks:InProcess=true</c> by a build without the mock country.</summary>
    public const string NoMockCountry =
        $"{InProcessMocksOptions.SectionName}:InProcess=true, but this build of the hub carries no mock country (a Release build, as dotnet publish makes, leaves WireMock out). "
        + $"Set {InProcessMocksOptions.SectionName}:InProcess=false and give every Agencies:{{key}}:BaseAddress, or run a Debug build (dotnet run --project Hub).";

    /// <summary>
    /// False, having written why to <paramref name="error"/>, when the hub must not start: outside Development with
    /// development secrets configured and not acknowledged, or in-process mocks asked of a build without them.
    /// True otherwise, with the warning logged at every start registered when the secrets are acknowledged. Call it
    /// before anything starts (the in-process mocks start while the modules are added).
    /// </summary>
    public static bool PassesDeploymentGuard(this WebApplicationBuilder builder, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(error);
        if (Refusal(builder.Configuration, builder.Environment, InProcessMocks.Available) is { } refusal)
        {
            error.WriteLine(refusal);
            return false;
        }
        // Not refused outside Development with development settings: acknowledged, and said at every start.
        if (!builder.Environment.IsDevelopment() && UnsafeSettings(builder.Configuration) is { Count: > 0 } acknowledged)
        {
            builder.Services.AddHostedService(sp => new UnsafeDeploymentWarning(
                sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DeploymentGuard).FullName!), builder.Environment.EnvironmentName, acknowledged));
        }
        return true;
    }

    /// <summary>Why the hub must not start with <paramref name="configuration"/> in <paramref name="environment"/>; null when it may.</summary>
    /// <param name="mockCountryInBuild">Whether this build carries the mock country (<see cref="InProcessMocks.Available"/>).</param>
    public static string? Refusal(IConfiguration configuration, IHostEnvironment environment, bool mockCountryInBuild)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var refusals = new List<string>();
        if (!mockCountryInBuild && InProcessMocksOptions.Read(configuration).InProcess) refusals.Add(NoMockCountry);
        if (!environment.IsDevelopment() && !configuration.GetValue<bool>(AcknowledgeSetting) && UnsafeSettings(configuration) is { Count: > 0 } unsafeSettings)
        {
            refusals.Add(Describe(environment.EnvironmentName, unsafeSettings));
        }
        return refusals.Count == 0 ? null : string.Join(Environment.NewLine, refusals);
    }

    private static string Describe(string environment, IReadOnlyList<string> settings) =>
        $"The hub refuses to start in environment '{environment}' with development settings:{Environment.NewLine}"
        + string.Concat(settings.Select(s => "  - " + s + Environment.NewLine))
        + $"Replace them (docs/trust.md), or, for a test deployment only, set {AcknowledgeSetting}=true.";

    /// <summary>Every development secret in <paramref name="configuration"/>, each as "setting: why".</summary>
    public static IReadOnlyList<string> UnsafeSettings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var found = new List<string>();
        var callers = configuration.GetSection(CallersOptions.SectionName).GetChildren().ToList();
        var developmentHashes = ShippedCallers.Concat(callers.Select(c => c.Key))
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(name => ApiKeyAuthenticationHandler.Hash($"dev-{name}-key"), name => $"dev-{name}-key", StringComparer.Ordinal);
        foreach (var caller in callers)
        {
            foreach (var hash in caller.GetSection("KeyHashes").GetChildren())
            {
                if (hash.Value is not null && developmentHashes.TryGetValue(hash.Value.Trim().ToLowerInvariant(), out var key))
                {
                    found.Add($"{hash.Path}: the hash of the development key '{key}', published in the README");
                }
            }
        }
        foreach (var key in configuration.GetSection(PersonTokenOptions.SectionName + ":SigningKeys").GetChildren())
        {
            if (DevelopmentTokens.IsDevelopmentKey(key["PublicKey"]))
            {
                found.Add($"{key.Path}:PublicKey: the development token issuer's key, whose private half is in the repository (anyone can sign in as anyone)");
            }
        }
        foreach (var source in configuration.GetSection(LifeEventOptions.SectionName + ":Sources").GetChildren())
        {
            foreach (var key in source.GetSection("Keys").GetChildren())
            {
                if (DevelopmentEventKeys.IsDevelopmentKey(key["PublicKey"]))
                {
                    found.Add($"{key.Path}:PublicKey: a mock agency's event key, whose private half is in the repository (anyone can report births and deaths as that agency)");
                }
            }
        }
        if (configuration.GetValue<bool>(InProcessMocksOptions.SectionName + ":InProcess"))
        {
            found.Add($"{InProcessMocksOptions.SectionName}:InProcess=true: the synthetic mock country instead of the agencies' registries");
        }
        if (HostRoles.Includes(configuration[HostRoles.SettingName], HubModule.RoleName) && string.IsNullOrWhiteSpace(configuration[$"{AuditOptions.SectionName}:{nameof(AuditOptions.SigningKey)}"]))
        {
            found.Add($"{AuditOptions.SectionName}:{nameof(AuditOptions.SigningKey)} is empty: audit checkpoints would be signed with a key generated into the data directory, beside the log it vouches for (whoever can edit the log could re-sign it)");
        }
        return found;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unsafe test deployment acknowledged ({Setting}=true) in environment {Environment}; development settings in use: {Settings}")]
    private static partial void LogUnsafe(ILogger logger, string setting, string environment, string settings);

    private sealed class UnsafeDeploymentWarning(ILogger logger, string environment, IReadOnlyList<string> settings) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            LogUnsafe(logger, AcknowledgeSetting, environment, string.Join("; ", settings));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
