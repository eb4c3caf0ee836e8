using System.Diagnostics.CodeAnalysis;

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
public sealed record Voen : IdentifierRecord<Voen>, IIdentifier<Voen>
{
    private Voen(string value) : base(value) { }

    public static string Kind => "VÖEN";

    public TaxpayerKind Taxpayer => Value[^1] == '1' ? TaxpayerKind.LegalEntity : TaxpayerKind.NaturalPerson;

    public static bool TryParse(string? text, [NotNullWhen(true)] out Voen? value, [NotNullWhen(false)] out string? error) =>
        TryCreate(text, Invalid, t => new Voen(t), out value, out error);

    private static string? Invalid(string t) =>
        Identifier.FirstInvalid(t, char.IsAsciiDigit, Kind, "digits 0-9")
        ?? (t.Length != 10 ? $"VÖEN must be exactly 10 digits; got {t.Length}."
            : t[^1] is not ('1' or '2') ? $"VÖEN must end in 1 (legal entity) or 2 (natural person); it ends in {t[^1]}."
            : null);
}
