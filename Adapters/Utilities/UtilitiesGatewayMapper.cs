using System.Globalization;

namespace IntegrationHub.Adapters.Utilities;

/// <summary>Utilities gateway wire records to the canonical utilities data set.</summary>
public static class UtilitiesGatewayMapper
{
    /// <summary>Maps the accounts and charges; accounts listed for anyone but <paramref name="subscriber"/> are rejected.</summary>
    public static UtilitiesData ToUtilities(Fin subscriber, SubscriberAccountsDto accounts, IReadOnlyList<MonthlyChargeDto> charges)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(charges);
        if (Fin.Parse(accounts.SubscriberFin) != subscriber)
        {
            throw new FormatException("The utilities gateway answered with the accounts of a different subscriber.");
        }
        return new UtilitiesData(
            accounts.Accounts.Select(ToAccount).ToList(),
            charges.Select(ToCharge).OrderBy(c => c.Month).ThenBy(c => c.AccountNumber, StringComparer.Ordinal).ToList());
    }

    /// <summary>Maps the accounts and charges billed at an address; an answer about another address, or listing an account elsewhere, is rejected.</summary>
    public static UtilitiesData ToAddressUtilities(string addressId, AddressAccountsDto accounts, IReadOnlyList<MonthlyChargeDto> charges)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(addressId);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(charges);
        if (!string.Equals(accounts.AddressCode, addressId, StringComparison.Ordinal) || accounts.Accounts.Any(a => !string.Equals(a.AddressCode, addressId, StringComparison.Ordinal)))
        {
            throw new FormatException("The utilities gateway answered with accounts at a different address.");
        }
        return new UtilitiesData(
            accounts.Accounts.Select(ToAccount).ToList(),
            charges.Select(ToCharge).OrderBy(c => c.Month).ThenBy(c => c.AccountNumber, StringComparer.Ordinal).ToList());
    }

    public static UtilityAccount ToAccount(SubscriberAccountDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        var kind = dto.ServiceType switch
        {
            "ELECTRICITY" => UtilityKind.Electricity,
            "GAS" => UtilityKind.Gas,
            "WATER" => UtilityKind.Water,
            "TELECOM" => UtilityKind.Telecom,
            _ => throw new FormatException($"Unknown service type '{dto.ServiceType}' from the utilities gateway."),
        };
        return new UtilityAccount(dto.AccountNo, dto.Provider, kind, dto.MeterId, dto.AddressCode);
    }

    public static UtilityCharge ToCharge(MonthlyChargeDto dto)
    {
        ArgumentNullException.ThrowIfNull(dto);
        if (!DateOnly.TryParseExact(dto.Period, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            throw new FormatException($"Billing period '{dto.Period}' of account '{dto.AccountNo}' is not a month (yyyy-MM).");
        }
        if (dto.ChargedAzn < 0 || dto.PaidAzn < 0)
        {
            throw new FormatException($"Account '{dto.AccountNo}' has a negative charge or payment for {dto.Period}.");
        }
        return new UtilityCharge(month, dto.AccountNo, dto.ChargedAzn, dto.PaidAzn);
    }
}
