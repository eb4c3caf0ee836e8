using IntegrationHub.Adapters.Common;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Contracts.Profiles.DataSets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Adapters.EmploymentAgency;

/// <summary>The State Employment Agency: job-seeker registration, unemployment insurance and refused job offers.</summary>
public sealed class EmploymentAgencyAdapter(IServiceProvider services)
    : AgencyAdapter<IEmploymentAgencyApi, JobSeekerData>(services)
{
    public const string Key = "employment-agency";

    public override AgencyDescriptor Agency { get; } = new(Key, "State Employment Agency", "job-seeker");

    protected override async Task<JobSeekerData?> FetchDataAsync(IEmploymentAgencyApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken)
    {
        if (await NullIfNotFound(() => api.GetJobSeekerAsync(fin.Value, cancellationToken)) is not { } status)
        {
            return null;
        }
        // Offers are asked for whatever the registration status: someone deregistered after refusing offers
        // still refused them. The window runs to today, not to the end of the income period, because a
        // refusal last week weighs as much as one last year.
        var offers = await api.GetOffersAsync(fin.Value, query.PeriodFrom, query.Today, cancellationToken);
        return EmploymentAgencyMapper.ToJobSeeker(status, offers);
    }

    protected override MemberProfile Apply(MemberProfile member, DataSet<JobSeekerData> set) => member with { JobSeeker = set };
}

public static class EmploymentAgencyRegistration
{
    public static IServiceCollection AddEmploymentAgencyAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAgencyAdapter<IEmploymentAgencyApi, EmploymentAgencyAdapter>(configuration, EmploymentAgencyAdapter.Key, EmploymentAgencyJsonContext.Default);
        return services;
    }
}
