namespace IntegrationHub.Adapters.EmploymentAgency;

/// <summary>State Employment Agency wire records to the canonical job-seeker data set.</summary>
public static class EmploymentAgencyMapper
{
    public static JobSeekerData ToJobSeeker(JobSeekerStatusDto status, JobOffersDto offers)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(offers);

        var registered = status.RegistrationStatus switch
        {
            "REGISTERED" => true,
            // A deregistered person is no longer a job seeker, but the offers they refused before still count.
            "NOT_REGISTERED" or "DEREGISTERED" => false,
            _ => throw new FormatException($"Unknown registration status '{status.RegistrationStatus}' from the State Employment Agency."),
        };
        if (registered && status.RegisteredOn is null)
        {
            throw new FormatException("The State Employment Agency reports a registered job seeker without a registration date.");
        }

        var refused = new List<JobOffer>();
        foreach (var offer in offers.Offers)
        {
            var isRefusal = offer.Outcome switch
            {
                "REFUSED" => true,
                "ACCEPTED" or "PENDING" or "WITHDRAWN" => false,
                _ => throw new FormatException($"Unknown offer outcome '{offer.Outcome}' from the State Employment Agency."),
            };
            if (isRefusal)
            {
                refused.Add(new JobOffer(offer.OfferId, offer.OfferedOn, offer.EmployerName, offer.Position, offer.Suitable));
            }
        }

        return new JobSeekerData(
            registered,
            registered ? status.RegisteredOn : null,
            status.UnemploymentInsurance is { } i ? new UnemploymentInsurance(i.MonthlyAmount, i.PaidFrom, i.PaidUntil) : null,
            refused.OrderByDescending(o => o.OfferedOn).ToList());
    }
}
