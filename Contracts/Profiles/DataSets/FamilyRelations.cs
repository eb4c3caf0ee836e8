using IntegrationHub.Contracts.Identifiers;

namespace IntegrationHub.Contracts.Profiles.DataSets;

[JsonConverter(typeof(JsonStringEnumConverter<FamilyTie>))]
public enum FamilyTie
{
    Spouse,
    FormerSpouse,
    Child,
    AdoptedChild,
    Parent,
    Sibling,
}

/// <summary>Civil registry: the person's recorded family ties (from birth, marriage, divorce, adoption and death acts).</summary>
public sealed record FamilyRelationsData(IReadOnlyList<FamilyRelation> Relations)
{
    /// <summary>The data set's name in the access policy and its place on a member.</summary>
    public static DataSetDescriptor<FamilyRelationsData> DataSet { get; } = new(
        "family-relations",
        m => m.FamilyRelations,
        (m, set) => m with { FamilyRelations = set });
}

/// <param name="Tie">What <see cref="Relative"/> is to the person.</param>
/// <param name="RelativeBirthDate">Known for children from the birth act; lets a caseworker see children's ages.</param>
/// <param name="ActReference">The registry act behind the tie, e.g. "MARRIAGE 2011/4471".</param>
public sealed record FamilyRelation(FamilyTie Tie, Fin Relative, DateOnly? Since, DateOnly? Until, DateOnly? RelativeBirthDate, bool RelativeDeceased, string ActReference);
