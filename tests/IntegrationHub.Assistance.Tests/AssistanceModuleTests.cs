using IntegrationHub.Assistance.Applications.Storage;
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

    [Theory]
    [InlineData(null, typeof(LiteDbAssistanceDatabase))]
    [InlineData("Postgres", typeof(PostgresAssistanceDatabase))]
    public void AddServices_StorageProvider_ChoosesWhereTheRecordsAre(string? provider, Type expected)
    {
        var directory = Directory.CreateTempSubdirectory("assistance-module-");
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Storage:DataDirectory"] = directory.FullName;
        // A deployment adds the provider and its connection string, nothing else (nothing is opened until first use).
        builder.Configuration["Storage:Provider"] = provider;
        if (provider is not null) builder.Configuration["Storage:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=unused";
        new AssistanceModule().AddServices(builder);
        using (var services = builder.Services.BuildServiceProvider())
        {
            Assert.IsType(expected, services.GetRequiredService<IAssistanceDatabase>());
        }
        directory.Delete(recursive: true);
    }
}
