using IntegrationHub.Adapters.Common;

namespace IntegrationHub.Adapters.Tests.Common;

public sealed class AgencyOptionsValidatorTests
{
    [Fact]
    public void Validate_DefaultsWithABaseAddress_Succeed()
    {
        var result = new AgencyOptionsValidator().Validate("utilities", Valid());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Validate_MaxPagesBelowOne_NamesTheSetting(int maxPages)
    {
        var options = Valid();
        options.MaxPages = maxPages;

        var result = new AgencyOptionsValidator().Validate("utilities", options);

        Assert.Equal([$"Agencies:utilities:MaxPages ({maxPages}) must be at least 1."], result.Failures);
    }

    private static AgencyOptions Valid() => new() { BaseAddress = new Uri("https://billing.example.az/") };
}
