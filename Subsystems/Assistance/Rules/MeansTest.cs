using IntegrationHub.Assistance.Applications;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Contracts.Profiles.DataSets;

namespace IntegrationHub.Assistance.Rules;

/// <summary>
/// The means test: a pure function of the declaration, the profile snapshot, the rules and the application
/// date, so a stored decision replays to the same result. Missing agency data gives
/// <see cref="MeansTestOutcome.NeedsData"/>, never a refusal.
/// </summary>
public static class MeansTest
{
    public static MeansTestResult Evaluate(ApplicationDeclaration declaration, HouseholdProfile profile, RuleSet rules, DateOnly applicationDate)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(rules);
        var criterion = rules.CriterionFor(applicationDate.Year);
        var livingMinimum = rules.LivingMinimumFor(applicationDate.Year);

        var missing = MissingData(profile, rules);
        var notCounted = new List<NotCountedMember>();
        var countedProfiles = new List<MemberProfile>();
        foreach (var member in profile.Members)
        {
            var why = NotCountedReason(member);
            if (why is null) countedProfiles.Add(member);
            else notCounted.Add(new NotCountedMember(member.Fin, member.Relation, why));
        }
        if (countedProfiles.All(m => m.Relation != RelationToApplicant.Applicant) && missing.Count == 0)
        {
            missing.Add("the applicant is not counted as a family member: a caseworker decides");
        }

        var incomeByFin = profile.Summary.MonthlyIncome.ToDictionary(i => i.Fin, i => i.Total);
        var counted = countedProfiles
            .Select(m =>
            {
                var imputed = Imputed(m, rules, applicationDate);
                return new CountedMember(m.Fin, m.Relation, incomeByFin.GetValueOrDefault(m.Fin) + imputed, imputed);
            })
            .ToList();
        var total = counted.Sum(c => c.MonthlyIncome);
        var threshold = criterion * counted.Count;

        if (missing.Count > 0)
        {
            return new MeansTestResult(MeansTestOutcome.NeedsData, rules.Version, applicationDate, criterion, livingMinimum, counted, notCounted,
                total, threshold, null, null, null, [], missing);
        }

        var reasons = new List<RefusalReason>();
        AddIfAny(reasons, DeclarationMismatch(declaration, profile, rules));
        if (total >= threshold) reasons.Add(new RefusalReason(RefusalReasons.IncomeAboveThreshold, total, threshold, []));
        AddIfAny(reasons, LargeTransactions(countedProfiles, rules, livingMinimum, applicationDate));
        AddIfAny(reasons, Vehicles(countedProfiles));
        AddIfAny(reasons, RefusedJobOffers(countedProfiles, rules, applicationDate));
        AddIfAny(reasons, HighUtilities(profile.Members, counted.Count, rules, livingMinimum));
        AddIfAny(reasons, MultipleProperties(countedProfiles));

        if (reasons.Count > 0)
        {
            return new MeansTestResult(MeansTestOutcome.Refused, rules.Version, applicationDate, criterion, livingMinimum, counted, notCounted,
                total, threshold, null, null, null, reasons, []);
        }
        var from = new DateOnly(applicationDate.Year, applicationDate.Month, 1);
        return new MeansTestResult(MeansTestOutcome.Approved, rules.Version, applicationDate, criterion, livingMinimum, counted, notCounted,
            total, threshold, Math.Round(threshold - total, 2, MidpointRounding.AwayFromZero), from, from.AddMonths(rules.AssignedMonths).AddDays(-1), [], []);
    }

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
        return missing;
    }

    private static string? NotCountedReason(MemberProfile member)
    {
        if (member.Findings.Any(f => f.Code == "deceased") || member.Identity?.Data?.Deceased == true) return "deceased";
        if (member.StatusFlags?.Data is not { } s) return null;
        if (s.Conscript) return "conscript";
        if (s.Prisoner) return "prisoner";
        if (s.Wanted) return "wanted";
        if (s.LivingAbroad) return "abroad";
        if (s.Foreigner) return "foreigner";
        if (s.InFullStateCare) return "state-care";
        return null;
    }

    private static decimal Imputed(MemberProfile member, RuleSet rules, DateOnly applicationDate)
    {
        var imputed = 0m;
        if (rules.LandIncomePerHectare > 0 && member.Land?.Data is { } land)
        {
            imputed += Math.Round(land.TotalHectares * rules.LandIncomePerHectare, 2);
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

    private static RefusalReason? DeclarationMismatch(ApplicationDeclaration declaration, HouseholdProfile profile, RuleSet rules)
    {
        var details = new List<string>();
        // The hub lists people the registries tie to the household whom the declaration left out; the dead are listed too, but are no omission.
        details.AddRange(profile.Excluded.Where(e => !e.Reason.Contains("deceased", StringComparison.OrdinalIgnoreCase)).Select(_ => "undeclared-member"));
        if (profile.Members.FirstOrDefault(m => m.Relation == RelationToApplicant.Applicant)?.Identity?.Data?.Document is { } document
            && !string.Equals(document.Number, declaration.IdCard.Value, StringComparison.Ordinal))
        {
            details.Add("id-card-mismatch");
        }
        foreach (var member in profile.Members)
        {
            if (member.Findings.Any(f => f.Code == "relation-mismatch")) details.Add("relation-mismatch");
            if (member.Findings.Any(f => f.Code == "address-mismatch")) details.Add("address-mismatch");
            if (member.Relation != RelationToApplicant.Applicant && member.Findings.Any(f => f.Code == "deceased")) details.Add("deceased-member");
        }
        foreach (var income in profile.Summary.MonthlyIncome)
        {
            var declared = declaration.DeclaredIncomeOf(income.Fin);
            var difference = Math.Abs(declared - income.Total);
            if (difference > rules.IncomeToleranceAbsolute && difference > rules.IncomeToleranceShare * income.Total) details.Add("income-mismatch");
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

    /// <summary>Every account of the household once (people sharing a meter list the same account), averaged over the months charged.</summary>
    private static RefusalReason? HighUtilities(IReadOnlyList<MemberProfile> members, int counted, RuleSet rules, decimal livingMinimum)
    {
        if (counted == 0) return null;
        var charges = members.SelectMany(m => m.Utilities?.Data?.Charges ?? []).DistinctBy(c => (c.AccountNumber, c.Month)).ToList();
        if (charges.Count == 0) return null;
        var monthly = charges.Sum(c => c.Charged) / charges.Select(c => c.Month).Distinct().Count();
        var perPerson = monthly / counted;
        var limit = rules.UtilitiesShareOfLivingMinimum * livingMinimum;
        // Compared unrounded; shown to the citizen in cents.
        return perPerson >= limit
            ? new RefusalReason(RefusalReasons.HighUtilities, Math.Round(perPerson, 2, MidpointRounding.ToZero), Math.Round(limit, 2, MidpointRounding.AwayFromZero), [])
            : null;
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
