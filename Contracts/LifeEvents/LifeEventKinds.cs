namespace IntegrationHub.Contracts.LifeEvents;

/// <summary>
/// The kinds of change the agencies tell the hub about (docs/life-events.md), as they travel in
/// <see cref="Messaging.PersonChanged.Kind"/> and in the last part of a CloudEvent's <c>type</c>
/// (<c>az.gov.{agency}.{kind}</c>). New kinds may be added; existing ones never change meaning.
/// </summary>
public static class LifeEventKinds
{
    /// <summary>Population register: a child was born (the child first, then the parents).</summary>
    public const string Birth = "birth";

    /// <summary>Population register: a person died.</summary>
    public const string Death = "death";

    /// <summary>Population register: a person's registered address changed.</summary>
    public const string Move = "move";

    /// <summary>Civil registry: two people married (both named).</summary>
    public const string Marriage = "marriage";

    /// <summary>Civil registry: a marriage ended by divorce (both named).</summary>
    public const string Divorce = "divorce";

    /// <summary>Labour contracts (the employment registry): a contract began.</summary>
    public const string ContractStarted = "contract-started";

    /// <summary>Labour contracts (the employment registry): a contract ended.</summary>
    public const string ContractEnded = "contract-ended";

    /// <summary>Disability registry: a new assessment was recorded.</summary>
    public const string DisabilityAssessed = "disability-assessed";

    /// <summary>Social fund (DSMF): a pension was granted.</summary>
    public const string PensionGranted = "pension-granted";

    public static readonly IReadOnlyList<string> All =
        [Birth, Death, Move, Marriage, Divorce, ContractStarted, ContractEnded, DisabilityAssessed, PensionGranted];
}
