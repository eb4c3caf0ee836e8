using IntegrationHub.Contracts.Profiles.DataSets;

namespace IntegrationHub.Contracts.Profiles;

/// <summary>
/// Who the rules do not count as a family member, and why (docs/domain.md): the deceased, and the people the
/// status registries or the population register place outside the family. One rule for the hub's summary and
/// the subsystems' decisions, so that the two never total different people.
/// </summary>
public static class NotCountedReasons
{
    public const string Deceased = "deceased";
    public const string Conscript = "conscript";
    public const string Prisoner = "prisoner";
    public const string Wanted = "wanted";
    public const string Abroad = "abroad";
    public const string Foreigner = "foreigner";
    public const string StateCare = "state-care";

    /// <summary>The population register's code for the country's own citizens; any other citizenship is a foreigner's.</summary>
    public const string OwnCitizenship = "AZE";

    /// <summary>Why a person is not counted, from what the population register and the status registries say; null when they count.</summary>
    /// <remarks>Unknown data (null) counts the person: whether a data set is missing is the caller's question, not this rule's.</remarks>
    public static string? Of(IdentityData? identity, StatusFlagsData? status)
    {
        if (identity?.Deceased == true) return Deceased;
        if (status is not null)
        {
            if (status.Conscript) return Conscript;
            if (status.Prisoner) return Prisoner;
            if (status.Wanted) return Wanted;
            if (status.LivingAbroad) return Abroad;
            if (status.Foreigner) return Foreigner;
            if (status.InFullStateCare) return StateCare;
        }
        if (!string.IsNullOrWhiteSpace(identity?.Citizenship) && !string.Equals(identity.Citizenship, OwnCitizenship, StringComparison.OrdinalIgnoreCase))
        {
            return Foreigner;
        }
        return null;
    }

    /// <summary>Why a member of the profile is not counted (a <c>deceased</c> finding included); null when they count.</summary>
    public static string? Of(MemberProfile member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.Findings.Any(f => f.Code == Deceased) ? Deceased : Of(member.Identity?.Data, member.StatusFlags?.Data);
    }
}
