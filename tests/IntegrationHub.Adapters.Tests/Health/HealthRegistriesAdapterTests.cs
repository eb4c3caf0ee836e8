using IntegrationHub.Adapters.Health;

namespace IntegrationHub.Adapters.Tests.Health;

public sealed class HealthRegistriesAdapterTests(MockCountryFixture fixture) : MockCountryAdapterTests(fixture, HealthRegistriesAdapter.Key)
{
    [Fact]
    public async Task Fetch_SickLeave_ComesBackOnlyWhileItOverlapsTheWindow()
    {
        var patient = Country.Population.People.First(p => p.SickLeave.Count > 0);
        var (from, to, icd) = patient.SickLeave[0];
        var asOf = Country.Population.AsOf;

        var now = await FetchAsync<HealthData>(patient.Fin, AgencyQuery.For(asOf));
        // Fourteen months on, the window starts after the certificate closed.
        var later = await FetchAsync<HealthData>(patient.Fin, AgencyQuery.For(asOf.AddMonths(14)));

        var leave = Assert.Single(now.SickLeave);
        Assert.Equal(new SickLeave(from, to, icd), leave);
        Assert.Empty(later.SickLeave);
    }

    [Fact]
    public async Task Fetch_PersonReferredForDisability_GetsTheReferralWithItsDiagnoses()
    {
        var patient = Country.Population.People.First(p => p.Referrals.Count > 0);

        var data = await FetchAsync<HealthData>(patient.Fin);

        var expected = patient.Referrals[0];
        var referral = Assert.Single(data.Referrals);
        Assert.Equal((expected.Number, "88", expected.IssuedOn, expected.Clinic), (referral.ReferralNumber, referral.Form, referral.IssuedOn, referral.Clinic));
        Assert.Equal(expected.Icd10, referral.DiagnosisCodes);
    }

    [Fact]
    public async Task Fetch_ReferralForAMalignancy_ShowsAnOncologyRegistryEntry()
    {
        var patient = Country.Population.People.First(p => p.Referrals.Any(r => r.Icd10.Any(c => c.StartsWith('C'))));

        var data = await FetchAsync<HealthData>(patient.Fin);

        var entry = Assert.Single(data.Registries);
        Assert.Equal(DiseaseRegistry.Oncology, entry.Registry);
        Assert.StartsWith("C", entry.DiagnosisCode, StringComparison.Ordinal);
    }
}
