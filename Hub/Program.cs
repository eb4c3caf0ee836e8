using IntegrationHub.Assistance;
using IntegrationHub.Disability;
using IntegrationHub.Hub.Api;
using IntegrationHub.Hub.Engine.Audit;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Hub.Messaging;
using IntegrationHub.Hub.Operations;
using IntegrationHub.Hub.Security;
using Scalar.AspNetCore;

if (AuditCommand.TryRun(args) || TokenCommand.TryRun(args)) return;

DeploymentGuard.ApplyDefaultEnvironment();
var builder = WebApplication.CreateBuilder(args);
builder.AddDeploymentGuard();
var roles = HostRoles.Parse(builder.Configuration[HostRoles.SettingName]);

builder.AddHubDefaults();
builder.AddOperations(roles.Hub);
if (roles.Hub)
{
    builder.AddInProcessMocks();
    builder.AddHubModule();
}
if (roles.Assistance) builder.AddAssistanceModule();
if (roles.Disability) builder.AddDisabilityModule();
// The modules only ask the hub (request client); the hub role consumes requests and its own events.
builder.AddMessaging(roles, bus => { if (roles.Hub) bus.AddOperationsConsumers(); });

var app = builder.Build();

app.UseHubDefaults();
app.MapScalarApiReference();
app.MapOperations();
if (roles.Hub)
{
    app.MapProfilesApiV1();
    app.MapAgencyStateApi();
    app.MapAuditApiV1();
    app.MapInProcessMocks();
}
if (roles.Assistance) app.MapAssistanceApi();
if (roles.Disability) app.MapDisabilityApi();

app.Run();
