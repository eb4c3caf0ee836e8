namespace IntegrationHub.Adapters.Tax;

/// <summary>State Tax Service (e-taxes), individuals API v1 (snake_case).</summary>
public interface ITaxServiceApi
{
    /// <summary>The person's taxpayer registrations (VÖEN, regime, status); 404 <c>TAXPAYER_NOT_FOUND</c> for an unknown FIN.</summary>
    [Get("/etax/v1/individuals/{fin}/registrations")]
    Task<TaxRegistrationsDto> GetRegistrationsAsync(string fin, CancellationToken cancellationToken);

    /// <summary>Income reported for the person, one line per month, kind and payer, for the months <paramref name="from"/> to <paramref name="to"/> (<c>yyyy-MM</c>, inclusive).</summary>
    [Get("/etax/v1/individuals/{fin}/income")]
    Task<TaxIncomeStatementDto> GetIncomeAsync(string fin, [AliasAs("from")] string from, [AliasAs("to")] string to, CancellationToken cancellationToken);
}
