using IntegrationHub.Contracts.Text;

namespace IntegrationHub.Contracts.Tests.Text;

public sealed class TextInputTests
{
    [Theory]
    [InlineData("VEM-2026-000001")]
    [InlineData("Bakı 3 saylı poliklinika")]
    [InlineData("İŞ-2026/Ə-17 №5")]
    [InlineData("Тест «кавычки» — тире")]
    [InlineData("عربي")]
    [InlineData("emoji 😀 pair")]
    [InlineData("")]
    [InlineData(null)]
    public void CheckLine_PrintableTextInAnyScript_IsFine(string? text) => Assert.Null(TextInput.CheckLine(text, "field"));

    [Theory]
    [InlineData("a\rb", "U+000D")]
    [InlineData("a\nb", "U+000A")]
    [InlineData("a\0b", "U+0000")]
    [InlineData("a\tb", "U+0009")]
    [InlineData("a\u001Bb", "U+001B")]
    [InlineData("a\u007Fb", "U+007F")]
    [InlineData("a\u0085b", "U+0085")]
    [InlineData("a\u2028b", "U+2028")]
    [InlineData("a\u2029b", "U+2029")]
    [InlineData("a\u202Ab", "U+202A")]
    [InlineData("a\u202Eb", "U+202E")]
    [InlineData("a\u2066b", "U+2066")]
    [InlineData("a\u2069b", "U+2069")]
    [InlineData("a\u200Fb", "U+200F")]
    [InlineData("a\u061Cb", "U+061C")]
    public void CheckLine_ControlBidiOrUnpairedSurrogate_IsNamedWithItsPosition(string text, string named)
    {
        var error = TextInput.CheckLine(text, "caseNumber");

        Assert.NotNull(error);
        Assert.StartsWith("caseNumber ", error, StringComparison.Ordinal);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Contains("position 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckLine_UnpairedSurrogate_IsNamed()
    {
        // Built here: test data attributes would turn a lone surrogate into U+FFFD on the way.
        Assert.Contains("U+D800", TextInput.CheckLine("a" + (char)0xD800 + "b", "f"), StringComparison.Ordinal);
        Assert.Contains("U+DC00", TextInput.CheckLine("a" + (char)0xDC00, "f"), StringComparison.Ordinal);
        Assert.Contains("U+D800", TextInput.CheckLine("a" + (char)0xD800, "f"), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckMultiLine_AllowsLineBreaksAndTabs_NotOtherControls()
    {
        Assert.Null(TextInput.CheckMultiLine("1. Rest.\r\n2.\tExercise.\n", "recommendations"));
        Assert.NotNull(TextInput.CheckMultiLine("1. Rest.\u202E", "recommendations"));
        Assert.NotNull(TextInput.CheckMultiLine("1. Rest.\u0000", "recommendations"));
        Assert.NotNull(TextInput.CheckMultiLine("1. Rest.\u2028", "recommendations"));
    }
}
