using IntegrationHub.Contracts.Profiles.DataSets;
using IntegrationHub.Hub.Engine.Profiles;
using UtilityAccount = IntegrationHub.Contracts.Profiles.DataSets.UtilityAccount;

namespace IntegrationHub.Hub.Tests.Engine.Profiles;

/// <summary>The HTTP answer's JSON written into rented memory is the same bytes an array of its own would hold.</summary>
public sealed class RentedJsonTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5_000)] // far beyond the first rent: the buffer grows while written
    public void Serialize_WritesWhatSerializeToUtf8BytesWrites(int charges)
    {
        var data = new UtilitiesData(
            [new UtilityAccount("E-1", "Azərişıq", UtilityKind.Electricity, "M-1", "A-1")],
            Enumerable.Range(0, charges).Select(i => new UtilityCharge(new DateOnly(2025, 1, 1).AddMonths(i % 12), $"E-{i}", i * 1.25m, i)).ToList());

        using var rented = RentedJson.Serialize(data, ProfileJson.Options);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(data, ProfileJson.Options), rented.Written.ToArray());
    }

    [Fact]
    public void Written_AfterDispose_Throws()
    {
        var rented = RentedJson.Serialize(new UtilitiesData([], []), ProfileJson.Options);

        rented.Dispose();
        rented.Dispose(); // a second dispose returns nothing twice

        Assert.Throws<ObjectDisposedException>(() => rented.Written);
    }
}
