namespace IntegrationHub.Adapters.DisabilityRegistry;

/// <summary>TSERAS wire records to the canonical disability data set (newest assessment first).</summary>
public static class DisabilityRegistryMapper
{
    public static DisabilityData ToDisability(AssessmentsDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        // The registry lists decisions in the order they were entered; the canonical model promises the
        // current one first, so the order is set here rather than trusted.
        return new DisabilityData(dto.Assessments
            .Select(ToAssessment)
            .OrderByDescending(a => a.From)
            .ToList());
    }

    private static DisabilityAssessment ToAssessment(AssessmentDto dto)
    {
        if (dto.ImpairmentPercent is < 0 or > 100)
        {
            throw new FormatException($"Impairment percentage {dto.ImpairmentPercent} from TSERAS (decision {dto.DecisionNumber}) is outside 0-100.");
        }
        if (dto.FormerDegree is { } degree and not (1 or 2 or 3))
        {
            throw new FormatException($"Unknown former disability degree '{degree}' from TSERAS (decision {dto.DecisionNumber}).");
        }
        var indefinite = dto.Term switch
        {
            "INDEFINITE" => true,
            "FIXED_TERM" => false,
            _ => throw new FormatException($"Unknown assessment term '{dto.Term}' from TSERAS (decision {dto.DecisionNumber})."),
        };
        if (!indefinite && dto.ValidUntil is null)
        {
            throw new FormatException($"TSERAS decision {dto.DecisionNumber} is FIXED_TERM but has no valid_until.");
        }
        return new DisabilityAssessment(
            dto.ImpairmentPercent,
            dto.FormerDegree,
            Cause(dto.CauseCode),
            dto.ValidFrom,
            indefinite ? null : dto.ValidUntil,
            indefinite,
            dto.IsChild);
    }

    private static DisabilityCause Cause(string code) => code switch
    {
        "GENERAL_ILLNESS" => DisabilityCause.GeneralIllness,
        "WORK_INJURY" => DisabilityCause.WorkInjury,
        "OCCUPATIONAL_DISEASE" => DisabilityCause.OccupationalDisease,
        "CHERNOBYL" => DisabilityCause.Chernobyl,
        "MILITARY_SERVICE" => DisabilityCause.MilitaryService,
        "FROM_CHILDHOOD" => DisabilityCause.FromChildhood,
        "OTHER" => DisabilityCause.Other,
        _ => throw new FormatException($"Unknown disability cause code '{code}' from TSERAS."),
    };
}
