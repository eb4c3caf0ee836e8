namespace IntegrationHub.Adapters.Education;

/// <summary>Education registry of the Ministry of Science and Education, learner records API v1.</summary>
public interface IEducationRegistryApi
{
    /// <summary>
    /// One record per academic year the person was enrolled in, newest first, paged (the registry serves at most
    /// <see cref="EducationRegistryAdapter.PageSize"/> records a page); 404 <c>LEARNER_NOT_FOUND</c> for an unknown PIN.
    /// </summary>
    [Get("/api/v1/learners/{pin}/academic-years")]
    Task<AcademicYearPageDto> GetAcademicYearsAsync(string pin, int page, int pageSize, CancellationToken cancellationToken);
}
