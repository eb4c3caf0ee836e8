using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Assistance.Tests;

public sealed class AssistanceModuleTests
{
    [Fact]
    public void AddServices_InvalidSettings_NamesEachProblemOnce()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Storage:DataDirectory"] = Path.GetTempPath();
        builder.Configuration["Assistance:Calendar:Holidays:0"] = "2026-13-01";
        builder.Configuration["Assistance:Calendar:FixedHolidays:0"] = "31/12";
        new AssistanceModule().AddServices(builder);
        using var services = builder.Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AssistanceOptions>>().Value);

        Assert.Equal(
            ["Assistance:Calendar:FixedHolidays has '31/12'; use MM-dd.", "Assistance:Calendar:Holidays has '2026-13-01'; use yyyy-MM-dd."],
            error.Failures);
    }
}
