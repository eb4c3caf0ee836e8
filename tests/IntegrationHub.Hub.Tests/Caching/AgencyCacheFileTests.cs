using IntegrationHub.Contracts.Profiles.DataSets;
using IntegrationHub.Hub.Caching;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hub.Tests.Caching;

public sealed class AgencyCacheFileTests
{
    [Fact]
    public void Put_ThenReopenedFile_GivesTheAnswerBack()
    {
        var directory = Directory.CreateTempSubdirectory("cache-file-").FullName;
        try
        {
            var options = Options.Create(new CacheOptions { DataDirectory = directory });
            var at = TimeProvider.System.GetUtcNow().AddHours(-1);
            var data = new VehiclesData([], []);
            using (var cache = new AgencyCache(options, TimeProvider.System, NullLogger<AgencyCache>.Instance))
            {
                cache.Put("traffic-police|K", new CachedAnswer(at, data), typeof(VehiclesData));
                cache.Put("traffic-police|N", new CachedAnswer(at, null), typeof(VehiclesData));
            }

            using var reopened = new AgencyCache(options, TimeProvider.System, NullLogger<AgencyCache>.Instance);
            var hit = reopened.Get("traffic-police|K", typeof(VehiclesData));
            Assert.NotNull(hit);
            Assert.Equal(at, hit.FetchedAt);
            Assert.IsType<VehiclesData>(hit.Data);
            Assert.True(reopened.Get("traffic-police|N", typeof(VehiclesData))!.NotFound);
            Assert.Null(reopened.Get("traffic-police|other", typeof(VehiclesData)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
