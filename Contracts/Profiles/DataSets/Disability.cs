namespace IntegrationHub.Contracts.Profiles.DataSets;

[JsonConverter(typeof(JsonStringEnumConverter<DisabilityCause>))]
public enum DisabilityCause
{
    GeneralIllness,
    WorkInjury,
    OccupationalDisease,
    Chernobyl,
    MilitaryService,
    FromChildhood,
    Other,
}

/// <summary>Disability registry (TSERAS): the person's assessments, newest first.</summary>
public sealed record DisabilityData(IReadOnlyList<DisabilityAssessment> Assessments)
{
    /// <summary>The data set's name in the access policy and its place on a member.</summary>
    public static DataSetDescriptor<DisabilityData> DataSet { get; } = new(
        "disability",
        m => m.Disability,
        (m, set) => m with { Disability = set });

    public DisabilityAssessment? Current => Assessments.Count == 0 ? null : Assessments[0];
}

/// <param name="Percent">Body-function impairment in steps of 5 %.</param>
/// <param name="FormerDegree">1, 2 or 3 for the pre-2022 degree this percentage corresponds to; null below 31 % or under 18.</param>
/// <param name="Until">End of validity; null when <see cref="Indefinite"/>.</param>
public sealed record DisabilityAssessment(int Percent, int? FormerDegree, DisabilityCause Cause, DateOnly From, DateOnly? Until, bool Indefinite, bool Under18);
