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

    /// <summary>Average monthly charge over the months present: every charge summed, divided by the number of months charged.</summary>
    public decimal AverageMonthlyCharge
    {
        get
        {
            if (Charges.Count == 0) return 0m;
            // Exact in decimal, so the same as averaging each month's sum; the months counted without a set (a year has 12).
            Span<int> months = Charges.Count <= 256 ? stackalloc int[Charges.Count] : new int[Charges.Count];
            var distinct = 0;
            var total = 0m;
            foreach (var charge in Charges)
            {
                total += charge.Charged;
                var day = charge.Month.DayNumber;
                if (!months[..distinct].Contains(day)) months[distinct++] = day;
            }
            return total / distinct;
        }
    }

    /// <summary>
    /// One household's utilities from several answers (each member's, the registered address's): every account once,
    /// every account's month once, since people who share a meter, and the address, list the same account.
    /// </summary>
    public static UtilitiesData Combine(IEnumerable<UtilitiesData> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts as IReadOnlyList<UtilitiesData> ?? parts.ToList();
        int accountCount = 0, chargeCount = 0;
        foreach (var part in list)
        {
            accountCount += part.Accounts.Count;
            chargeCount += part.Charges.Count;
        }
        // Loops with sets sized once: a household's profile combines a few hundred charges every time it is assembled.
        var accounts = new List<UtilityAccount>(accountCount);
        var charges = new List<UtilityCharge>(chargeCount);
        var accountSeen = new HashSet<string>(accountCount, StringComparer.Ordinal);
        var chargeSeen = new HashSet<(string, DateOnly)>(chargeCount);
        foreach (var part in list)
        {
            foreach (var account in part.Accounts)
            {
                if (accountSeen.Add(account.AccountNumber)) accounts.Add(account);
            }
            foreach (var charge in part.Charges)
            {
                if (chargeSeen.Add((charge.AccountNumber, charge.Month))) charges.Add(charge);
            }
        }
        return new UtilitiesData(accounts, charges);
    }
}

/// <param name="MeterId">The meter; people who share a meter share a household (the working test).</param>
public sealed record UtilityAccount(string AccountNumber, string Provider, UtilityKind Kind, string MeterId, string AddressId);

public sealed record UtilityCharge(DateOnly Month, string AccountNumber, decimal Charged, decimal Paid);
