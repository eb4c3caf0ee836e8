namespace IntegrationHub.Contracts.Profiles.DataSets;

/// <summary>State Employment Agency: job-seeker registration, unemployment insurance and refused job offers.</summary>
public sealed record JobSeekerData(bool Registered, DateOnly? RegisteredOn, UnemploymentInsurance? Insurance, IReadOnlyList<JobOffer> RefusedOffers)
{
    /// <summary>The data set's name in the access policy and its place on a member.</summary>
    public static DataSetDescriptor<JobSeekerData> DataSet { get; } = new(
        "job-seeker",
        m => m.JobSeeker,
        (m, set) => m with { JobSeeker = set });
}

public sealed record UnemploymentInsurance(decimal MonthlyAmount, DateOnly From, DateOnly To);

/// <param name="Suitable">The agency judged the offer suitable for the person (only those count towards a refusal).</param>
public sealed record JobOffer(string OfferId, DateOnly OfferedOn, string Employer, string Position, bool Suitable);
