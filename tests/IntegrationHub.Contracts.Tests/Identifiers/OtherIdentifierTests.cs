using IntegrationHub.Contracts.Identifiers;

namespace IntegrationHub.Contracts.Tests.Identifiers;

public sealed class IdCardNumberTests
{
    [Theory]
    [InlineData("AZE12345678", false)]
    [InlineData("AA1234567", true)]
    public void TryParse_ValidNumber_KnowsItsSeries(string text, bool newSeries)
    {
        Assert.True(IdCardNumber.TryParse(text, out var card, out _));
        Assert.Equal(newSeries, card.IsNewSeries);
    }

    [Theory]
    [InlineData("", "ID card number is empty.")]
    [InlineData("AB1234567", "ID card number must start with 'AZE' (cards of 2012-2018) or 'AA' (cards from September 2018).")]
    [InlineData("aa1234567", "ID card number must start with 'AZE' (cards of 2012-2018) or 'AA' (cards from September 2018).")]
    [InlineData("AZE1234567", "ID card number with prefix 'AZE' must have 8 digits after it; got 7.")]
    [InlineData("AA12345678", "ID card number with prefix 'AA' must have 7 digits after it; got 8.")]
    [InlineData("AA12345X7", "ID card number after its prefix contains 'X' at position 6; allowed: digits 0-9.")]
    public void TryParse_InvalidNumber_SaysWhy(string text, string expected)
    {
        Assert.False(IdCardNumber.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }
}

public sealed class VoenTests
{
    [Theory]
    [InlineData("1400057421", TaxpayerKind.LegalEntity)]
    [InlineData("1234567892", TaxpayerKind.NaturalPerson)]
    public void TryParse_ValidVoen_KnowsTheTaxpayerKind(string text, TaxpayerKind kind)
    {
        Assert.True(Voen.TryParse(text, out var voen, out _));
        Assert.Equal(kind, voen.Taxpayer);
    }

    [Theory]
    [InlineData("140005742", "VÖEN must be exactly 10 digits; got 9.")]
    [InlineData("14000574211", "VÖEN must be exactly 10 digits; got 11.")]
    [InlineData("1400057423", "VÖEN must end in 1 (legal entity) or 2 (natural person); it ends in 3.")]
    [InlineData("14000A7421", "VÖEN contains 'A' at position 6; allowed: digits 0-9.")]
    [InlineData(null, "VÖEN is empty.")]
    public void TryParse_InvalidVoen_SaysWhy(string? text, string expected)
    {
        Assert.False(Voen.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }
}

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+994501234567", "+994501234567")]
    [InlineData("+994 50 123 45 67", "+994501234567")]
    [InlineData("+994 (12) 555-12-34", "+994125551234")]
    public void TryParse_ValidNumber_IsCanonical(string text, string canonical)
    {
        Assert.True(PhoneNumber.TryParse(text, out var phone, out _));
        Assert.Equal(canonical, phone.Value);
        Assert.Equal("+994*****" + canonical[^4..], phone.Masked);
    }

    [Theory]
    [InlineData("0501234567", "phone number must start with +994 (the international form).")]
    [InlineData("+99450123456", "phone number must have 9 digits after +994; got 8.")]
    [InlineData("+9945012345678", "phone number must have 9 digits after +994; got 10.")]
    [InlineData("+99450123456a", "phone number after +994 contains 'a' at position 9; allowed: digits 0-9.")]
    [InlineData("", "phone number is empty.")]
    public void TryParse_InvalidNumber_SaysWhy(string text, string expected)
    {
        Assert.False(PhoneNumber.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }
}
