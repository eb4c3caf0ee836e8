using IntegrationHub.Modules;

namespace IntegrationHub.Hub.Hosting;

/// <summary>How the host runs its modules: each selected by the <c>Roles</c> setting, each the same four parts (<see cref="IHubModule"/>).</summary>
public static class ModuleHosting
{
    /// <summary>
    /// The modules the <c>Roles</c> setting names (all of <paramref name="modules"/> when it is empty; an unknown name
    /// fails start-up), with their services and health checks added. Their consumers join the bus in
    /// <see cref="Messaging.MessagingExtensions.AddMessaging"/>, their endpoints in <see cref="MapModules"/>.
    /// </summary>
    public static IReadOnlyList<IHubModule> AddModules(this WebApplicationBuilder builder, params IHubModule[] modules)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var selected = HostRoles.Select(builder.Configuration[HostRoles.SettingName], modules);
        foreach (var module in selected) module.AddServices(builder);
        var checks = builder.Services.AddHealthChecks();
        foreach (var module in selected) module.AddHealthChecks(checks);
        return selected;
    }

    public static WebApplication MapModules(this WebApplication app, IReadOnlyList<IHubModule> modules)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var module in modules) module.MapEndpoints(app);
        return app;
    }
}
