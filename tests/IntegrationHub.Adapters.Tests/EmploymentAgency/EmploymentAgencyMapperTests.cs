using IntegrationHub.Adapters.EmploymentAgency;

namespace IntegrationHub.Adapters.Tests.EmploymentAgency;

public sealed class EmploymentAgencyMapperTests
{
    private static readonly DateOnly Registered = new(2026, 3, 2);

    private static JobSeekerStatusDto Status(string status = "REGISTERED", DateOnly? registeredOn = null, InsurancePaymentDto? insurance = null) =>
        new("5ABC12D", status, status == "REGISTERED" ? registeredOn ?? Registered : registeredOn, insurance);

    private static JobOffersDto Offers(params JobOfferDto[] offers) => new("5ABC12D", new DateOnly(2025, 11, 1), new DateOnly(2026, 11, 25), offers);

    private static JobOfferDto Offer(string id, int day, string outcome = "REFUSED", bool suitable = true) =>
        new(id, new DateOnly(2026, 6, day), "Azərsu ASC", "operator", suitable, outcome);

    [Fact]
    public void ToJobSeeker_RegisteredWithInsuranceAndRefusal_MapsEveryField()
    {
        var insurance = new InsurancePaymentDto(245.50m, Registered, new DateOnly(2026, 9, 1));

        var data = EmploymentAgencyMapper.ToJobSeeker(Status(insurance: insurance), Offers(Offer("OF-0000001", 10)));

        Assert.True(data.Registered);
        Assert.Equal(Registered, data.RegisteredOn);
        Assert.Equal(245.50m, data.Insurance!.MonthlyAmount);
        Assert.Equal(Registered, data.Insurance.From);
        Assert.Equal(new DateOnly(2026, 9, 1), data.Insurance.To);
        var offer = Assert.Single(data.RefusedOffers);
        Assert.Equal("OF-0000001", offer.OfferId);
        Assert.Equal(new DateOnly(2026, 6, 10), offer.OfferedOn);
        Assert.Equal("Azərsu ASC", offer.Employer);
        Assert.Equal("operator", offer.Position);
        Assert.True(offer.Suitable);
    }

    [Fact]
    public void ToJobSeeker_NeverRegistered_IsNotRegisteredWithNothingElse()
    {
        var data = EmploymentAgencyMapper.ToJobSeeker(Status("NOT_REGISTERED"), Offers());

        Assert.False(data.Registered);
        Assert.Null(data.RegisteredOn);
        Assert.Null(data.Insurance);
        Assert.Empty(data.RefusedOffers);
    }

    [Fact]
    public void ToJobSeeker_Deregistered_KeepsRefusalsButNotTheOldRegistrationDate()
    {
        var data = EmploymentAgencyMapper.ToJobSeeker(Status("DEREGISTERED", registeredOn: Registered), Offers(Offer("OF-1", 3)));

        Assert.False(data.Registered);
        Assert.Null(data.RegisteredOn);
        Assert.Single(data.RefusedOffers);
    }

    [Fact]
    public void ToJobSeeker_OffersWithOtherOutcomes_OnlyRefusalsKeptNewestFirst()
    {
        var data = EmploymentAgencyMapper.ToJobSeeker(Status(), Offers(
            Offer("OF-1", 1), Offer("OF-2", 2, "ACCEPTED"), Offer("OF-3", 3, "PENDING"), Offer("OF-4", 4, "WITHDRAWN"), Offer("OF-5", 5)));

        Assert.Equal(["OF-5", "OF-1"], data.RefusedOffers.Select(o => o.OfferId));
    }

    [Fact]
    public void ToJobSeeker_RefusalOfUnsuitableOffer_KeepsSuitableFalse()
    {
        var data = EmploymentAgencyMapper.ToJobSeeker(Status(), Offers(Offer("OF-1", 1, suitable: false)));

        Assert.False(Assert.Single(data.RefusedOffers).Suitable);
    }

    [Fact]
    public void ToJobSeeker_UnknownRegistrationStatus_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => EmploymentAgencyMapper.ToJobSeeker(Status("SUSPENDED"), Offers()));
        Assert.Contains("'SUSPENDED'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJobSeeker_UnknownOfferOutcome_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => EmploymentAgencyMapper.ToJobSeeker(Status(), Offers(Offer("OF-1", 1, "IGNORED"))));
        Assert.Contains("'IGNORED'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJobSeeker_RegisteredWithoutDate_IsRejected()
    {
        var status = new JobSeekerStatusDto("5ABC12D", "REGISTERED", null, null);

        Assert.Throws<FormatException>(() => EmploymentAgencyMapper.ToJobSeeker(status, Offers()));
    }
}
