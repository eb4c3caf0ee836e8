using IntegrationHub.Assistance.Applications.Storage;
using Microsoft.AspNetCore.Builder;
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
    [InlineData("00:00:09")]
    [InlineData("01:00:01")]
    public void AddServices_TakeForOutOfRange_IsNamed(string takeFor)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Storage:DataDirectory"] = Path.GetTempPath();
        builder.Configuration["Assistance:TakeFor"] = takeFor;
        new AssistanceModule().AddServices(builder);
        using var services = builder.Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AssistanceOptions>>().Value);

        Assert.Equal(["Assistance:TakeFor must be between 00:00:10 and 01:00:00."], error.Failures);
    }

    [Theory]
    [InlineData(null, "00:02:00")]
    [InlineData("00:00:30", "00:00:30")]
    public void AddServices_OnPostgres_CasesAreTakenForTheSetting_TwoMinutesByDefault(string? takeFor, string expected)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Storage:DataDirectory"] = Path.GetTempPath();
        builder.Configuration["Storage:Provider"] = "Postgres";
        builder.Configuration["Storage:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=unused";
        if (takeFor is not null) builder.Configuration["Assistance:TakeFor"] = takeFor;
        new AssistanceModule().AddServices(builder);
        using var services = builder.Services.BuildServiceProvider();

        var database = Assert.IsType<PostgresAssistanceDatabase>(services.GetRequiredService<IAssistanceDatabase>());

        Assert.Equal(TimeSpan.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), database.TakeFor);
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
