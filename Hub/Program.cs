using IntegrationHub.Hub.Api;
using IntegrationHub.Hub.Hosting;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddHubDefaults();
builder.AddInProcessMocks();
builder.AddHubModule();

var app = builder.Build();

app.UseHubDefaults();
app.MapScalarApiReference();
app.MapProfilesApiV1();
app.MapInProcessMocks();

app.Run();
