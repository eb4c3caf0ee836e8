namespace IntegrationHub.Disability.Tests.Domain;

public sealed class CategoriesTests
{
    [Theory]
    [InlineData(0, DisabilityCategory.None, null)]
    [InlineData(30, DisabilityCategory.None, null)]
    [InlineData(35, DisabilityCategory.From31To60, 3)]
    [InlineData(60, DisabilityCategory.From31To60, 3)]
    [InlineData(65, DisabilityCategory.From61To80, 2)]
    [InlineData(80, DisabilityCategory.From61To80, 2)]
    [InlineData(85, DisabilityCategory.From81To100, 1)]
    [InlineData(100, DisabilityCategory.From81To100, 1)]
    public void Of_AdultAtEachBoundary_GivesBandAndFormerDegree(int percent, DisabilityCategory expected, int? degree)
    {
        var category = Categories.Of(percent, ageOnStart: 40);

        Assert.Equal(expected, category);
        Assert.Equal(degree, Categories.FormerDegree(category));
    }

    [Theory]
    [InlineData(30, 17, DisabilityCategory.None)]
    [InlineData(35, 17, DisabilityCategory.Under18)]
    [InlineData(100, 0, DisabilityCategory.Under18)]
    [InlineData(35, 18, DisabilityCategory.From31To60)]
    public void Of_AroundTheEighteenthBirthday_UsesTheUnder18CategoryOnlyBelowIt(int percent, int age, DisabilityCategory expected)
    {
        var category = Categories.Of(percent, age);

        Assert.Equal(expected, category);
        if (category == DisabilityCategory.Under18) Assert.Null(Categories.FormerDegree(category));
    }

    [Fact]
    public void AgeOn_TheDayBeforeAndOnTheBirthday_CountsTheYearOnlyOnIt()
    {
        var birth = new DateOnly(2008, 3, 15);

        Assert.Equal(17, Categories.AgeOn(birth, new DateOnly(2026, 3, 14)));
        Assert.Equal(18, Categories.AgeOn(birth, new DateOnly(2026, 3, 15)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(-5)]
    [InlineData(105)]
    [InlineData(31)]
    [InlineData(62)]
    public void CheckPercent_OutsideRangeOrNotAStepOfFive_SaysWhy(int? percent)
    {
        Assert.NotNull(Categories.CheckPercent(percent));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(100)]
    public void CheckPercent_StepsOfFive_AreValid(int percent)
    {
        Assert.Null(Categories.CheckPercent(percent));
    }

    [Theory]
    [InlineData("I63.9", "I63.9")]
    [InlineData(" g35 ", "G35")]
    [InlineData("S72.001", "S72.001")]
    public void Icd10_WellFormedCodes_AreNormalized(string text, string expected)
    {
        Assert.True(Icd10.TryNormalize(text, out var code, out _));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("I6")]
    [InlineData("163.9")]
    [InlineData("I63.")]
    [InlineData("I63.12345")]
    [InlineData("I63-9")]
    public void Icd10_MalformedCodes_AreRejectedWithAReason(string text)
    {
        Assert.False(Icd10.TryNormalize(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
