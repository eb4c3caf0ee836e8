namespace IntegrationHub.Adapters.EmploymentAgency;

/// <summary>State Employment Agency, job-seeker register API v1.</summary>
public interface IEmploymentAgencyApi
{
    /// <summary>The person's job-seeker registration; 200 with <c>NOT_REGISTERED</c> for a citizen who never registered, 404 only for an unknown PIN.</summary>
    [Get("/api/v1/job-seekers/{pin}")]
    Task<JobSeekerStatusDto> GetJobSeekerAsync(string pin, CancellationToken cancellationToken);

    /// <summary>Job offers made to the person between <paramref name="dateFrom"/> and <paramref name="dateTo"/> (inclusive), with their outcome.</summary>
    [Get("/api/v1/job-seekers/{pin}/offers")]
    Task<JobOffersDto> GetOffersAsync(
        string pin,
        [Query(Format = "yyyy-MM-dd")] DateOnly dateFrom,
        [Query(Format = "yyyy-MM-dd")] DateOnly dateTo,
        CancellationToken cancellationToken);
}
