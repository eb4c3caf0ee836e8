using IntegrationHub.Contracts.Messaging;
using IntegrationHub.Adapters.Common;
using IntegrationHub.Adapters.Population;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Contracts.Profiles.DataSets;

namespace IntegrationHub.Hub.Engine.Aggregation;

/// <summary>A member as resolution leaves them: who they are to the applicant, how they were found, and what was already fetched.</summary>
public sealed record ResolvedMember(Fin Fin, RelationToApplicant Relation, IReadOnlyList<MemberSource> FoundBy, IReadOnlyList<MemberFinding> Findings, IReadOnlyList<SourceResult> Fetched);

/// <param name="AddressId">The applicant's registered address code, when the population register gave it.</param>
public sealed record ResolvedHousehold(bool Declared, IReadOnlyList<ResolvedMember> Members, IReadOnlyList<ExcludedPerson> Excluded, string? AddressId = null);

/// <summary>
/// First phase of assembly: the population and civil registries, asked in parallel, decide who the
/// household is. A declared household is checked against them; without a declaration the hub proposes
/// one (co-residents at the registered address, the spouse and minor children on record). People a declaration
/// leaves out are looked up in the population register and the status registries, as far as the policy allows about
/// members: leaving out someone the rules would not count anyway (a conscript, a spouse abroad) is no omission. A
/// purpose that sees the applicant alone resolves nobody else (<see cref="ResolveApplicantAsync"/>).
/// </summary>
public sealed class HouseholdResolver(IEnumerable<IAgencyAdapter> adapters, SourceFetcher fetcher)
{
    private readonly IPopulationRegister _identity = adapters.OfType<IPopulationRegister>().Single();
    private readonly IAgencyAdapter<FamilyRelationsData>? _civil = adapters.OfType<IAgencyAdapter<FamilyRelationsData>>().SingleOrDefault();
    private readonly IAgencyAdapter<StatusFlagsData>? _status = adapters.OfType<IAgencyAdapter<StatusFlagsData>>().SingleOrDefault();

    /// <param name="memberDataSets">What the policy allows about members: people left out of a declaration are asked about with these alone.</param>
    public async Task<Refusable<ResolvedHousehold>> ResolveAsync(ProfileQuery query, AgencyQuery agencyQuery, int maxMembers, IReadOnlySet<string> memberDataSets, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(memberDataSets);
        var identityTask = fetcher.FetchAsync(_identity, query.Applicant, agencyQuery, deadline);
        var relationsTask = _civil is null ? Task.FromResult<SourceResult<FamilyRelationsData>?>(null) : FetchNullable(_civil, query.Applicant);
        // Through the fetcher like every data set: a cached profile makes no agency call at all.
        var coResidentsTask = fetcher.LookUpAsync(_identity.Agency.Key, "co-residents", query.Applicant, agencyQuery,
            token => _identity.GetCoResidentsAsync(query.Applicant, token), deadline);
        var declaredTasks = (query.DeclaredMembers ?? []).Select(d => fetcher.FetchAsync(_identity, d.Fin, agencyQuery, deadline)).ToList();
        await Task.WhenAll([identityTask, relationsTask, coResidentsTask, .. declaredTasks]);

        var applicantIdentity = identityTask.Result;
        if (applicantIdentity.Status == SourceStatus.NotFound)
        {
            return new ProfileRefusal(RefusalCodes.UnknownPerson, "applicant: the population register has no person with this FIN.", "applicant");
        }
        for (var i = 0; i < declaredTasks.Count; i++)
        {
            if (declaredTasks[i].Result.Status == SourceStatus.NotFound)
            {
                return new ProfileRefusal(RefusalCodes.UnknownMember, $"declaredMembers[{i}].fin: the population register has no person with this FIN.", $"declaredMembers[{i}].fin");
            }
        }

        var relations = relationsTask.Result;
        var ties = relations?.Data?.Relations ?? [];
        var tieByFin = ties.GroupBy(t => t.Relative).ToDictionary(g => g.Key, g => g.OrderBy(t => t.Tie == FamilyTie.FormerSpouse).First());
        var applicantAddress = applicantIdentity.Data?.Address?.AddressId;
        var coResidents = coResidentsTask.Result;
        var residents = coResidents?.Residents.ToHashSet() ?? [];

        var applicantFindings = new List<MemberFinding>();
        if (applicantIdentity.Status != SourceStatus.Ok || coResidents is null)
        {
            applicantFindings.Add(new MemberFinding("household-unverified", "The population register did not answer in time: registered co-residents could not be checked."));
        }
        if (relations is not null && relations.Status is not (SourceStatus.Ok or SourceStatus.NotFound))
        {
            applicantFindings.Add(new MemberFinding("relations-unverified", "The civil registry did not answer in time: family ties could not be checked."));
        }
        var applicantFetched = new List<SourceResult> { applicantIdentity };
        if (relations is not null) applicantFetched.Add(relations);
        var members = new List<ResolvedMember> { new(query.Applicant, RelationToApplicant.Applicant, [MemberSource.Applicant], applicantFindings, applicantFetched) };
        var excluded = new List<ExcludedPerson>();

        if (query.DeclaredMembers is { } declared)
        {
            for (var i = 0; i < declared.Count; i++)
            {
                var d = declared[i];
                var identity = declaredTasks[i].Result;
                var findings = new List<MemberFinding>();
                var foundBy = new List<MemberSource> { MemberSource.Declared };
                if (tieByFin.TryGetValue(d.Fin, out var tie))
                {
                    foundBy.Add(MemberSource.CivilRegistry);
                    var recorded = ToRelation(tie.Tie);
                    findings.Add(recorded == d.Relation
                        ? new MemberFinding("relation-confirmed", $"Declared as {d.Relation}; the civil registry agrees.")
                        : new MemberFinding("relation-mismatch", $"Declared as {d.Relation}; the civil registry records {tie.Tie}."));
                }
                else if (relations?.Status is SourceStatus.Ok or SourceStatus.NotFound)
                {
                    findings.Add(new MemberFinding("relation-unconfirmed", $"Declared as {d.Relation}; the civil registry records no family tie to the applicant."));
                }
                var memberIdentity = identity.Data;
                if (residents.Contains(d.Fin) || (applicantAddress is not null && memberIdentity?.Address?.AddressId == applicantAddress))
                {
                    foundBy.Add(MemberSource.SameRegisteredAddress);
                    findings.Add(new MemberFinding("address-confirmed", "Registered at the applicant's address."));
                }
                else if (memberIdentity is not null && applicantAddress is not null)
                {
                    findings.Add(new MemberFinding("address-mismatch", "Registered at another address than the applicant."));
                }
                if (memberIdentity?.Deceased == true)
                {
                    findings.Add(new MemberFinding("deceased", "The population register records this person as deceased."));
                }
                members.Add(new ResolvedMember(d.Fin, d.Relation, foundBy, findings, [identity]));
            }

            var declaredFins = declared.Select(d => d.Fin).Append(query.Applicant).ToHashSet();
            var undeclared = new List<ExcludedPerson>();
            foreach (var resident in residents.Where(r => !declaredFins.Contains(r)).Order())
            {
                undeclared.Add(new ExcludedPerson(resident, "registered at the applicant's address but not declared", ExcludedPerson.UndeclaredCoResident,
                    tieByFin.TryGetValue(resident, out var tie) ? ToRelation(tie.Tie) : null));
            }
            foreach (var t in tieByFin.Values.Where(t => !declaredFins.Contains(t.Relative) && !residents.Contains(t.Relative)))
            {
                if (IsDeceasedMember(t, agencyQuery.Today))
                {
                    excluded.Add(Deceased(t));
                }
                else if (CountsAsHousehold(t, agencyQuery.Today))
                {
                    undeclared.Add(new ExcludedPerson(t.Relative, $"the civil registry records a {Describe(t.Tie)}, registered elsewhere, who was not declared",
                        ExcludedPerson.UndeclaredRelative, ToRelation(t.Tie)));
                }
            }
            excluded.AddRange(await WithStatusAsync(undeclared, memberDataSets, agencyQuery, deadline));
        }
        else
        {
            var candidates = new Dictionary<Fin, (RelationToApplicant Relation, List<MemberSource> FoundBy)>();
            foreach (var resident in residents.Order())
            {
                var relation = tieByFin.TryGetValue(resident, out var t) ? ToRelation(t.Tie) : RelationToApplicant.Other;
                var foundBy = new List<MemberSource> { MemberSource.SameRegisteredAddress };
                if (t is not null) foundBy.Add(MemberSource.CivilRegistry);
                candidates[resident] = (relation, foundBy);
            }
            foreach (var t in ties.Where(t => !candidates.ContainsKey(t.Relative)))
            {
                if (IsDeceasedMember(t, agencyQuery.Today))
                {
                    excluded.Add(Deceased(t));
                }
                else if (CountsAsHousehold(t, agencyQuery.Today))
                {
                    candidates[t.Relative] = (ToRelation(t.Tie), [MemberSource.CivilRegistry]);
                }
            }
            candidates.Remove(query.Applicant);
            if (candidates.Count + 1 > maxMembers)
            {
                return new ProfileRefusal(RefusalCodes.TooManyMembers, $"the registries link {candidates.Count + 1} people to the applicant, more than the {maxMembers} a profile may hold; declare the household instead.", "declaredMembers");
            }
            members.AddRange(candidates.Select(c => new ResolvedMember(c.Key, c.Value.Relation, c.Value.FoundBy, [], [])));
        }
        return new ResolvedHousehold(query.DeclaredMembers is not null, members, excluded, applicantAddress ?? coResidents?.AddressId);

        async Task<SourceResult<T>?> FetchNullable<T>(IAgencyAdapter<T> adapter, Fin fin) where T : class => await fetcher.FetchAsync(adapter, fin, agencyQuery, deadline);
    }

    /// <summary>
    /// For a purpose that sees the applicant alone: only the applicant's identity is read (to know the person
    /// exists); no relative, co-resident or declared member is looked up, so nothing about anyone else is fetched.
    /// </summary>
    public async Task<Refusable<ResolvedHousehold>> ResolveApplicantAsync(ProfileQuery query, AgencyQuery agencyQuery, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(query);
        var identity = await fetcher.FetchAsync(_identity, query.Applicant, agencyQuery, deadline);
        if (identity.Status == SourceStatus.NotFound)
        {
            return new ProfileRefusal(RefusalCodes.UnknownPerson, "applicant: the population register has no person with this FIN.", "applicant");
        }
        return new ResolvedHousehold(Declared: true, [new(query.Applicant, RelationToApplicant.Applicant, [MemberSource.Applicant], [], [identity])], []);
    }

    /// <summary>
    /// People left out of a declaration, with whether the rules would count them: the population register (death,
    /// citizenship) and the status registries (conscript, prisoner, wanted, abroad, foreigner, full state care), asked
    /// about all of them at once, and only with the data sets the policy allows about members (identity, status-flags):
    /// their answers are what the profile then says about these people. A registry that does not answer, or that the
    /// policy does not let the hub ask about members, leaves the person <see cref="ExcludedPerson.StatusUnverified"/>.
    /// </summary>
    private async Task<IReadOnlyList<ExcludedPerson>> WithStatusAsync(List<ExcludedPerson> undeclared, IReadOnlySet<string> memberDataSets, AgencyQuery agencyQuery, CancellationToken deadline)
    {
        if (undeclared.Count == 0) return undeclared;
        var identityAllowed = memberDataSets.Contains(_identity.Agency.DataSet);
        var statusAllowed = _status is not null && memberDataSets.Contains(_status.Agency.DataSet);
        var identities = undeclared.Select(p => identityAllowed ? Nullable(fetcher.FetchAsync(_identity, p.Fin, agencyQuery, deadline)) : Task.FromResult<SourceResult<IdentityData>?>(null)).ToList();
        var statuses = undeclared.Select(p => statusAllowed ? Nullable(fetcher.FetchAsync(_status!, p.Fin, agencyQuery, deadline)) : Task.FromResult<SourceResult<StatusFlagsData>?>(null)).ToList();
        await Task.WhenAll([.. identities, .. statuses]);
        return undeclared.Select((person, i) =>
        {
            var identity = identities[i].Result;
            var status = statuses[i].Result;
            // A status registry the hub has none of is no question left open; one the policy keeps it from asking is.
            var unverified = !Answered(identity) || (_status is not null && !Answered(status));
            return person with
            {
                NotCounted = NotCountedReasons.Of(identity?.Data, status?.Data),
                StatusUnverified = unverified,
            };
        }).ToList();

        static bool Answered(SourceResult? result) => result?.Status is SourceStatus.Ok or SourceStatus.NotFound;
        static async Task<SourceResult<T>?> Nullable<T>(Task<SourceResult<T>> task) where T : class => await task;
    }

    private static ExcludedPerson Deceased(FamilyRelation tie) =>
        new(tie.Relative, $"{Describe(tie.Tie)} on record, deceased", ExcludedPerson.DeceasedCode, ToRelation(tie.Tie), NotCountedReasons.Deceased);

    /// <summary>Spouses and minor children belong to the household even when registered elsewhere.</summary>
    private static bool CountsAsHousehold(FamilyRelation tie, DateOnly today) => !tie.RelativeDeceased && IsSpouseOrMinorChild(tie, today);

    /// <summary>A deceased spouse or minor child is named as not counted; a deceased parent or grown child was never a question.</summary>
    private static bool IsDeceasedMember(FamilyRelation tie, DateOnly today) => tie.RelativeDeceased && IsSpouseOrMinorChild(tie, today);

    private static bool IsSpouseOrMinorChild(FamilyRelation tie, DateOnly today) =>
        tie.Tie == FamilyTie.Spouse
        || (tie.Tie is FamilyTie.Child or FamilyTie.AdoptedChild && tie.RelativeBirthDate is { } born && born.AddYears(18) > today);

    private static RelationToApplicant ToRelation(FamilyTie tie) => tie switch
    {
        FamilyTie.Spouse => RelationToApplicant.Spouse,
        FamilyTie.Child or FamilyTie.AdoptedChild => RelationToApplicant.Child,
        FamilyTie.Parent => RelationToApplicant.Parent,
        FamilyTie.Sibling => RelationToApplicant.Sibling,
        _ => RelationToApplicant.Other,
    };

    private static string Describe(FamilyTie tie) => tie switch
    {
        FamilyTie.FormerSpouse => "former spouse",
        FamilyTie.AdoptedChild => "adopted child",
        _ => tie.ToString().ToLowerInvariant(),
    };
}
