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
    /// <summary>Average monthly charge over the months present.</summary>
    public decimal AverageMonthlyCharge =>
        Charges.Count == 0 ? 0m : Charges.GroupBy(c => c.Month).Average(g => g.Sum(c => c.Charged));
}

/// <param name="MeterId">The meter; people who share a meter share a household (the working test).</param>
public sealed record UtilityAccount(string AccountNumber, string Provider, UtilityKind Kind, string MeterId, string AddressId);

public sealed record UtilityCharge(DateOnly Month, string AccountNumber, decimal Charged, decimal Paid);
