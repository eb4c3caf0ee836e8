using System.Text.Json.Serialization;

namespace IntegrationHub.Contracts.Profiles.DataSets;

[JsonConverter(typeof(JsonStringEnumConverter<UtilityKind>))]
public enum UtilityKind
{
    Electricity,
    Gas,
    Water,
    Telecom,
}

/// <summary>Utilities and telecom: accounts (meters) and 12 months of charges and payments.</summary>
public sealed record UtilitiesData(IReadOnlyList<UtilityAccount> Accounts, IReadOnlyList<UtilityCharge> Charges)
{
    /// <summary>The data set's name in the access policy and its place on a member and on the address.</summary>
    public static DataSetDescriptor<UtilitiesData> DataSet { get; } = new(
        "utilities",
        m => m.Utilities,
        (m, set) => m with { Utilities = set },
        new AddressPlace<UtilitiesData>(a => a.Utilities, (a, set) => a with { Utilities = set }));

    /// <summary>Average monthly charge over the months present.</summary>
    public decimal AverageMonthlyCharge =>
        Charges.Count == 0 ? 0m : Charges.GroupBy(c => c.Month).Average(g => g.Sum(c => c.Charged));

    /// <summary>
    /// One household's utilities from several answers (each member's, the registered address's): every account once,
    /// every account's month once, since people who share a meter, and the address, list the same account.
    /// </summary>
    public static UtilitiesData Combine(IEnumerable<UtilitiesData> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToList();
        return new UtilitiesData(
            list.SelectMany(p => p.Accounts).DistinctBy(a => a.AccountNumber).ToList(),
            list.SelectMany(p => p.Charges).DistinctBy(c => (c.AccountNumber, c.Month)).ToList());
    }
}

/// <param name="MeterId">The meter; people who share a meter share a household (the working test).</param>
public sealed record UtilityAccount(string AccountNumber, string Provider, UtilityKind Kind, string MeterId, string AddressId);

public sealed record UtilityCharge(DateOnly Month, string AccountNumber, decimal Charged, decimal Paid);
