namespace IntegrationHub.Contracts.Profiles;

/// <summary>
/// The one rounding rule for money (docs/domain.md): figures are computed and compared unrounded; an amount paid
/// or shown is rounded once, to the qəpik (0.01 AZN), half away from zero.
/// </summary>
public static class AznRounding
{
    public static decimal ToQepik(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
