using IntegrationHub.Contracts.Identifiers;

namespace IntegrationHub.Assistance.Applications;

/// <summary>
/// A declaration made from the agencies' data instead of the citizen's words: the household the registries hold
/// (everyone in the profile, with the relation the civil registry records) and each member's income as the agencies
/// report it. For a re-evaluation (the ministry checks an award against what changed, the citizen declares nothing)
/// and for an accepted offer (nothing re-entered); the means test then never finds the declaration at odds with the
/// data it was made from.
/// </summary>
public static class ProfileDeclaration
{
    /// <summary>
    /// The declaration <paramref name="profile"/> amounts to, answered on <paramref name="channel"/>; null when the
    /// population register gave no readable ID card number for the applicant and none is known (<paramref name="knownIdCard"/>).
    /// </summary>
    public static ApplicationDeclaration? From(HouseholdProfile profile, FeedbackChannel channel, IdCardNumber? knownIdCard = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(channel);
        var applicant = profile.Members.FirstOrDefault(m => m.Relation == RelationToApplicant.Applicant);
        var idCard = IdCardNumber.TryParse(applicant?.Identity?.Data?.Document?.Number, out var onRecord, out _) ? onRecord : knownIdCard;
        if (idCard is null) return null;
        var members = profile.Members.Where(m => m.Relation != RelationToApplicant.Applicant).Select(m => new DeclaredMember(m.Fin, m.Relation)).ToList();
        var people = profile.Members.Select(m => m.Fin).ToHashSet();
        var incomes = profile.Summary.MonthlyIncome
            .Where(i => people.Contains(i.Fin))
            .SelectMany(i => i.BySource.Where(s => s.Value > 0 && ApplicationDeclaration.IncomeSources.Contains(s.Key))
                .Select(s => new DeclaredIncome(i.Fin, s.Key, decimal.Round(s.Value, 2))))
            .ToList();
        return new ApplicationDeclaration(profile.Applicant, idCard, members, incomes, channel, Consent: true);
    }
}
