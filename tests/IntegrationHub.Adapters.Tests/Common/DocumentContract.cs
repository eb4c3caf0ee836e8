using IntegrationHub.Contracts.Profiles;

namespace IntegrationHub.Adapters.Tests.Common;

/// <summary>What every document contract test does: point one adapter at a stub registry and read one person.</summary>
internal static class DocumentContract
{
    /// <summary>The day the contract tests ask on: the income window is November 2025 to October 2026.</summary>
    public static readonly AgencyQuery Query = AgencyQuery.For(new DateOnly(2026, 11, 2));

    /// <summary>The adapters, with <paramref name="agency"/> pointed at <paramref name="registry"/> (and its other <paramref name="settings"/>, e.g. <c>MaxPages</c>).</summary>
    public static ServiceProvider Host(RegistryStub registry, string agency, params IEnumerable<(string Setting, string Value)> settings) =>
        AdapterTestHost.Create(
            [new($"Agencies:{agency}:BaseAddress", registry.BaseAddress.ToString()), .. settings.Select(s => new KeyValuePair<string, string?>($"Agencies:{agency}:{s.Setting}", s.Value))]);

    /// <summary>The person's data set as the adapter reads it; fails the test if the adapter found nothing.</summary>
    public static async Task<T> FetchAsync<T>(RegistryStub registry, string agency, string fin)
    {
        using var services = Host(registry, agency);
        return Assert.IsType<T>(await services.Adapter(agency).FetchAsync(Fin.Parse(fin), Query, TestContext.Current.CancellationToken));
    }

    /// <summary>The person's data set, or null when the registry does not know them.</summary>
    public static async Task<object?> FetchOrNullAsync(RegistryStub registry, string agency, string fin)
    {
        using var services = Host(registry, agency);
        return await services.Adapter(agency).FetchAsync(Fin.Parse(fin), Query, TestContext.Current.CancellationToken);
    }

    /// <summary>How the call failed, as the hub reports it on the data set.</summary>
    public static async Task<(SourceStatus Status, string Detail)> FailureAsync(RegistryStub registry, string agency, string fin)
    {
        using var services = Host(registry, agency);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => services.Adapter(agency).FetchAsync(Fin.Parse(fin), Query, TestContext.Current.CancellationToken));
        return AgencyFailure.Classify(error, deadlineReached: false);
    }

    /// <summary>What an address agency holds at <paramref name="address"/> as its adapter reads it, or null when the registry knows no such address.</summary>
    public static async Task<object?> FetchAtAddressOrNullAsync(RegistryStub registry, string agency, string address)
    {
        using var services = Host(registry, agency);
        return await AddressAdapter(services, agency).FetchAtAddressAsync(address, Query, TestContext.Current.CancellationToken);
    }

    /// <summary>How the call about <paramref name="address"/> failed, as the hub reports it on the address's data set.</summary>
    public static async Task<(SourceStatus Status, string Detail)> AddressFailureAsync(
        RegistryStub registry, string agency, string address, params IEnumerable<(string Setting, string Value)> settings)
    {
        using var services = Host(registry, agency, settings);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => AddressAdapter(services, agency).FetchAtAddressAsync(address, Query, TestContext.Current.CancellationToken));
        return AgencyFailure.Classify(error, deadlineReached: false);
    }

    private static IAddressAgencyAdapter<UtilitiesData> AddressAdapter(ServiceProvider services, string agency) =>
        services.Adapter<IAddressAgencyAdapter<UtilitiesData>>(agency);

    /// <summary>The detail of a body that is not the documented JSON (a missing field, a string for a number, a null where none is allowed).</summary>
    public static readonly (SourceStatus, string) MalformedBody = (SourceStatus.Failed, "the agency's answer could not be read (malformed body)");

    /// <summary>The detail of a documented shape holding an undocumented value (an unknown code, an identifier that is not one).</summary>
    public static readonly (SourceStatus, string) MalformedContent = (SourceStatus.Failed, "the agency's answer could not be read (malformed content)");
}
