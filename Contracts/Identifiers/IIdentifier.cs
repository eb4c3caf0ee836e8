using System.Diagnostics.CodeAnalysis;

namespace IntegrationHub.Contracts.Identifiers;

/// <summary>
/// A value that can only exist in valid form: it is created by parsing, and parsing says
/// precisely why a string is not one.
/// </summary>
public interface IIdentifier<TSelf> where TSelf : class, IIdentifier<TSelf>
{
    /// <summary>The canonical text of the identifier.</summary>
    string Value { get; }

    /// <summary>Name used in error messages, e.g. "FIN".</summary>
    static abstract string Kind { get; }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    static abstract bool TryParse(string? text, [NotNullWhen(true)] out TSelf? value, [NotNullWhen(false)] out string? error);
}

/// <summary>Parsing helpers shared by every identifier type.</summary>
public static class Identifier
{
    /// <summary>Parses or throws <see cref="FormatException"/> with the reason.</summary>
    public static T Parse<T>(string? text) where T : class, IIdentifier<T> =>
        T.TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    internal static string? FirstInvalid(string text, Func<char, bool> isValid, string kind, string allowed)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!isValid(c))
            {
                return $"{kind} contains '{c}' at position {i + 1}; allowed: {allowed}.";
            }
        }
        return null;
    }

    internal static string? Blank(string? text, string kind) =>
        string.IsNullOrWhiteSpace(text) ? $"{kind} is empty." : null;
}
