using System.Text.Json;
using IntegrationHub.Contracts.Identifiers;

namespace IntegrationHub.Contracts.Tests.Identifiers;

public sealed class FinTests
{
    [Theory]
    [InlineData("5ABC12D")]
    [InlineData("0000000")]
    [InlineData("ZZZZZZZ")]
    [InlineData("7HJKLMN")]
    public void TryParse_ValidFin_Succeeds(string text)
    {
        Assert.True(Fin.TryParse(text, out var fin, out var error));
        Assert.Equal(text, fin.Value);
        Assert.Null(error);
    }

    [Theory]
    [InlineData(null, "FIN is empty.")]
    [InlineData("", "FIN is empty.")]
    [InlineData("   ", "FIN is empty.")]
    [InlineData("5ABC12", "FIN must be exactly 7 characters; got 6.")]
    [InlineData("5ABC12DE", "FIN must be exactly 7 characters; got 8.")]
    [InlineData("5ABI12D", "FIN contains 'I' at position 4; the letters I and O are never used in a FIN.")]
    [InlineData("O5AB12D", "FIN contains 'O' at position 1; the letters I and O are never used in a FIN.")]
    [InlineData("5abc12d", "FIN contains lower-case 'a' at position 2; FINs are upper-case.")]
    [InlineData("5AB-12D", "FIN contains '-' at position 4; allowed: digits and Latin letters A-Z except I and O.")]
    [InlineData("5ABÇ12D", "FIN contains 'Ç' at position 4; allowed: digits and Latin letters A-Z except I and O.")]
    [InlineData(" 5ABC12", "FIN contains ' ' at position 1; allowed: digits and Latin letters A-Z except I and O.")]
    public void TryParse_InvalidFin_SaysWhy(string? text, string expected)
    {
        Assert.False(Fin.TryParse(text, out var fin, out var error));
        Assert.Null(fin);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Parse_InvalidFin_ThrowsFormatExceptionWithReason()
    {
        var ex = Assert.Throws<FormatException>(() => Fin.Parse("12"));
        Assert.Equal("FIN must be exactly 7 characters; got 2.", ex.Message);
    }

    [Fact]
    public void Equality_IsByValue()
    {
        Assert.Equal(Fin.Parse("5ABC12D"), Fin.Parse("5ABC12D"));
        Assert.NotEqual(Fin.Parse("5ABC12D"), Fin.Parse("5ABC12E"));
    }

    [Fact]
    public void Masked_HidesAllButFirstAndLast()
    {
        Assert.Equal("5*****D", Fin.Parse("5ABC12D").Masked);
    }

    [Fact]
    public void Json_RoundTripsAsString()
    {
        var json = JsonSerializer.Serialize(new { fin = Fin.Parse("5ABC12D") });
        Assert.Equal("{\"fin\":\"5ABC12D\"}", json);
        Assert.Equal(Fin.Parse("5ABC12D"), JsonSerializer.Deserialize<Fin>("\"5ABC12D\""));
    }

    [Fact]
    public void Json_InvalidFin_FailsWithReason()
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Fin>("\"5ABI12D\""));
        Assert.Contains("the letters I and O are never used", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_NonString_Fails()
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Fin>("1234567"));
        Assert.Contains("FIN must be a JSON string", ex.Message, StringComparison.Ordinal);
    }
}
