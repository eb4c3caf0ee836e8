using IntegrationHub.Assistance;
using IntegrationHub.ContactCentre;
using IntegrationHub.Disability;
using IntegrationHub.Employment;
using IntegrationHub.Hub.Commands;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Hub.Messaging;
using IntegrationHub.Hub.Operations;
using Scalar.AspNetCore;

if ((AuditCommand.TryRun(args) ?? MigrateCommand.TryRun(args) ?? TokenCommand.TryRun(args)) is { } commandExitCode) return commandExitCode;

DeploymentGuard.ApplyDefaultEnvironment();
var builder = WebApplication.CreateBuilder(args);
if (!builder.PassesDeploymentGuard(Console.Error)) return 1;

builder.AddHubDefaults();
builder.AddOperations();
// The roles this binary can run; the Roles setting picks among them (default: all).
var modules = builder.AddModules(new HubModule(), new AssistanceModule(), new DisabilityModule(), new ContactCentreModule(), new EmploymentModule());
builder.AddMessaging(modules);

var app = builder.Build();
app.UseHubDefaults();
app.MapScalarApiReference();
app.MapOperations();
app.MapModules(modules);
app.Run();
return 0;
