using System.Globalization;

namespace IntegrationHub.Adapters.Tax;

/// <summary>The State Tax Service: taxpayer registrations and the monthly income of the query's window.</summary>
public sealed class TaxServiceAdapter(IServiceProvider services, AgencyDescriptor<TaxIncomeData> agency)
    : AgencyAdapter<ITaxServiceApi, TaxIncomeData>(services, agency)
{
    public const string Key = "tax";

    protected override async Task<TaxIncomeData?> FetchDataAsync(ITaxServiceApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken)
    {
        var from = query.PeriodFrom.ToString(TaxServiceMapper.MonthFormat, CultureInfo.InvariantCulture);
        var to = query.PeriodTo.ToString(TaxServiceMapper.MonthFormat, CultureInfo.InvariantCulture);
        return await BothOrNull(
                () => api.GetRegistrationsAsync(fin.Value, cancellationToken),
                () => api.GetIncomeAsync(fin.Value, from, to, cancellationToken)) is (var registrations, var statement)
            ? TaxServiceMapper.ToTaxIncome(registrations, statement)
            : null;
    }
}
