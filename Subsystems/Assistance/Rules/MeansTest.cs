using IntegrationHub.Contracts.Profiles.DataSets;

namespace IntegrationHub.Assistance.Rules;

/// <summary>
/// The means test: a pure function of the declaration, the profile snapshot, the rules and the application
/// date, so a stored decision replays to the same result. Missing agency data gives
/// <see cref="MeansTestOutcome.NeedsData"/>, never a refusal.
/// </summary>
public static class MeansTest
{
    /// <param name="applicationDate">The day the test is for: the criterion's year, the 12 months looked back on, the first month assigned.</param>
    /// <param name="periodEnd">
    /// The last day assigned when approved, instead of <see cref="RuleSet.AssignedMonths"/> from the first: a re-evaluation
    /// changes the amount of an award in force, it does not renew it.
    /// </param>
    public static MeansTestResult Evaluate(ApplicationDeclaration declaration, HouseholdProfile profile, RuleSet rules, DateOnly applicationDate, DateOnly? periodEnd = null)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(rules);
        var criterion = rules.CriterionFor(applicationDate.Year);
        var livingMinimum = rules.LivingMinimumFor(applicationDate.Year);

        var missing = MissingData(profile, rules);
        var months = WindowMonths(profile.Summary);
        var incomeByFin = profile.Summary.MonthlyIncome.ToDictionary(i => i.Fin);
        var notCounted = new List<NotCountedMember>();
        var countedProfiles = new List<MemberProfile>();
        foreach (var member in profile.Members)
        {
            var why = NotCountedReasons.Of(member);
            if (why is null) countedProfiles.Add(member);
            else notCounted.Add(new NotCountedMember(member.Fin, member.Relation, why, WindowOf(incomeByFin.GetValueOrDefault(member.Fin), months) / months));
        }
        var referrals = new List<string>();
        var omissions = Omissions(profile, applicationDate, notCounted, missing, referrals);
        if (countedProfiles.All(m => m.Relation != RelationToApplicant.Applicant) && missing.Count == 0)
        {
            missing.Add("the applicant is not counted as a family member: a caseworker decides");
        }

        // Summed over the window unrounded and divided once, so that no cent is lost or gained before the comparison.
        var counted = countedProfiles
            .Select(m =>
            {
                var imputed = Imputed(m, rules, applicationDate);
                return (Member: m, Window: WindowOf(incomeByFin.GetValueOrDefault(m.Fin), months), Imputed: imputed);
            })
            .ToList();
        var total = (counted.Sum(c => c.Window) + months * counted.Sum(c => c.Imputed)) / months;
        var countedMembers = counted.Select(c => new CountedMember(c.Member.Fin, c.Member.Relation, c.Window / months + c.Imputed, c.Imputed)).ToList();
        var threshold = criterion * counted.Count;

        MeansTestResult Result(MeansTestOutcome outcome, IReadOnlyList<RefusalReason> reasons, decimal? amount = null, DateOnly? from = null, DateOnly? to = null) =>
            new(outcome, rules.Version, applicationDate, criterion, livingMinimum, countedMembers, notCounted, total, threshold, amount, from, to,
                reasons, missing, referrals);

        if (missing.Count > 0) return Result(MeansTestOutcome.NeedsData, []);
        if (referrals.Count > 0) return Result(MeansTestOutcome.Referred, []);

        var reasons = new List<RefusalReason>();
        AddIfAny(reasons, DeclarationMismatch(declaration, profile, rules, applicationDate, omissions, months));
        if (total >= threshold) reasons.Add(new RefusalReason(RefusalReasons.IncomeAboveThreshold, total, threshold, []));
        AddIfAny(reasons, LargeTransactions(countedProfiles, rules, livingMinimum, applicationDate));
        AddIfAny(reasons, Vehicles(countedProfiles));
        AddIfAny(reasons, RefusedJobOffers(countedProfiles, rules, applicationDate));
        AddIfAny(reasons, HighUtilities(profile, counted.Count, rules, livingMinimum));
        AddIfAny(reasons, MultipleProperties(countedProfiles));

        if (reasons.Count > 0) return Result(MeansTestOutcome.Refused, reasons);
        var first = new DateOnly(applicationDate.Year, applicationDate.Month, 1);
        var last = periodEnd is { } end && end >= first ? end : first.AddMonths(rules.AssignedMonths).AddDays(-1);
        return Result(MeansTestOutcome.Approved, [], MonthlyAmount(threshold, total), first, last);
    }

    /// <summary>
    /// The amount paid: the difference rounded once to the qəpik, half away from zero; a family that qualifies by less than
    /// half a qəpik is paid one qəpik, never nothing (docs/domain.md).
    /// </summary>
    public static decimal MonthlyAmount(decimal threshold, decimal income) => Math.Max(0.01m, AznRounding.ToQepik(threshold - income));

    /// <summary>Months in the summary's income window (12).</summary>
    private static int WindowMonths(HouseholdSummary summary) =>
        (summary.IncomeTo.Year - summary.IncomeFrom.Year) * 12 + summary.IncomeTo.Month - summary.IncomeFrom.Month + 1;

    /// <summary>The member's income over the window, unrounded; from the rounded average in profiles made before the hub gave the sum.</summary>
    private static decimal WindowOf(MemberIncome? income, int months) => income is null ? 0m : income.WindowTotal ?? income.Total * months;

    /// <summary>
    /// People the registries tie to the household whom the profile does not hold. The dead, and people the rules would not
    /// count anyway (a conscript, a spouse abroad), are no omission: they are listed as not counted. Whose status is unknown
    /// is missing data. A spouse or a child under 18 on record who is registered elsewhere may or may not share the household:
    /// a caseworker decides. Anyone else left out is an undeclared member (reason 1); the count is returned.
    /// </summary>
    private static int Omissions(HouseholdProfile profile, DateOnly on, List<NotCountedMember> notCounted, List<string> missing, List<string> referrals)
    {
        var omitted = 0;
        foreach (var person in profile.Excluded)
        {
            var relation = person.Relation ?? RelationToApplicant.Other;
            if (person.IsDeceased)
            {
                notCounted.Add(new NotCountedMember(person.Fin, relation, NotCountedReasons.Deceased, null, Declared: false));
            }
            else if (person.StatusUnverified)
            {
                missing.Add("status of a person left out of the declaration: the population register or the status registries did not answer, or the hub may not ask them");
            }
            else if (person.NotCounted is { } why)
            {
                notCounted.Add(new NotCountedMember(person.Fin, relation, why, null, Declared: false));
            }
            else if (person.Code == ExcludedPerson.UndeclaredRelative)
            {
                referrals.Add($"a {Describe(relation)} on record, registered at another address, is not declared: a caseworker decides whether they share the household");
            }
            else
            {
                omitted++;
            }
        }
        foreach (var member in profile.Members.Where(m => m.Findings.Any(f => f.Code == "address-mismatch") && KeptWhenElsewhere(m, on) && NotCountedReasons.Of(m) is null))
        {
            referrals.Add($"the {Describe(member.Relation)} declared is registered at another address: a caseworker decides whether they share the household");
        }
        return omitted;
    }

    /// <summary>Spouses and children under 18 belong to the household even when registered elsewhere, so an address alone does not decide.</summary>
    private static bool KeptWhenElsewhere(MemberProfile member, DateOnly on) =>
        member.Relation == RelationToApplicant.Spouse
        || (member.Relation == RelationToApplicant.Child && member.Identity?.Data?.BirthDate is { } born && born.AddYears(18) > on);

    private static string Describe(RelationToApplicant relation) => relation switch
    {
        RelationToApplicant.OtherRelative => "relative",
        RelationToApplicant.Other => "person",
        _ => relation.ToString().ToLowerInvariant(),
    };

    private static void AddIfAny(List<RefusalReason> reasons, RefusalReason? reason)
    {
        if (reason is not null) reasons.Add(reason);
    }

    /// <summary>The data sets the rules read, per member, that did not come back with an answer.</summary>
    private static List<string> MissingData(HouseholdProfile profile, RuleSet rules)
    {
        var missing = new List<string>();
        foreach (var finding in profile.Members.SelectMany(m => m.Findings).Where(f => f.Code is "household-unverified" or "relations-unverified"))
        {
            missing.Add(finding.Code);
        }
        if (!profile.Summary.IncomeComplete) missing.Add("income: an income source did not answer for some member");
        for (var i = 0; i < profile.Members.Count; i++)
        {
            var m = profile.Members[i];
            void Need<T>(string name, DataSet<T>? set) where T : class
            {
                if (set is null) missing.Add($"member {i + 1}: {name} not permitted to this subsystem");
                else if (set.Status is not (SourceStatus.Ok or SourceStatus.NotFound)) missing.Add($"member {i + 1}: {name} {set.Status}");
            }
            Need("identity", m.Identity);
            Need("status-flags", m.StatusFlags);
            Need("employment", m.Employment);
            Need("job-seeker", m.JobSeeker);
            Need("disability", m.Disability);
            Need("vehicles", m.Vehicles);
            Need("real-estate", m.RealEstate);
            Need("utilities", m.Utilities);
            if (rules.LandIncomePerHectare > 0) Need("land", m.Land);
            if (rules.IdleAbleBodiedImputedIncome > 0) Need("education", m.Education);
        }
        // Asked by address: an occupied address with no account found is a cost not known, never a cost of zero.
        if (profile.Address?.Utilities is { } atAddress)
        {
            if (atAddress.Status is not (SourceStatus.Ok or SourceStatus.NotFound)) missing.Add($"utilities at the registered address: {atAddress.Status}");
            else if (atAddress.Data is not { Accounts.Count: > 0 }) missing.Add("utilities: no account is billed at the registered address, so the household's cost is unknown");
        }
        return missing;
    }

    private static decimal Imputed(MemberProfile member, RuleSet rules, DateOnly applicationDate)
    {
        var imputed = 0m;
        if (rules.LandIncomePerHectare > 0 && member.Land?.Data is { } land)
        {
            imputed += land.TotalHectares * rules.LandIncomePerHectare;
        }
        if (rules.IdleAbleBodiedImputedIncome > 0 && IsAbleBodiedIdle(member, rules, applicationDate)
            && member.Education?.Data?.InFullTimeStudy != true && member.JobSeeker?.Data?.Registered != true)
        {
            imputed += rules.IdleAbleBodiedImputedIncome;
        }
        return imputed;
    }

    /// <summary>18 to pension age, no active contract, not an entrepreneur, no disability of 31 % or more.</summary>
    private static bool IsAbleBodiedIdle(MemberProfile member, RuleSet rules, DateOnly on)
    {
        if (member.Identity?.Data is not { } identity) return false;
        var age = on.Year - identity.BirthDate.Year - (identity.BirthDate.AddYears(on.Year - identity.BirthDate.Year) > on ? 1 : 0);
        if (age < 18 || age >= rules.PensionAge) return false;
        if (member.Employment?.Data?.CurrentlyEmployed == true || member.TaxIncome?.Data?.IsEntrepreneur == true) return false;
        return member.Disability?.Data?.Current is not { Percent: >= 31 } && member.Disability?.Data?.Current?.Under18 != true;
    }

    private static RefusalReason? DeclarationMismatch(ApplicationDeclaration declaration, HouseholdProfile profile, RuleSet rules, DateOnly on, int omissions, int months)
    {
        var details = new List<string>();
        details.AddRange(Enumerable.Repeat("undeclared-member", omissions));
        if (profile.Members.FirstOrDefault(m => m.Relation == RelationToApplicant.Applicant)?.Identity?.Data?.Document is { } document
            && !string.Equals(document.Number, declaration.IdCard.Value, StringComparison.Ordinal))
        {
            details.Add("id-card-mismatch");
        }
        foreach (var member in profile.Members)
        {
            if (member.Findings.Any(f => f.Code == "relation-mismatch")) details.Add("relation-mismatch");
            // A spouse or minor child elsewhere goes to a caseworker instead (Omissions); someone not counted is no one's household question.
            if (member.Findings.Any(f => f.Code == "address-mismatch") && !KeptWhenElsewhere(member, on) && NotCountedReasons.Of(member) is null)
            {
                details.Add("address-mismatch");
            }
            if (member.Relation != RelationToApplicant.Applicant && member.Findings.Any(f => f.Code == "deceased")) details.Add("deceased-member");
        }
        // What is declared for someone not counted does not matter: their income is left out.
        var notCounted = profile.Members.Where(m => NotCountedReasons.Of(m) is not null).Select(m => m.Fin).ToHashSet();
        foreach (var income in profile.Summary.MonthlyIncome.Where(i => !notCounted.Contains(i.Fin)))
        {
            var agencies = WindowOf(income, months) / months;
            var difference = Math.Abs(declaration.DeclaredIncomeOf(income.Fin) - agencies);
            if (difference > rules.IncomeToleranceAbsolute && difference > rules.IncomeToleranceShare * agencies) details.Add("income-mismatch");
        }
        return details.Count == 0 ? null : new RefusalReason(RefusalReasons.DeclarationMismatch, details.Count, 0, details);
    }

    private static RefusalReason? LargeTransactions(List<MemberProfile> counted, RuleSet rules, decimal livingMinimum, DateOnly on)
    {
        var since = on.AddMonths(-12);
        var sum = counted
            .SelectMany(m => m.RealEstate?.Data?.Transactions ?? [])
            .Where(t => t.Date > since && t.Date <= on)
            .DistinctBy(t => (t.RegistryNumber, t.Date, t.Kind))
            .Sum(t => t.Value);
        var limit = rules.TransactionsLivingMinimums * livingMinimum;
        return sum > limit ? new RefusalReason(RefusalReasons.LargeTransactions, sum, limit, []) : null;
    }

    private static RefusalReason? Vehicles(List<MemberProfile> counted)
    {
        var vehicles = counted.SelectMany(m => m.Vehicles?.Data?.Vehicles ?? []).Where(v => !v.StateRehabilitationGrant).DistinctBy(v => v.Plate).ToList();
        return vehicles.Count > 0
            ? new RefusalReason(RefusalReasons.Vehicle, vehicles.Count, 0, vehicles.Select(v => v.Holding == VehicleHolding.Owner ? "owns" : "uses").ToList())
            : null;
    }

    private static RefusalReason? RefusedJobOffers(List<MemberProfile> counted, RuleSet rules, DateOnly on)
    {
        var since = on.AddMonths(-rules.RefusedOffersWindowMonths);
        var most = counted
            .Where(m => IsAbleBodiedIdle(m, rules, on))
            .Select(m => m.JobSeeker?.Data?.RefusedOffers.Count(o => o.Suitable && o.OfferedOn > since && o.OfferedOn <= on) ?? 0)
            .DefaultIfEmpty(0)
            .Max();
        return most >= rules.RefusedOffersLimit ? new RefusalReason(RefusalReasons.RefusedJobOffers, most, rules.RefusedOffersLimit, []) : null;
    }

    /// <summary>
    /// Every account of the household once (people sharing a meter list the same account, and so does the address), averaged
    /// over the months charged; compared unrounded.
    /// </summary>
    private static RefusalReason? HighUtilities(HouseholdProfile profile, int counted, RuleSet rules, decimal livingMinimum)
    {
        if (counted == 0) return null;
        var household = UtilitiesData.Combine(profile.Members.Select(m => m.Utilities?.Data).Append(profile.Address?.Utilities?.Data).OfType<UtilitiesData>());
        if (household.Charges.Count == 0) return null;
        var perPerson = household.AverageMonthlyCharge / counted;
        var limit = rules.UtilitiesShareOfLivingMinimum * livingMinimum;
        return perPerson >= limit ? new RefusalReason(RefusalReasons.HighUtilities, perPerson, limit, []) : null;
    }

    private static RefusalReason? MultipleProperties(List<MemberProfile> counted)
    {
        var byPurpose = counted
            .SelectMany(m => m.RealEstate?.Data?.Holdings ?? [])
            .GroupBy(h => h.Purpose)
            .Select(g => (Purpose: g.Key, Addresses: g.Select(h => h.Address.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count()))
            .Where(p => p.Addresses >= 2)
            .ToList();
        return byPurpose.Count > 0
            ? new RefusalReason(RefusalReasons.MultipleProperties, byPurpose.Max(p => p.Addresses), 1, byPurpose.Select(p => p.Purpose.ToString()).ToList())
            : null;
    }
}
