using IntegrationHub.Hub.Api;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Hub.Operations;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddHubDefaults();
builder.AddInProcessMocks();
builder.AddHubModule();

var app = builder.Build();

app.UseHubDefaults();
app.MapScalarApiReference();
app.MapProfilesApiV1();
app.MapAgencyStateApi();
app.MapInProcessMocks();

app.Run();
