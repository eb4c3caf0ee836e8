using Microsoft.Extensions.Options;

namespace IntegrationHub.Adapters.Tests.Common;

public sealed class AgencyOptionsValidatorTests
{
    private const string Secret = "s3cret-value-never-shown";

    [Fact]
    public void Validate_DefaultsWithABaseAddress_Succeed()
    {
        var result = Validate(Valid());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Validate_MaxPagesBelowOne_NamesTheSetting(int maxPages)
    {
        var options = Valid();
        options.MaxPages = maxPages;

        Assert.Equal([$"Agencies:tax:MaxPages ({maxPages}) must be at least 1."], Validate(options).Failures);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("ApiKey,BearerToken")]
    [InlineData("2")]
    [InlineData("")]
    public void Validate_UnknownAuthenticationKind_ListsTheKinds(string kind)
    {
        var options = Valid();
        options.Authentication.Kind = kind;

        Assert.Equal([$"Agencies:tax:Authentication:Kind '{kind}' must be one of None, ApiKey, BearerToken, ClientCertificate."], Validate(options).Failures);
    }

    [Theory]
    [InlineData("apikey")]
    [InlineData("ApiKey")]
    public void Validate_KindInAnyCase_Accepted(string kind)
    {
        var options = Valid();
        options.Authentication.Kind = kind;
        options.Authentication.HeaderName = "X-Api-Key";
        options.Authentication.Key = Secret;

        Assert.True(Validate(options).Succeeded);
        Assert.Equal(AgencyAuthenticationKind.ApiKey, options.Authentication.ParsedKind);
    }

    [Fact]
    public void Validate_ApiKeyWithoutHeaderOrKey_NamesBothSettings()
    {
        var options = Valid();
        options.Authentication.Kind = "ApiKey";

        Assert.Equal(
        [
            "Agencies:tax:Authentication:HeaderName is missing: the header the registry reads the key from, e.g. X-Api-Key.",
            "Agencies:tax:Authentication:Key is missing: give it from a secret store or the environment (Agencies__tax__Authentication__Key), not in appsettings.json.",
        ], Validate(options).Failures);
    }

    [Fact]
    public void Validate_ApiKeyOverPlainHttp_RefusedUnlessLoopback()
    {
        var remote = ApiKeyOptions(new Uri("http://etax.example.az/"));
        var loopback = ApiKeyOptions(new Uri("http://127.0.0.1:5099/"));

        Assert.Equal(["Agencies:tax:BaseAddress must be https with an API key: over http the credential can be read on the way."], Validate(remote).Failures);
        Assert.True(Validate(loopback).Succeeded);
    }

    [Fact]
    public void Validate_ApiKeyHeaderNameWithASpace_Refused()
    {
        var options = ApiKeyOptions(new Uri("https://etax.example.az/"));
        options.Authentication.HeaderName = "X Api Key";

        Assert.Equal(["Agencies:tax:Authentication:HeaderName 'X Api Key' is not a valid HTTP header name."], Validate(options).Failures);
    }

    [Fact]
    public void Validate_BearerTokenIncomplete_NamesEverySetting()
    {
        var options = Valid();
        options.Authentication.Kind = "BearerToken";

        Assert.Equal(
        [
            "Agencies:tax:Authentication:TokenUrl is missing: the registry's OAuth 2.0 token endpoint.",
            "Agencies:tax:Authentication:ClientId is missing: the hub's client id at the token endpoint.",
            "Agencies:tax:Authentication:ClientSecret is missing: give it from a secret store or the environment (Agencies__tax__Authentication__ClientSecret), not in appsettings.json.",
        ], Validate(options).Failures);
    }

    [Fact]
    public void Validate_TokenUrlOverPlainHttp_Refused()
    {
        var options = Valid();
        options.Authentication.Kind = "BearerToken";
        options.Authentication.TokenUrl = new Uri("http://sso.example.az/token");
        options.Authentication.ClientId = "hub";
        options.Authentication.ClientSecret = Secret;

        Assert.Equal(["Agencies:tax:Authentication:TokenUrl 'http://sso.example.az/token' must be https: the client secret would cross the network readable."], Validate(options).Failures);
    }

    [Fact]
    public void Validate_CredentialsWithoutAKind_Refused()
    {
        var options = Valid();
        options.Authentication.Key = Secret;

        Assert.Equal(["Agencies:tax:Authentication has credentials but Kind is None: set Kind to ApiKey, BearerToken or ClientCertificate."], Validate(options).Failures);
    }

    [Fact]
    public void Validate_ClientCertificateMissingFileAndHttp_NamesBoth()
    {
        var options = Valid();
        options.BaseAddress = new Uri("http://127.0.0.1:5099/");
        options.Authentication.Kind = "ClientCertificate";
        options.Authentication.CertificateFile = "/nonexistent/hub.pfx";

        Assert.Equal(
        [
            "Agencies:tax:BaseAddress must be https with Authentication:Kind ClientCertificate: the certificate is presented in the TLS handshake.",
            "Agencies:tax:Authentication:CertificateFile '/nonexistent/hub.pfx' does not exist.",
        ], Validate(options).Failures);
    }

    [Fact]
    public void Validate_ClientCertificateWrongPassword_SaysSoWithoutThePassword()
    {
        using var pki = TestPki.Create("tax");
        var options = Valid();
        options.Authentication.Kind = "ClientCertificate";
        options.Authentication.CertificateFile = pki.ClientPkcs12File;
        options.Authentication.CertificatePassword = Secret;

        var failure = Assert.Single(Validate(options).Failures!);

        Assert.StartsWith($"Agencies:tax:Authentication:CertificateFile '{pki.ClientPkcs12File}' cannot be read (check CertificatePassword and KeyFile)", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ClientCertificateReadable_Succeeds()
    {
        using var pki = TestPki.Create("tax");
        var options = Valid();
        options.TrustedCaFile = pki.AuthorityPemFile;
        options.Authentication.Kind = "ClientCertificate";
        options.Authentication.CertificateFile = pki.ClientPkcs12File;
        options.Authentication.CertificatePassword = pki.ClientPassword;

        Assert.True(Validate(options).Succeeded, Validate(options).FailureMessage);
    }

    [Fact]
    public void Validate_PemCertificateWithoutItsKey_Refused()
    {
        using var pki = TestPki.Create("tax");
        var options = Valid();
        options.Authentication.Kind = "ClientCertificate";
        options.Authentication.CertificateFile = pki.ClientPemFile;

        var failure = Assert.Single(Validate(options).Failures!);

        Assert.StartsWith($"Agencies:tax:Authentication:CertificateFile '{pki.ClientPemFile}' cannot be read", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TrustedCaFileMissing_Refused()
    {
        var options = Valid();
        options.TrustedCaFile = "/nonexistent/ca.pem";

        Assert.Equal(["Agencies:tax:TrustedCaFile '/nonexistent/ca.pem' does not exist."], Validate(options).Failures);
    }

    [Fact]
    public void StartUp_BearerTokenWithoutItsSecret_FailsNamingTheSetting()
    {
        // The other agencies have no base address here: start-up reports them too, all at once.
        using var services = AdapterTestHost.Create(new Dictionary<string, string?>
        {
            ["Agencies:tax:BaseAddress"] = "https://etax.example.az/",
            ["Agencies:tax:Authentication:Kind"] = "BearerToken",
            ["Agencies:tax:Authentication:TokenUrl"] = "https://sso.example.az/token",
            ["Agencies:tax:Authentication:ClientId"] = "hub",
        });

        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Agencies:tax:Authentication:ClientSecret is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartUp_InvalidAgency_EachMessageAtMostTwice()
    {
        // Once from the agency's options, once from its client's resilience options (which read them); the token
        // client, built for every agency, does not add a third copy.
        using var services = AdapterTestHost.Create(new Dictionary<string, string?> { ["Agencies:tax:BaseAddress"] = "https://etax.example.az/", ["Agencies:tax:MaxPages"] = "0" });

        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());

        var message = "Agencies:tax:MaxPages (0) must be at least 1.";
        Assert.Equal(2, error.Message.Split(message).Length - 1);
    }

    private static ValidateOptionsResult Validate(AgencyOptions options) => new AgencyOptionsValidator().Validate("tax", options);

    private static AgencyOptions Valid() => new() { BaseAddress = new Uri("https://etax.example.az/") };

    private static AgencyOptions ApiKeyOptions(Uri baseAddress)
    {
        var options = new AgencyOptions { BaseAddress = baseAddress };
        options.Authentication.Kind = "ApiKey";
        options.Authentication.HeaderName = "X-Api-Key";
        options.Authentication.Key = Secret;
        return options;
    }
}
