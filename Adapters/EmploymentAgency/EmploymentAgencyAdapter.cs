namespace IntegrationHub.Adapters.EmploymentAgency;

/// <summary>The State Employment Agency: job-seeker registration, unemployment insurance and refused job offers.</summary>
public sealed class EmploymentAgencyAdapter(IServiceProvider services, AgencyDescriptor<JobSeekerData> agency)
    : AgencyAdapter<IEmploymentAgencyApi, JobSeekerData>(services, agency)
{
    public const string Key = "employment-agency";

    protected override async Task<JobSeekerData?> FetchDataAsync(IEmploymentAgencyApi api, Fin fin, AgencyQuery query, CancellationToken cancellationToken)
    {
        // Offers are asked for whatever the registration status: someone deregistered after refusing offers
        // still refused them. The window runs to today, not to the end of the income period, because a
        // refusal last week weighs as much as one last year.
        return await BothOrNull(
                () => api.GetJobSeekerAsync(fin.Value, cancellationToken),
                () => api.GetOffersAsync(fin.Value, query.PeriodFrom, query.Today, cancellationToken)) is (var status, var offers)
            ? EmploymentAgencyMapper.ToJobSeeker(status, offers)
            : null;
    }
}
