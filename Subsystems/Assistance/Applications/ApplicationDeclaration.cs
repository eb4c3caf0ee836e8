using System.Text.Json.Serialization;
using IntegrationHub.Contracts.Identifiers;

namespace IntegrationHub.Assistance.Applications;

/// <summary>Where the citizen wants to hear from the ministry.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChannelKind>))]
public enum ChannelKind
{
    Sms,
    Email,
    ECabinet,
}

/// <summary>The feedback channel named in the application-declaration.</summary>
/// <param name="Address">The phone number (canonical +994…) for SMS, the e-mail address for e-mail, null for the e-cabinet (the applicant's own).</param>
public sealed record FeedbackChannel(ChannelKind Kind, string? Address);

/// <summary>A household member as declared: who, and what they are to the applicant.</summary>
public sealed record DeclaredMember(Fin Fin, RelationToApplicant Relation);

/// <summary>A member's declared average monthly income over the last 12 months, from one source.</summary>
/// <param name="Source">wages, business, property, householdPlot, pensions, allowances, unemploymentInsurance or otherIncome.</param>
public sealed record DeclaredIncome(Fin Fin, string Source, decimal MonthlyAmount);

/// <summary>A validated application-declaration: every identifier parsed, every member known by FIN.</summary>
public sealed record ApplicationDeclaration(
    Fin Applicant,
    IdCardNumber IdCard,
    IReadOnlyList<DeclaredMember> Members,
    IReadOnlyList<DeclaredIncome> Incomes,
    FeedbackChannel Channel,
    bool Consent)
{
    /// <summary>The sources a declared income may name (the hub's income summary uses the same keys).</summary>
    public static readonly IReadOnlyList<string> IncomeSources =
        ["wages", "business", "property", "householdPlot", "pensions", "allowances", "unemploymentInsurance", "otherIncome"];

    /// <summary>A member's declared monthly income, all sources together.</summary>
    public decimal DeclaredIncomeOf(Fin fin) => Incomes.Where(i => i.Fin == fin).Sum(i => i.MonthlyAmount);
}
