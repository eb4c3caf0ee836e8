using IntegrationHub.Hub.Engine.Audit;
using IntegrationHub.Hub.Security;

namespace IntegrationHub.Hub.Hosting;

/// <summary>
/// Development secrets stay in Development. The shipped settings are a development deployment: callers whose
/// keys are <c>dev-{name}-key</c> (published in the README), the development token issuer (its private key is in
/// the repository), the mock country in-process (sample people open to read, faults for anyone to set), and no
/// audit signing key (one is generated beside the log). In
/// any other environment the hub refuses to start while one of them is configured, naming each; a test
/// deployment may say it knows (<see cref="AcknowledgeSetting"/>), and is then warned at every start.
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
        ["assistance", "disability", "auditor", "citizen-portal", "caseworker", "clinic", "commission", "bank-of-baku", "call-centre", "operator", "tester"];

    /// <summary>Applies <see cref="DefaultEnvironmentVariable"/> when neither ASPNETCORE_ENVIRONMENT nor DOTNET_ENVIRONMENT is set.</summary>
    public static void ApplyDefaultEnvironment()
    {
        if (Environment.GetEnvironmentVariable(DefaultEnvironmentVariable) is not { Length: > 0 } fallback) return;
        if (Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is not null || Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is not null) return;
        Environment.SetEnvironmentVariable("ASPNETCORE_ENVIRONMENT", fallback);
    }

    /// <summary>
    /// Refuses to go on outside Development while development secrets are configured (throws
    /// <see cref="UnsafeDeploymentException"/>), unless acknowledged; then registers the warning logged at every start.
    /// Call it before anything starts (the in-process mocks start while the host is built).
    /// </summary>
    public static WebApplicationBuilder AddDeploymentGuard(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Environment.IsDevelopment()) return builder;
        var unsafeSettings = UnsafeSettings(builder.Configuration);
        if (unsafeSettings.Count == 0) return builder;
        if (!builder.Configuration.GetValue<bool>(AcknowledgeSetting))
        {
            throw new UnsafeDeploymentException(builder.Environment.EnvironmentName, unsafeSettings);
        }
        builder.Services.AddHostedService(sp => new UnsafeDeploymentWarning(
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DeploymentGuard).FullName!), builder.Environment.EnvironmentName, unsafeSettings));
        return builder;
    }

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
        if (configuration.GetValue<bool>(InProcessMocksOptions.SectionName + ":InProcess"))
        {
            found.Add($"{InProcessMocksOptions.SectionName}:InProcess=true: the synthetic mock country instead of the agencies' registries");
        }
        if (HostRoles.Parse(configuration[HostRoles.SettingName]).Hub && string.IsNullOrWhiteSpace(configuration[$"{AuditOptions.SectionName}:{nameof(AuditOptions.SigningKey)}"]))
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

/// <summary>The hub would run outside Development with development secrets; the message names each setting.</summary>
public sealed class UnsafeDeploymentException(string environment, IReadOnlyList<string> settings) : InvalidOperationException(Describe(environment, settings))
{
    public IReadOnlyList<string> Settings { get; } = settings;

    private static string Describe(string environment, IReadOnlyList<string> settings) =>
        $"The hub refuses to start in environment '{environment}' with development settings:{Environment.NewLine}"
        + string.Concat(settings.Select(s => "  - " + s + Environment.NewLine))
        + $"Replace them (docs/trust.md), or, for a test deployment only, set {DeploymentGuard.AcknowledgeSetting}=true.";
}
