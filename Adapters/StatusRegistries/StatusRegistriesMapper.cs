namespace IntegrationHub.Adapters.StatusRegistries;

/// <summary>Combined status service wire records to the canonical status flags.</summary>
public static class StatusRegistriesMapper
{
    public const string CreditBureau = "CREDIT_BUREAU";

    /// <summary>
    /// The registries whose silence must mean "no": each decides whether the person counts as a family member,
    /// and the canonical flags are plain booleans with no "unknown".
    /// </summary>
    public static readonly IReadOnlyList<string> RequiredRegistries =
        ["DEFENCE", "PENITENTIARY", "INTERIOR", "MIGRATION", "SOCIAL_SERVICES", "IDP_COMMITTEE"];

    public static StatusFlagsData ToStatusFlags(StatusEnvelopeDto envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var dto = envelope.Data ?? throw new FormatException("The status service answered without a data element.");

        foreach (var registry in dto.CheckedRegistries)
        {
            if (registry != CreditBureau && !RequiredRegistries.Contains(registry))
            {
                throw new FormatException($"Unknown registry '{registry}' from the status service.");
            }
        }
        // A registry left out would read as "not a prisoner", "not abroad"... and count the person in the family
        // by mistake. Better no data set (the hub reports the source as failed) than a wrong one.
        if (RequiredRegistries.FirstOrDefault(r => !dto.CheckedRegistries.Contains(r)) is { } missing)
        {
            throw new FormatException($"The status service did not consult registry '{missing}'; its flags cannot be read as absent.");
        }

        bool conscript = false, prisoner = false, wanted = false, abroad = false, foreigner = false, stateCare = false, idp = false;
        int loans = 0;
        decimal outstanding = 0m;
        foreach (var flag in dto.Flags)
        {
            switch (flag.Registry, flag.Code)
            {
                case ("DEFENCE", "ACTIVE_MILITARY_SERVICE"): conscript = true; break;
                case ("PENITENTIARY", "SERVING_SENTENCE"): prisoner = true; break;
                case ("INTERIOR", "WANTED"): wanted = true; break;
                case ("MIGRATION", "RESIDING_ABROAD"): abroad = true; break;
                case ("MIGRATION", "FOREIGN_CITIZEN"): foreigner = true; break;
                case ("SOCIAL_SERVICES", "FULL_STATE_CARE"): stateCare = true; break;
                case ("IDP_COMMITTEE", "IDP"): idp = true; break;
                case (CreditBureau, "OPEN_LOANS"):
                    if (flag.Count is not { } count || flag.Amount is not { } amount || count < 0 || amount < 0)
                    {
                        throw new FormatException("The credit bureau's OPEN_LOANS flag needs a non-negative count and amount.");
                    }
                    loans += count;
                    outstanding += amount;
                    break;
                default:
                    throw new FormatException($"Unknown flag '{flag.Code}' from registry '{flag.Registry}' of the status service.");
            }
        }

        // No OPEN_LOANS flag from a consulted bureau means no loans; an unconsulted bureau means unknown.
        var credit = dto.CheckedRegistries.Contains(CreditBureau) ? new CreditSummary(loans, outstanding) : null;
        return new StatusFlagsData(conscript, prisoner, wanted, abroad, foreigner, stateCare, idp, credit);
    }
}
