using IntegrationHub.Storage;
using LiteDB;

namespace IntegrationHub.Hub.Tests.Storage;

public sealed class DurableStoreTests
{
    /// <summary>
    /// LiteDB 5.0.21 breaks when a collection is read while its first write creates it (measured: about one fresh
    /// file in five with one reader and one writer); collections created at open never meet that. Thirty fresh
    /// files, each read from another thread while its first writes land.
    /// </summary>
    [Fact]
    public async Task CreatedCollections_ReadWhileTheFirstWritesLand_NeitherFails()
    {
        using var directory = new ScratchDirectory("durable-store-");
        for (var round = 0; round < 30; round++)
        {
            using var store = new DurableStore(new DurableStoreOptions(directory.File($"round-{round}.db")));
            store.CreateCollections("things");
            using var stop = new CancellationTokenSource();
            var reader = Task.Run(() =>
            {
                var things = store.Database.GetCollection("things");
                while (!stop.IsCancellationRequested) things.FindById("thing-" + Random.Shared.Next(50));
            }, TestContext.Current.CancellationToken);

            for (var i = 0; i < 20; i++)
            {
                var id = "thing-" + i;
                await store.WriteAsync(db => db.GetCollection("things").Insert(new BsonDocument { ["_id"] = id }), TestContext.Current.CancellationToken);
            }
            await stop.CancelAsync();
            await reader;

            Assert.Equal(20, store.Database.GetCollection("things").Count());
        }
    }
}
