using IntegrationHub.Mocks;

namespace IntegrationHub.Adapters.Tests.Common;

/// <summary>A healthy mock country shared by tests that only read from it (a smaller population keeps start-up quick).</summary>
public sealed class MockCountryFixture : IDisposable
{
    public MockCountry Country { get; } = MockCountry.Start(new MockCountryOptions(Households: 200));

    public void Dispose() => Country.Dispose();
}
