using IntegrationHub.Hub.Engine.LifeEvents;
using IntegrationHub.Hub.Engine.LifeEvents.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hub.Tests.Engine.LifeEvents;

/// <summary>The inbox chosen by <c>Storage:Provider</c> as the other stores are, and its take time validated at start.</summary>
public sealed class LifeEventExtensionsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("life-event-services-");

    public void Dispose() => _directory.Delete(recursive: true);

    private ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Storage:DataDirectory", _directory.FullName), .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))])
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddLifeEvents(configuration);
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData(null, typeof(LiteDbLifeEventInbox))]
    [InlineData("Postgres", typeof(PostgresLifeEventInbox))]
    public void AddLifeEvents_StorageProvider_ChoosesTheInbox(string? provider, Type expected)
    {
        // A deployment adds the provider and its connection string, nothing else (nothing is opened until first use).
        using var services = provider is null
            ? Services()
            : Services(("Storage:Provider", provider), ("Storage:ConnectionString", "Host=127.0.0.1;Port=1;Database=unused"));

        Assert.IsType(expected, services.GetRequiredService<ILifeEventInbox>());
    }

    [Theory]
    [InlineData("00:00:09")]
    [InlineData("01:00:01")]
    public void AddLifeEvents_TakeForOutOfRange_IsNamed(string takeFor)
    {
        using var services = Services(("LifeEvents:TakeFor", takeFor));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LifeEventOptions>>().Value);

        Assert.Equal(["LifeEvents:TakeFor must be between 00:00:10 and 01:00:00."], error.Failures);
    }
}
