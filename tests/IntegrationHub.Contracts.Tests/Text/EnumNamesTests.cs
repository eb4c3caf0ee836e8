using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Contracts.Text;

namespace IntegrationHub.Contracts.Tests.Text;

public sealed class EnumNamesTests
{
    [Theory]
    [InlineData("Spouse", RelationToApplicant.Spouse)]
    [InlineData("spouse", RelationToApplicant.Spouse)]
    [InlineData(" OtherRelative ", RelationToApplicant.OtherRelative)]
    public void TryParse_OneName_CaseAside(string text, RelationToApplicant expected)
    {
        Assert.True(EnumNames.TryParse<RelationToApplicant>(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("Spouse,Child")]
    [InlineData("Spouse, Grandchild")]
    [InlineData("3")]
    [InlineData("-1")]
    [InlineData("0x1")]
    [InlineData("Cousin")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_NumbersListsAndUnknownNames_AreRefused(string? text)
    {
        Assert.False(EnumNames.TryParse<RelationToApplicant>(text, out _));
        // What Enum.TryParse makes of the first two: a defined value, silently.
        if (text?.Contains(',', StringComparison.Ordinal) == true)
        {
            Assert.True(Enum.TryParse<RelationToApplicant>(text, out var ored) && Enum.IsDefined(ored));
        }
    }
}
