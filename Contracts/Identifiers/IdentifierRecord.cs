using System.Diagnostics.CodeAnalysis;

namespace IntegrationHub.Contracts.Identifiers;

/// <summary>
/// Base of the identifier records: the canonical text (their equality and <see cref="ToString"/>), parsing, and
/// what every <c>TryParse</c> does around a type's own rules. Each type keeps its <c>Kind</c>, its masked form and
/// those rules.
/// </summary>
public abstract record IdentifierRecord<TSelf> where TSelf : IdentifierRecord<TSelf>, IIdentifier<TSelf>
{
    private protected IdentifierRecord(string value) => Value = value;

    /// <summary>The canonical text of the identifier.</summary>
    public string Value { get; }

    /// <summary>Parses or throws <see cref="FormatException"/> with the reason.</summary>
    public static TSelf Parse(string? text) => Identifier.Parse<TSelf>(text);

    public sealed override string ToString() => Value;

    /// <summary>
    /// Refuses blank text (naming the type's <c>Kind</c>), then <paramref name="invalid"/> says why the text is not
    /// one (null: it is), and <paramref name="create"/> makes the value.
    /// </summary>
    private protected static bool TryCreate(
        string? text, Func<string, string?> invalid, Func<string, TSelf> create, [NotNullWhen(true)] out TSelf? value, [NotNullWhen(false)] out string? error)
    {
        error = Identifier.Blank(text, TSelf.Kind) ?? invalid(text!);
        if (error is not null)
        {
            value = null;
            return false;
        }
        value = create(text!);
        return true;
    }
}
