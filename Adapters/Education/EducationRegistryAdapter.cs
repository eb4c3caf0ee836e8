namespace IntegrationHub.Adapters.Education;

/// <summary>The education registry (Ministry of Science and Education): enrolments, current and past.</summary>
public sealed class EducationRegistryAdapter(IServiceProvider services, AgencyDescriptor<EducationData> agency)
    : AgencyAdapter<IEducationRegistryApi, EducationData>(services, agency)
{
    public const string Key = "education";

    /// <summary>The registry's largest page.</summary>
    public const int PageSize = 10;

    // No date window: an enrolment that began years ago is still the current one, and its start matters.
    protected override async Task<EducationData?> FetchDataAsync(IEducationRegistryApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken)
    {
        if (await NullIfNotFound(() => Years(1)) is not { } first) return null;
        var years = await AgencyPaging.ReadAllAsync(first, async page => await Years(page), Options.MaxPages);
        return EducationRegistryMapper.ToEducation(years);

        Task<AcademicYearPageDto> Years(int page) => api.GetAcademicYearsAsync(fin.Value, page, PageSize, cancellationToken);
    }
}
