using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Contracts.Profiles.DataSets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Adapters.Education;

/// <summary>The education registry (Ministry of Science and Education): enrolments, current and past.</summary>
public sealed class EducationRegistryAdapter(IServiceProvider services)
    : AgencyAdapter<IEducationRegistryApi, EducationData>(services)
{
    public const string Key = "education";

    /// <summary>The registry's largest page.</summary>
    public const int PageSize = 10;

    public override AgencyDescriptor Agency { get; } = new(Key, "Education registry (Ministry of Science and Education)", "education");

    // No date window: an enrolment that began years ago is still the current one, and its start matters.
    protected override async Task<EducationData?> FetchDataAsync(IEducationRegistryApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken)
    {
        if (await NullIfNotFound(() => Years(1)) is not { } first) return null;
        var years = await AgencyPaging.ReadAllAsync(first, async page => await Years(page), Options.MaxPages);
        return EducationRegistryMapper.ToEducation(years);

        Task<AcademicYearPageDto> Years(int page) => api.GetAcademicYearsAsync(fin.Value, page, PageSize, cancellationToken);
    }

    protected override MemberProfile Apply(MemberProfile member, DataSet<EducationData> set) => member with { Education = set };
}

public static class EducationRegistryRegistration
{
    public static IServiceCollection AddEducationRegistryAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAgencyAdapter<IEducationRegistryApi, EducationRegistryAdapter>(configuration, EducationRegistryAdapter.Key, EducationRegistryJsonContext.Default);
        return services;
    }
}
