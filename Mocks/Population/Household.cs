namespace IntegrationHub.Mocks.Population;

/// <summary>People sharing one registered address (and, as a rule, its utility meters).</summary>
public sealed class Household
{
    public required int Number { get; init; }
    public required string Kind { get; init; }
    public required Address Address { get; init; }
    public List<Person> Members { get; } = [];
    public Person Head => Members[0];

    /// <summary>Marriages, births and adoptions registered between members (and with people outside).</summary>
    public List<CivilAct> Acts { get; } = [];
}

public sealed record Address(string Code, string Region, string City, string Street, string Building, string? Flat)
{
    public override string ToString() => $"{City}, {Street} {Building}{(Flat is null ? "" : " apt " + Flat)}";
}

/// <summary>A civil-registry act tying two people: MARRIAGE (a, b spouses), DIVORCE, BIRTH (a parent, b child), ADOPTION (a parent, b child), DEATH (a only).</summary>
public sealed record CivilAct(string Kind, string Number, DateOnly Date, string FinA, string? FinB);
