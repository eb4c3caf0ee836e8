using IntegrationHub.Adapters.Common;
using IntegrationHub.Adapters.CivilRegistry;
using IntegrationHub.Adapters.Population;
using IntegrationHub.Adapters.StatusRegistries;
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
    // By the catalog's key, not by type alone: a second registry serving the same API under a key of its own (a
    // regional copy) is one more source of its data set, not a second household register (every profile was a 500).
    private readonly IPopulationRegister _identity = adapters.OfType<IPopulationRegister>().Single(a => a.Agency.Key == PopulationRegisterAdapter.Key);
    private readonly IAgencyAdapter<FamilyRelationsData>? _civil = adapters.OfType<IAgencyAdapter<FamilyRelationsData>>().SingleOrDefault(a => a.Agency.Key == CivilRegistryAdapter.Key);
    private readonly IAgencyAdapter<StatusFlagsData>? _status = adapters.OfType<IAgencyAdapter<StatusFlagsData>>().SingleOrDefault(a => a.Agency.Key == StatusRegistriesAdapter.Key);

    /// <param name="memberDataSets">What the policy allows about members: people left out of a declaration are asked about with these alone.</param>
    public async Task<Refusable<ResolvedHousehold>> ResolveAsync(ProfileQuery query, AgencyQuery agencyQuery, int maxMembers, IReadOnlySet<string> memberDataSets, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(memberDataSets);
        var registers = await AskRegistersAsync(query, agencyQuery, deadline);
        if (UnknownPerson(registers) is { } unknown) return unknown;

        var applicant = Applicant(query.Applicant, registers);
        if (query.DeclaredMembers is { } declared)
        {
            var members = declared.Select((d, i) => Declared(d, registers.Declared[i], registers)).Prepend(applicant).ToList();
            var (undeclared, deceased) = LeftOut(declared.Select(d => d.Fin).Append(query.Applicant).ToHashSet(), registers, agencyQuery.Today);
            var excluded = deceased.Concat(await WithStatusAsync(undeclared, memberDataSets, agencyQuery, deadline)).ToList();
            return new ResolvedHousehold(true, members, excluded, registers.AddressId);
        }
        else
        {
            var (candidates, excluded) = Propose(query.Applicant, registers, agencyQuery.Today);
            if (candidates.Count + 1 > maxMembers)
            {
                return new ProfileRefusal(RefusalCodes.TooManyMembers, $"the registries link {candidates.Count + 1} people to the applicant, more than the {maxMembers} a profile may hold; declare the household instead.", "declaredMembers");
            }
            return new ResolvedHousehold(false, [applicant, .. candidates], excluded, registers.AddressId);
        }
    }

    /// <summary>What the registries say about the applicant and the declared members, each asked once and all at once.</summary>
    /// <param name="CoResidents">Who is registered at the applicant's address; null when the register did not say.</param>
    private sealed record Registers(
        SourceResult<IdentityData> Applicant,
        SourceResult<FamilyRelationsData>? Relations,
        CoResidents? CoResidents,
        IReadOnlyList<SourceResult<IdentityData>> Declared)
    {
        /// <summary>The applicant's family ties on record; a relative with two ties (a former spouse remarried) counts by the current one.</summary>
        public IReadOnlyList<FamilyRelation> Ties { get; } = Relations?.Data?.Relations ?? [];

        public IReadOnlyDictionary<Fin, FamilyRelation> TieByFin { get; } = (Relations?.Data?.Relations ?? [])
            .GroupBy(t => t.Relative).ToDictionary(g => g.Key, g => g.OrderBy(t => t.Tie == FamilyTie.FormerSpouse).First());

        public string? ApplicantAddress => Applicant.Data?.Address?.AddressId;

        public string? AddressId => ApplicantAddress ?? CoResidents?.AddressId;

        public IReadOnlySet<Fin> Residents { get; } = CoResidents?.Residents.ToHashSet() ?? [];

        /// <summary>The civil registry answered (with ties or with none): a tie it does not record is not there.</summary>
        public bool RelationsKnown => Relations?.Status is SourceStatus.Ok or SourceStatus.NotFound;
    }

    private async Task<Registers> AskRegistersAsync(ProfileQuery query, AgencyQuery agencyQuery, CancellationToken deadline)
    {
        var identity = fetcher.FetchAsync(_identity, query.Applicant, agencyQuery, deadline);
        var relations = _civil is null ? Task.FromResult<SourceResult<FamilyRelationsData>?>(null) : Nullable(fetcher.FetchAsync(_civil, query.Applicant, agencyQuery, deadline));
        // Through the fetcher like every data set: a cached profile makes no agency call at all.
        var coResidents = fetcher.LookUpAsync(_identity.Agency.Key, "co-residents", query.Applicant, agencyQuery,
            token => _identity.GetCoResidentsAsync(query.Applicant, token), deadline);
        var declared = (query.DeclaredMembers ?? []).Select(d => fetcher.FetchAsync(_identity, d.Fin, agencyQuery, deadline)).ToList();
        await Task.WhenAll([identity, relations, coResidents, .. declared]);
        return new Registers(identity.Result, relations.Result, coResidents.Result, declared.Select(t => t.Result).ToList());
    }

    /// <summary>A refusal when the population register knows no such applicant or declared member.</summary>
    private static ProfileRefusal? UnknownPerson(Registers registers)
    {
        if (registers.Applicant.Status == SourceStatus.NotFound)
        {
            return new ProfileRefusal(RefusalCodes.UnknownPerson, "applicant: the population register has no person with this FIN.", "applicant");
        }
        for (var i = 0; i < registers.Declared.Count; i++)
        {
            if (registers.Declared[i].Status == SourceStatus.NotFound)
            {
                return new ProfileRefusal(RefusalCodes.UnknownMember, $"declaredMembers[{i}].fin: the population register has no person with this FIN.", $"declaredMembers[{i}].fin");
            }
        }
        return null;
    }

    /// <summary>The applicant, with what the registries could not check and the data sets already fetched about them.</summary>
    private static ResolvedMember Applicant(Fin fin, Registers registers)
    {
        var findings = new List<MemberFinding>();
        if (registers.Applicant.Status != SourceStatus.Ok || registers.CoResidents is null)
        {
            findings.Add(new MemberFinding("household-unverified", "The population register did not answer in time: registered co-residents could not be checked."));
        }
        if (registers.Relations is not null && !registers.RelationsKnown)
        {
            findings.Add(new MemberFinding("relations-unverified", "The civil registry did not answer in time: family ties could not be checked."));
        }
        List<SourceResult> fetched = registers.Relations is null ? [registers.Applicant] : [registers.Applicant, registers.Relations];
        return new ResolvedMember(fin, RelationToApplicant.Applicant, [MemberSource.Applicant], findings, fetched);
    }

    /// <summary>A declared member, checked against the civil registry (the relation) and the population register (the address, death).</summary>
    private static ResolvedMember Declared(DeclaredMember d, SourceResult<IdentityData> identity, Registers registers)
    {
        var findings = new List<MemberFinding>();
        var foundBy = new List<MemberSource> { MemberSource.Declared };
        if (registers.TieByFin.TryGetValue(d.Fin, out var tie))
        {
            foundBy.Add(MemberSource.CivilRegistry);
            findings.Add(ToRelation(tie.Tie) == d.Relation
                ? new MemberFinding("relation-confirmed", $"Declared as {d.Relation}; the civil registry agrees.")
                : new MemberFinding("relation-mismatch", $"Declared as {d.Relation}; the civil registry records {tie.Tie}."));
        }
        else if (registers.RelationsKnown)
        {
            findings.Add(new MemberFinding("relation-unconfirmed", $"Declared as {d.Relation}; the civil registry records no family tie to the applicant."));
        }
        var member = identity.Data;
        var address = registers.ApplicantAddress;
        if (registers.Residents.Contains(d.Fin) || (address is not null && member?.Address?.AddressId == address))
        {
            foundBy.Add(MemberSource.SameRegisteredAddress);
            findings.Add(new MemberFinding("address-confirmed", "Registered at the applicant's address."));
        }
        else if (member is not null && address is not null)
        {
            findings.Add(new MemberFinding("address-mismatch", "Registered at another address than the applicant."));
        }
        if (member?.Deceased == true)
        {
            findings.Add(new MemberFinding("deceased", "The population register records this person as deceased."));
        }
        return new ResolvedMember(d.Fin, d.Relation, foundBy, findings, [identity]);
    }

    /// <summary>
    /// Whom a declaration left out: co-residents, and relatives registered elsewhere who would count (their status still
    /// to be looked up); and deceased relatives, named as such.
    /// </summary>
    private static (List<ExcludedPerson> Undeclared, List<ExcludedPerson> Deceased) LeftOut(HashSet<Fin> declared, Registers registers, DateOnly today)
    {
        var undeclared = new List<ExcludedPerson>();
        var deceased = new List<ExcludedPerson>();
        foreach (var resident in registers.Residents.Where(r => !declared.Contains(r)).Order())
        {
            undeclared.Add(new ExcludedPerson(resident, "registered at the applicant's address but not declared", ExcludedPerson.UndeclaredCoResident,
                registers.TieByFin.TryGetValue(resident, out var tie) ? ToRelation(tie.Tie) : null));
        }
        foreach (var t in registers.TieByFin.Values.Where(t => !declared.Contains(t.Relative) && !registers.Residents.Contains(t.Relative)))
        {
            if (IsDeceasedMember(t, today))
            {
                deceased.Add(Deceased(t));
            }
            else if (CountsAsHousehold(t, today))
            {
                undeclared.Add(new ExcludedPerson(t.Relative, $"the civil registry records a {Describe(t.Tie)}, registered elsewhere, who was not declared",
                    ExcludedPerson.UndeclaredRelative, ToRelation(t.Tie)));
            }
        }
        return (undeclared, deceased);
    }

    /// <summary>Without a declaration, the household the registries propose: co-residents, then the relatives who count; deceased relatives excluded.</summary>
    private static (List<ResolvedMember> Candidates, List<ExcludedPerson> Excluded) Propose(Fin applicant, Registers registers, DateOnly today)
    {
        var excluded = new List<ExcludedPerson>();
        var candidates = new Dictionary<Fin, (RelationToApplicant Relation, List<MemberSource> FoundBy)>();
        foreach (var resident in registers.Residents.Order())
        {
            var relation = registers.TieByFin.TryGetValue(resident, out var t) ? ToRelation(t.Tie) : RelationToApplicant.Other;
            var foundBy = new List<MemberSource> { MemberSource.SameRegisteredAddress };
            if (t is not null) foundBy.Add(MemberSource.CivilRegistry);
            candidates[resident] = (relation, foundBy);
        }
        foreach (var t in registers.Ties.Where(t => !candidates.ContainsKey(t.Relative)))
        {
            if (IsDeceasedMember(t, today))
            {
                excluded.Add(Deceased(t));
            }
            else if (CountsAsHousehold(t, today))
            {
                candidates[t.Relative] = (ToRelation(t.Tie), [MemberSource.CivilRegistry]);
            }
        }
        candidates.Remove(applicant);
        return (candidates.Select(c => new ResolvedMember(c.Key, c.Value.Relation, c.Value.FoundBy, [], [])).ToList(), excluded);
    }

    private static async Task<SourceResult<T>?> Nullable<T>(Task<SourceResult<T>> task) where T : class => await task;

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
