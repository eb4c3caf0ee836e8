using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Profiles.DataSets;

namespace IntegrationHub.Hub.Engine.Aggregation;

/// <summary>
/// The caseworker's summary of a profile: size, average monthly income per member by source over the
/// 12-month window, asset flags, utilities. Wages come from the tax service; when it failed, from registered
/// labour contracts; when both failed the income is marked incomplete (a lower bound).
/// </summary>
/// <remarks>
/// Money is summed unrounded over the window and each average is the window's sum divided once; the figures
/// shown are rounded once to the qəpik (<see cref="AznRounding"/>). Members the rules do not count
/// (<see cref="NotCountedReasons"/>) are listed with their income but left out of the household's total, as a
/// decision leaves them out (docs/domain.md).
/// </remarks>
public static class HouseholdSummarizer
{
    /// <summary>Data sets the income figures are drawn from: when one is not allowed, the income is a lower bound.</summary>
    public static readonly IReadOnlyList<string> IncomeDataSets = ["tax-income", "employment", "pensions-benefits", "job-seeker"];

    /// <param name="allowedDataSets">What the caller may see (null: everything). A flag whose data set is not allowed is null, so the summary reveals nothing the profile hides.</param>
    /// <param name="address">What the agencies hold at the applicant's address (its utilities count with the members').</param>
    public static HouseholdSummary Summarize(IReadOnlyList<MemberProfile> members, AgencyQuery query, IReadOnlySet<string>? allowedDataSets = null, AddressProfile? address = null)
    {
        bool Allowed(string dataSet) => allowedDataSets is null || allowedDataSets.Contains(dataSet);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(query);
        var complete = IncomeDataSets.All(Allowed);
        var months = WindowMonths(query);
        var incomes = new List<MemberIncome>(members.Count);
        foreach (var member in members)
        {
            // Sums over the whole window, unrounded.
            var bySource = new Dictionary<string, decimal>(StringComparer.Ordinal);
            void Add(string source, decimal amount)
            {
                if (amount != 0) bySource[source] = bySource.GetValueOrDefault(source) + amount;
            }

            if (member.TaxIncome is { Status: SourceStatus.Ok, Data: { } tax })
            {
                foreach (var line in tax.Income.Where(l => InWindow(l.Month, query)))
                {
                    Add(line.Kind switch
                    {
                        IncomeKind.Wage => "wages",
                        IncomeKind.Business => "business",
                        IncomeKind.Property => "property",
                        IncomeKind.HouseholdPlot => "householdPlot",
                        _ => "otherIncome",
                    }, line.Gross);
                }
            }
            else if (member.Employment is { Status: SourceStatus.Ok, Data: { } employment })
            {
                foreach (var contract in employment.Contracts)
                {
                    Add("wages", contract.MonthlyWage * MonthsCovered(contract.StartDate, contract.EndDate, query));
                }
                complete &= member.TaxIncome?.Status is null or SourceStatus.NotFound;
            }
            else
            {
                complete &= IsAnswered(member.TaxIncome) && IsAnswered(member.Employment);
            }

            if (member.PensionsBenefits is { Status: SourceStatus.Ok, Data: { } benefits })
            {
                foreach (var payment in benefits.Payments.Where(p => InWindow(p.Month, query)))
                {
                    Add(payment.Kind.Contains("pension", StringComparison.OrdinalIgnoreCase) ? "pensions" : "allowances", payment.Amount);
                }
            }
            else
            {
                complete &= IsAnswered(member.PensionsBenefits);
            }

            if (member.JobSeeker is { Status: SourceStatus.Ok, Data.Insurance: { } insurance })
            {
                Add("unemploymentInsurance", insurance.MonthlyAmount * MonthsCovered(insurance.From, insurance.To, query));
            }
            else
            {
                complete &= IsAnswered(member.JobSeeker);
            }

            var windowTotal = bySource.Values.Sum();
            incomes.Add(new MemberIncome(
                member.Fin,
                bySource.ToDictionary(kv => kv.Key, kv => AznRounding.ToQepik(kv.Value / months), StringComparer.Ordinal),
                AznRounding.ToQepik(windowTotal / months),
                windowTotal,
                NotCountedReasons.Of(member)));
        }

        bool? vehicle = !Allowed("vehicles") ? null : members.Any(m => m.Vehicles?.Data?.Vehicles.Any(v => !v.StateRehabilitationGrant) == true);
        var holdings = members.SelectMany(m => m.RealEstate?.Data?.Holdings ?? []).ToList();
        bool? secondProperty = !Allowed("real-estate") ? null : holdings.GroupBy(h => h.Purpose).Any(g => g.Select(h => h.Address).Distinct(StringComparer.OrdinalIgnoreCase).Count() >= 2);
        bool? land = !Allowed("land") ? null : members.Any(m => m.Land?.Data?.Shares.Count > 0);
        var counted = incomes.Where(i => i.NotCounted is null).ToList();

        return new HouseholdSummary(
            members.Count,
            query.PeriodFrom,
            query.PeriodTo,
            incomes,
            AznRounding.ToQepik(counted.Sum(i => i.WindowTotal!.Value) / months),
            complete,
            new AssetFlags(vehicle, secondProperty, land),
            counted.Count,
            Allowed("utilities") ? MonthlyUtilities(members, address) : null);
    }

    /// <summary>Every account of the household once, averaged over the months charged; null when no account was found at all.</summary>
    private static decimal? MonthlyUtilities(IReadOnlyList<MemberProfile> members, AddressProfile? address)
    {
        var parts = new List<UtilitiesData>(members.Count + 1);
        foreach (var member in members)
        {
            if (member.Utilities?.Data is { } data) parts.Add(data);
        }
        if (address?.Utilities?.Data is { } atAddress) parts.Add(atAddress);
        var household = UtilitiesData.Combine(parts);
        return household.Accounts.Count == 0 && household.Charges.Count == 0 ? null : AznRounding.ToQepik(household.AverageMonthlyCharge);
    }

    private static bool IsAnswered<T>(DataSet<T>? set) where T : class =>
        set is null || set.Status is SourceStatus.Ok or SourceStatus.NotFound or SourceStatus.NotPermitted;

    private static bool InWindow(DateOnly month, AgencyQuery query) => month >= query.PeriodFrom && month <= query.PeriodTo;

    private static int WindowMonths(AgencyQuery query) =>
        (query.PeriodTo.Year - query.PeriodFrom.Year) * 12 + query.PeriodTo.Month - query.PeriodFrom.Month + 1;

    /// <summary>
    /// How many months of the window a monthly amount paid over [start, end] covers: whole months counted from the
    /// first day covered (to the same day of a later month), and the part month left pro-rated by its days. So a benefit
    /// from 15 March to 14 September is 6 months, and one from 1 to 14 February 2024 is 14/29 of a month.
    /// </summary>
    private static decimal MonthsCovered(DateOnly start, DateOnly? end, AgencyQuery query)
    {
        var from = start > query.PeriodFrom ? start : query.PeriodFrom;
        var to = end is { } e && e < query.PeriodTo ? e : query.PeriodTo;
        if (to < from) return 0m;
        var after = to.AddDays(1);
        var whole = 0;
        while (Anchor(from, whole + 1) <= after) whole++;
        var partStart = Anchor(from, whole);
        var partEnd = Anchor(from, whole + 1);
        return whole + (decimal)(after.DayNumber - partStart.DayNumber) / (partEnd.DayNumber - partStart.DayNumber);
    }

    /// <summary>The same day <paramref name="months"/> months after <paramref name="from"/>; a month without that day (31 April, 29 February 2025) moves it to the 1st of the next.</summary>
    private static DateOnly Anchor(DateOnly from, int months)
    {
        var month = new DateOnly(from.Year, from.Month, 1).AddMonths(months);
        return from.Day <= DateTime.DaysInMonth(month.Year, month.Month) ? month.AddDays(from.Day - 1) : month.AddMonths(1);
    }
}
