namespace IntegrationHub.Contracts.Text;

/// <summary>
/// Reads an enum value from text by its name alone. <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> is
/// not fit for input: it takes numbers ("3") and comma lists ("Spouse,Child"), which it ORs into a value that may
/// itself be defined (Spouse | Child = Parent), for any enum, flags or not.
/// </summary>
public static class EnumNames
{
    /// <summary>True when <paramref name="text"/> (surrounding white space aside, case aside) is exactly one name of <typeparamref name="TEnum"/>.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        var name = text?.Trim();
        if (string.IsNullOrEmpty(name)) return false;
        foreach (var candidate in Enum.GetNames<TEnum>())
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                value = Enum.Parse<TEnum>(candidate);
                return true;
            }
        }
        return false;
    }
}
