namespace IntegrationHub.Contracts.Profiles.DataSets;

/// <summary>Status registries (defence, penitentiary, migration, IDP committee, credit bureau): facts that decide who counts as a family member.</summary>
public sealed record StatusFlagsData(
    bool Conscript,
    bool Prisoner,
    bool Wanted,
    bool LivingAbroad,
    bool Foreigner,
    bool InFullStateCare,
    bool InternallyDisplaced,
    CreditSummary? Credit)
{
    /// <summary>The data set's name in the access policy and its place on a member.</summary>
    public static DataSetDescriptor<StatusFlagsData> DataSet { get; } = new(
        "status-flags",
        m => m.StatusFlags,
        (m, set) => m with { StatusFlags = set });

    /// <summary>True when the rules do not count the person as a family member.</summary>
    public bool ExcludedFromFamily => Conscript || Prisoner || Wanted || LivingAbroad || Foreigner || InFullStateCare;
}

/// <summary>Credit registry, for information only: loans are not income.</summary>
public sealed record CreditSummary(int OpenLoans, decimal Outstanding);
