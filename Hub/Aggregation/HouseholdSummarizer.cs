using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Contracts.Profiles.DataSets;

namespace IntegrationHub.Hub.Aggregation;

/// <summary>
/// The caseworker's summary of a profile: size, average monthly income per member by source over the
/// 12-month window, asset flags. Wages come from the tax service; when it failed, from registered
/// labour contracts; when both failed the income is marked incomplete (a lower bound).
/// </summary>
public static class HouseholdSummarizer
{
    /// <summary>Data sets the income figures are drawn from: when one is not allowed, the income is a lower bound.</summary>
    public static readonly IReadOnlyList<string> IncomeDataSets = ["tax-income", "employment", "pensions-benefits", "job-seeker"];

    /// <param name="allowedDataSets">What the caller may see (null: everything). A flag whose data set is not allowed is null, so the summary reveals nothing the profile hides.</param>
    public static HouseholdSummary Summarize(IReadOnlyList<MemberProfile> members, AgencyQuery query, IReadOnlySet<string>? allowedDataSets = null)
    {
        bool Allowed(string dataSet) => allowedDataSets is null || allowedDataSets.Contains(dataSet);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(query);
        var complete = IncomeDataSets.All(Allowed);
        var incomes = new List<MemberIncome>(members.Count);
        foreach (var member in members)
        {
            var bySource = new Dictionary<string, decimal>(StringComparer.Ordinal);
            void Add(string source, decimal yearly)
            {
                if (yearly != 0) bySource[source] = bySource.GetValueOrDefault(source) + yearly;
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

            var monthly = bySource.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value / 12m, 2), StringComparer.Ordinal);
            incomes.Add(new MemberIncome(member.Fin, monthly, monthly.Values.Sum()));
        }

        bool? vehicle = !Allowed("vehicles") ? null : members.Any(m => m.Vehicles?.Data?.Vehicles.Any(v => !v.StateRehabilitationGrant) == true);
        var holdings = members.SelectMany(m => m.RealEstate?.Data?.Holdings ?? []).ToList();
        bool? secondProperty = !Allowed("real-estate") ? null : holdings.GroupBy(h => h.Purpose).Any(g => g.Select(h => h.Address).Distinct(StringComparer.OrdinalIgnoreCase).Count() >= 2);
        bool? land = !Allowed("land") ? null : members.Any(m => m.Land?.Data?.Shares.Count > 0);

        return new HouseholdSummary(
            members.Count,
            query.PeriodFrom,
            query.PeriodTo,
            incomes,
            incomes.Sum(i => i.Total),
            complete,
            new AssetFlags(vehicle, secondProperty, land));
    }

    private static bool IsAnswered<T>(DataSet<T>? set) where T : class =>
        set is null || set.Status is SourceStatus.Ok or SourceStatus.NotFound or SourceStatus.NotPermitted;

    private static bool InWindow(DateOnly month, AgencyQuery query) => month >= query.PeriodFrom && month <= query.PeriodTo;

    /// <summary>Whole months of the window a period [start, end] touches.</summary>
    private static int MonthsCovered(DateOnly start, DateOnly? end, AgencyQuery query)
    {
        var count = 0;
        for (var month = query.PeriodFrom; month <= query.PeriodTo; month = month.AddMonths(1))
        {
            if (start <= month.AddMonths(1).AddDays(-1) && (end is null || end.Value >= month)) count++;
        }
        return count;
    }
}
