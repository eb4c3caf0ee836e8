using System.Globalization;
using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Contracts.Profiles.DataSets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Adapters.Tax;

/// <summary>The State Tax Service: taxpayer registrations and the monthly income of the query's window.</summary>
public sealed class TaxServiceAdapter(IServiceProvider services)
    : AgencyAdapter<ITaxServiceApi, TaxIncomeData>(services)
{
    public const string Key = "tax";

    public override AgencyDescriptor Agency { get; } = new(Key, "State Tax Service", "tax-income");

    protected override async Task<TaxIncomeData?> FetchDataAsync(ITaxServiceApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken)
    {
        var from = query.PeriodFrom.ToString(TaxServiceMapper.MonthFormat, CultureInfo.InvariantCulture);
        var to = query.PeriodTo.ToString(TaxServiceMapper.MonthFormat, CultureInfo.InvariantCulture);
        // Both calls at once: a profile's critical path is one round trip per phase, not two for tax.
        var registrationsTask = NullIfNotFound(() => api.GetRegistrationsAsync(fin.Value, cancellationToken));
        var statementTask = NullIfNotFound(() => api.GetIncomeAsync(fin.Value, from, to, cancellationToken));
        await Task.WhenAll(registrationsTask, statementTask);
        return registrationsTask.Result is { } registrations && statementTask.Result is { } statement
            ? TaxServiceMapper.ToTaxIncome(registrations, statement)
            : null;
    }

    protected override MemberProfile Apply(MemberProfile member, DataSet<TaxIncomeData> set) => member with { TaxIncome = set };
}

public static class TaxServiceRegistration
{
    public static IServiceCollection AddTaxServiceAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAgencyAdapter<ITaxServiceApi, TaxServiceAdapter>(configuration, TaxServiceAdapter.Key, TaxServiceJsonContext.Default);
        return services;
    }
}
