namespace IntegrationHub.Mocks.Population;

/// <summary>A citizen worth trying, with what is notable about them and their household.</summary>
public sealed record SampleCitizen(string Fin, string IdCardNumber, DateOnly BirthDate, string Name, string HouseholdKind, int HouseholdSize, string Notable);

public sealed partial class SyntheticPopulation
{
    /// <summary>
    /// For every household kind, the first <paramref name="perKind"/> households' applicant (the living
    /// head, or the first living adult) with the notes of everyone in the household. A household left without a
    /// living adult (the country moves in time) is no sample.
    /// </summary>
    public IReadOnlyList<SampleCitizen> Samples(int perKind = 1)
    {
        using var reading = Read();
        return _households
            .Where(h => h.Members.Any(m => !m.Deceased && m.AgeOn(AsOf) >= 18))
            .GroupBy(h => h.Kind)
            .SelectMany(g => g.Take(perKind))
            .Select(h =>
            {
                var applicant = h.Members.First(m => !m.Deceased && m.AgeOn(AsOf) >= 18);
                var notes = h.Members.SelectMany(m => m.Notes.Select(n => m == applicant ? n : $"{m.Role}: {n}")).ToList();
                var living = h.Members.Count(m => !m.Deceased);
                return new SampleCitizen(applicant.Fin, applicant.IdCardNumber, applicant.BirthDate, $"{applicant.GivenName} {applicant.Surname}",
                    h.Kind, living, notes.Count == 0 ? h.Kind.Replace('-', ' ') : string.Join("; ", notes));
            })
            .ToList();
    }
}
