namespace IntegrationHub.Adapters.Population;

/// <summary>
/// The population register as household resolution uses it: people's identities (its data set) and who is registered at
/// a person's address. The engine reaches the register through this alone.
/// </summary>
public interface IPopulationRegister : IAgencyAdapter<IdentityData>
{
    /// <summary>The living people registered at the person's address, or null for an unknown person.</summary>
    Task<CoResidents?> GetCoResidentsAsync(Fin fin, CancellationToken cancellationToken);
}
