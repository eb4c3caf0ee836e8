using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace IntegrationHub.Contracts.Identifiers;

/// <summary>Who a VÖEN belongs to, from its last digit.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaxpayerKind>))]
public enum TaxpayerKind
{
    LegalEntity,
    NaturalPerson,
}

/// <summary>
/// Taxpayer identification number (VÖEN): 10 digits; the last digit is 1 for a legal entity and
/// 2 for a natural person. The check digit's algorithm is unpublished and is not checked.
/// </summary>
[JsonConverter(typeof(IdentifierJsonConverter<Voen>))]
public sealed record Voen : IIdentifier<Voen>
{
    private Voen(string value) => Value = value;

    public string Value { get; }

    public static string Kind => "VÖEN";

    public TaxpayerKind Taxpayer => Value[^1] == '1' ? TaxpayerKind.LegalEntity : TaxpayerKind.NaturalPerson;

    public static Voen Parse(string? text) => Identifier.Parse<Voen>(text);

    public static bool TryParse(string? text, [NotNullWhen(true)] out Voen? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = Identifier.Blank(text, Kind);
        if (error is not null) return false;
        var t = text!;
        error = Identifier.FirstInvalid(t, char.IsAsciiDigit, Kind, "digits 0-9");
        if (error is not null) return false;
        if (t.Length != 10)
        {
            error = $"VÖEN must be exactly 10 digits; got {t.Length}.";
            return false;
        }
        if (t[^1] is not ('1' or '2'))
        {
            error = $"VÖEN must end in 1 (legal entity) or 2 (natural person); it ends in {t[^1]}.";
            return false;
        }
        value = new Voen(t);
        return true;
    }

    public override string ToString() => Value;
}
