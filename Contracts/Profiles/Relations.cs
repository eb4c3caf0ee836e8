namespace IntegrationHub.Contracts.Profiles;

/// <summary>How a household member is related to the applicant.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RelationToApplicant>))]
public enum RelationToApplicant
{
    Applicant,
    Spouse,
    Child,
    Parent,
    Sibling,
    Grandparent,
    Grandchild,
    OtherRelative,
    /// <summary>Shares the household (registered address or declaration) with no family tie on record.</summary>
    Other,
}

/// <summary>How the hub came to include a person in the household.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MemberSource>))]
public enum MemberSource
{
    /// <summary>The person the request is about.</summary>
    Applicant,
    /// <summary>Named in the applicant's declaration.</summary>
    Declared,
    /// <summary>The civil registry records a family tie to the applicant.</summary>
    CivilRegistry,
    /// <summary>The population register has the person at the applicant's registered address.</summary>
    SameRegisteredAddress,
}
