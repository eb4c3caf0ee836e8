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

    /// <summary>A guard against a registry whose <c>total</c> never stops growing: no person has 50 pages of school years.</summary>
    private const int MaxPages = 50;

    public override AgencyDescriptor Agency { get; } = new(Key, "Education registry (Ministry of Science and Education)", "education");

    // No date window: an enrolment that began years ago is still the current one, and its start matters.
    protected override async Task<EducationData?> FetchDataAsync(IEducationRegistryApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken)
    {
        if (await NullIfNotFound(() => api.GetAcademicYearsAsync(fin.Value, 1, PageSize, cancellationToken)) is not { } page)
        {
            return null;
        }
        var years = new List<AcademicYearDto>(page.Items);
        while (years.Count < page.Total && page.Items.Count > 0)
        {
            if (page.Page >= MaxPages)
            {
                throw new FormatException($"The education registry reports {page.Total} records; more than {MaxPages} pages is not a learner record.");
            }
            page = await api.GetAcademicYearsAsync(fin.Value, page.Page + 1, PageSize, cancellationToken);
            years.AddRange(page.Items);
        }
        return EducationRegistryMapper.ToEducation(years);
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
