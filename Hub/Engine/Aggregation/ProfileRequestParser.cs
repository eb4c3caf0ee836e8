using System.Text.RegularExpressions;
using IntegrationHub.Contracts.Text;

namespace IntegrationHub.Hub.Engine.Aggregation;

/// <summary>A profile request as it arrives over HTTP or in a message: raw strings, parsed by <see cref="ProfileRequestParser"/>.</summary>
/// <param name="Applicant">The applicant's FIN.</param>
/// <param name="DeclaredMembers">The household as the applicant declared it; omit to let the hub propose it from the registries.</param>
/// <param name="Purpose">Why the data is needed, e.g. <c>targeted-social-assistance</c>.</param>
/// <param name="CaseNumber">The case the data is for, e.g. an application number.</param>
/// <param name="Fresh">True: every agency is asked anew, no cached answer serves (one may still stand in, marked stale, when an agency fails).</param>
public sealed record ProfileRequest(string? Applicant, IReadOnlyList<DeclaredMemberRequest>? DeclaredMembers, string? Purpose, string? CaseNumber, bool? Fresh = null);

/// <param name="Relation">Spouse, Child, Parent, Sibling, Grandparent, Grandchild, OtherRelative or Other.</param>
public sealed record DeclaredMemberRequest(string? Fin, string? Relation);

/// <summary>Parses a raw request into a <see cref="ProfileQuery"/>, or says precisely what is wrong with it.</summary>
public static partial class ProfileRequestParser
{
    public static Refusable<ProfileQuery> Parse(ProfileRequest request, int maxMembers)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Fin.TryParse(request.Applicant, out var applicant, out var finError))
        {
            return new ProfileRefusal(RefusalCodes.InvalidFin, $"applicant: {finError}", "applicant");
        }
        if (string.IsNullOrWhiteSpace(request.Purpose))
        {
            return new ProfileRefusal(RefusalCodes.MissingPurpose, "purpose is required: say why the data is needed (e.g. targeted-social-assistance).", "purpose");
        }
        if (!PurposePattern().IsMatch(request.Purpose))
        {
            return new ProfileRefusal(RefusalCodes.InvalidPurpose, "purpose must be a lower-case token of 3-64 letters, digits and hyphens, e.g. targeted-social-assistance.", "purpose");
        }
        if (string.IsNullOrWhiteSpace(request.CaseNumber) || request.CaseNumber.Length > 64)
        {
            return new ProfileRefusal(RefusalCodes.MissingCaseNumber, "caseNumber is required (1-64 characters): the case the data is for is part of the audit record.", "caseNumber");
        }
        if (TextInput.CheckLine(request.CaseNumber, "caseNumber") is { } unprintable)
        {
            return new ProfileRefusal(RefusalCodes.InvalidCharacters, unprintable, "caseNumber");
        }

        List<DeclaredMember>? declared = null;
        if (request.DeclaredMembers is { } raw)
        {
            if (raw.Count + 1 > maxMembers)
            {
                return new ProfileRefusal(RefusalCodes.TooManyMembers, $"a household of at most {maxMembers} people can be requested; {raw.Count + 1} were given.", "declaredMembers");
            }
            declared = new List<DeclaredMember>(raw.Count);
            var seen = new HashSet<Fin> { applicant };
            for (var i = 0; i < raw.Count; i++)
            {
                var field = $"declaredMembers[{i}]";
                if (!Fin.TryParse(raw[i]?.Fin, out var fin, out var error))
                {
                    return new ProfileRefusal(RefusalCodes.InvalidFin, $"{field}.fin: {error}", $"{field}.fin");
                }
                if (!seen.Add(fin))
                {
                    return new ProfileRefusal(RefusalCodes.DuplicateMember, $"{field}.fin names a person already in the request (the applicant or an earlier member).", $"{field}.fin");
                }
                if (!EnumNames.TryParse<RelationToApplicant>(raw[i].Relation, out var relation) || relation == RelationToApplicant.Applicant)
                {
                    var allowed = string.Join(", ", Enum.GetNames<RelationToApplicant>().Where(n => n != nameof(RelationToApplicant.Applicant)));
                    return new ProfileRefusal(RefusalCodes.InvalidRelation, $"{field}.relation '{raw[i].Relation}' is not one of: {allowed}.", $"{field}.relation");
                }
                declared.Add(new DeclaredMember(fin, relation));
            }
        }
        return new ProfileQuery(applicant, declared, request.Purpose, request.CaseNumber.Trim(), request.Fresh == true);
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex PurposePattern();
}
