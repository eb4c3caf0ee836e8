using IntegrationHub.Extracts;

namespace IntegrationHub.Hub.Tests.Extracts;

public sealed class AuthenticationCodeTests
{
    [Fact]
    public void Bits_AtLeast80()
    {
        Assert.True(AuthenticationCode.Bits >= 80, $"{AuthenticationCode.Bits:F1} bits");
    }

    [Fact]
    public void Alphabet_HasNoLookAlikeCharacters()
    {
        foreach (var c in "01ILOU") Assert.DoesNotContain(c, AuthenticationCode.Alphabet);
        Assert.Equal(AuthenticationCode.Alphabet.Length, AuthenticationCode.Alphabet.Distinct().Count());
    }

    [Fact]
    public void New_CodesUseOnlyTheAlphabetAndDoNotRepeat()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => AuthenticationCode.New()).ToList();

        Assert.All(codes, c => Assert.Equal(AuthenticationCode.Length, c.Length));
        Assert.All(codes, c => Assert.All(c, ch => Assert.Contains(ch, AuthenticationCode.Alphabet)));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        // Every symbol turns up: the draw covers the whole alphabet.
        Assert.Equal(AuthenticationCode.Alphabet.Length, codes.SelectMany(c => c).Distinct().Count());
    }

    [Fact]
    public void TryParse_PrintedFormLowerCaseOrSpaced_GivesTheSameCode()
    {
        var code = AuthenticationCode.New();
        var printed = AuthenticationCode.Format(code);

        Assert.Equal(AuthenticationCode.Length / AuthenticationCode.GroupSize - 1, printed.Count(c => c == '-'));
        Assert.True(AuthenticationCode.TryParse(printed, out var a));
        Assert.True(AuthenticationCode.TryParse(printed.ToLowerInvariant().Replace('-', ' '), out var b));
        Assert.Equal(code, a);
        Assert.Equal(code, b);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCDE")]
    [InlineData("ABCDE-FGHJK-MNPQR-STVW0")]
    [InlineData("ABCDE-FGHJK-MNPQR-STVWXY")]
    public void TryParse_WrongLengthOrLookAlike_IsRejected(string text)
    {
        Assert.False(AuthenticationCode.TryParse(text, out _));
    }
}
