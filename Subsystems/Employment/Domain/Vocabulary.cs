namespace IntegrationHub.Employment.Domain;

/// <summary>A main job, or a second one held beside it (əvəzçilik).</summary>
public static class ContractKinds
{
    public const string Main = "main";
    public const string Secondary = "secondary";

    public static readonly IReadOnlyList<string> All = [Main, Secondary];
}

/// <summary>For an indefinite period, or for a fixed term that ends on a date.</summary>
public static class ContractTerms
{
    public const string Indefinite = "indefinite";
    public const string Fixed = "fixed";

    public static readonly IReadOnlyList<string> All = [Indefinite, Fixed];
}

/// <summary>What a notification says happened to a contract.</summary>
public static class NotificationKinds
{
    public const string New = "new";
    public const string Change = "change";
    public const string Suspension = "suspension";
    public const string Resumption = "resumption";
    public const string Termination = "termination";

    public static readonly IReadOnlyList<string> All = [New, Change, Suspension, Resumption, Termination];
}

/// <summary>
/// The legal grounds of a termination, by the Labour Code's articles (docs/domain.md; the mapping of each ground to
/// its article is marked uncertain there).
/// </summary>
public static class TerminationGrounds
{
    public static readonly IReadOnlyDictionary<string, string> Articles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["agreement"] = "art. 68.2.a: by the parties' agreement",
        ["term-expired"] = "art. 68.2.b, 73: the fixed term ended",
        ["employee-initiative"] = "art. 69: at the employee's initiative",
        ["employer-initiative"] = "art. 70: at the employer's initiative",
        ["beyond-control"] = "art. 74: circumstances beyond the parties' control",
        ["other"] = "art. 68.2: another ground the Code or the contract provides",
    };
}

/// <summary>An occupation code of the classifier of occupations (ISCO-08 unit groups: four digits).</summary>
public static class OccupationCodes
{
    public static bool IsValid(string? code) => code is { Length: 4 } && code.All(char.IsAsciiDigit);
}
