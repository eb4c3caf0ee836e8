using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Adapters.Common;

/// <summary>Start-up validation of every agency's options, with messages that name the setting and the fix (and never a secret's value).</summary>
public sealed partial class AgencyOptionsValidator : IValidateOptions<AgencyOptions>
{
    public ValidateOptionsResult Validate(string? name, AgencyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var at = $"{AgencyOptions.SectionName}:{name}";
        var errors = new List<string>();

        if (options.BaseAddress is null)
        {
            errors.Add($"{at}:BaseAddress is missing: set it to the registry's URL (or run with Mocks:InProcess=true).");
        }
        else if (!options.BaseAddress.IsAbsoluteUri || options.BaseAddress.Scheme is not ("http" or "https"))
        {
            errors.Add($"{at}:BaseAddress '{options.BaseAddress}' must be an absolute http or https URL.");
        }

        Positive(options.AttemptTimeout, nameof(options.AttemptTimeout));
        Positive(options.TotalTimeout, nameof(options.TotalTimeout));
        Positive(options.BreakDuration, nameof(options.BreakDuration));
        Positive(options.CacheLifetime, nameof(options.CacheLifetime));
        if (options.TotalTimeout <= options.AttemptTimeout)
        {
            errors.Add($"{at}:TotalTimeout ({options.TotalTimeout}) must be greater than AttemptTimeout ({options.AttemptTimeout}).");
        }
        if (options.BreakerSamplingDuration < 2 * options.AttemptTimeout)
        {
            errors.Add($"{at}:BreakerSamplingDuration ({options.BreakerSamplingDuration}) must be at least twice AttemptTimeout ({options.AttemptTimeout}), or slow calls never count.");
        }
        if (options.MaxRetries is < 0 or > 10)
        {
            errors.Add($"{at}:MaxRetries ({options.MaxRetries}) must be between 0 and 10.");
        }
        if (options.RetryDelay < TimeSpan.Zero || options.MaxRetryAfter < TimeSpan.Zero)
        {
            errors.Add($"{at}:RetryDelay and MaxRetryAfter must not be negative.");
        }
        if (options.BreakerFailureRatio is <= 0 or > 1)
        {
            errors.Add($"{at}:BreakerFailureRatio ({options.BreakerFailureRatio}) must be above 0 and at most 1.");
        }
        if (options.BreakerMinimumThroughput < 2)
        {
            errors.Add($"{at}:BreakerMinimumThroughput ({options.BreakerMinimumThroughput}) must be at least 2.");
        }
        if (options.MaxConcurrentCalls < 1 || options.MaxQueuedCalls < 0)
        {
            errors.Add($"{at}:MaxConcurrentCalls must be at least 1 and MaxQueuedCalls not negative.");
        }
        if (options.MaxPages < 1)
        {
            errors.Add($"{at}:MaxPages ({options.MaxPages}) must be at least 1.");
        }
        if (options.StaleLifetime < options.CacheLifetime)
        {
            errors.Add($"{at}:StaleLifetime ({options.StaleLifetime}) must not be shorter than CacheLifetime ({options.CacheLifetime}).");
        }
        ValidateCredentials(at, options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

        void Positive(TimeSpan value, string setting)
        {
            if (value <= TimeSpan.Zero) errors.Add($"{at}:{setting} ({value}) must be positive.");
        }
    }

    private static void ValidateCredentials(string at, AgencyOptions options, List<string> errors)
    {
        var a = options.Authentication;
        var section = $"{at}:Authentication";
        var https = options.BaseAddress is { IsAbsoluteUri: true, Scheme: "https" };
        var loopback = options.BaseAddress is { IsAbsoluteUri: true, IsLoopback: true };
        if (!AgencyAuthenticationOptions.TryParseKind(a.Kind, out var kind))
        {
            errors.Add($"{section}:Kind '{a.Kind}' must be one of {string.Join(", ", Enum.GetNames<AgencyAuthenticationKind>())}.");
            return;
        }
        switch (kind)
        {
            case AgencyAuthenticationKind.None:
                // A key or secret given without a kind would be silently left unsent.
                if (!string.IsNullOrEmpty(a.Key) || !string.IsNullOrEmpty(a.ClientSecret) || !string.IsNullOrEmpty(a.CertificateFile))
                {
                    errors.Add($"{section} has credentials but Kind is None: set Kind to ApiKey, BearerToken or ClientCertificate.");
                }
                break;

            case AgencyAuthenticationKind.ApiKey:
                if (string.IsNullOrWhiteSpace(a.HeaderName))
                {
                    errors.Add($"{section}:HeaderName is missing: the header the registry reads the key from, e.g. X-Api-Key.");
                }
                else if (!HeaderToken().IsMatch(a.HeaderName))
                {
                    errors.Add($"{section}:HeaderName '{a.HeaderName}' is not a valid HTTP header name.");
                }
                Secret(a.Key, "Key");
                CredentialOverHttps("an API key");
                break;

            case AgencyAuthenticationKind.BearerToken:
                if (a.TokenUrl is null)
                {
                    errors.Add($"{section}:TokenUrl is missing: the registry's OAuth 2.0 token endpoint.");
                }
                else if (!a.TokenUrl.IsAbsoluteUri || a.TokenUrl.Scheme is not ("http" or "https"))
                {
                    errors.Add($"{section}:TokenUrl '{a.TokenUrl}' must be an absolute http or https URL.");
                }
                else if (a.TokenUrl.Scheme == "http" && !a.TokenUrl.IsLoopback)
                {
                    errors.Add($"{section}:TokenUrl '{a.TokenUrl}' must be https: the client secret would cross the network readable.");
                }
                if (string.IsNullOrWhiteSpace(a.ClientId))
                {
                    errors.Add($"{section}:ClientId is missing: the hub's client id at the token endpoint.");
                }
                Secret(a.ClientSecret, "ClientSecret");
                CredentialOverHttps("a bearer token");
                break;

            case AgencyAuthenticationKind.ClientCertificate:
                if (!https)
                {
                    errors.Add($"{at}:BaseAddress must be https with Authentication:Kind ClientCertificate: the certificate is presented in the TLS handshake.");
                }
                if (string.IsNullOrWhiteSpace(a.CertificateFile))
                {
                    errors.Add($"{section}:CertificateFile is missing: a PKCS#12 file (.pfx), or a PEM certificate with KeyFile.");
                    break;
                }
                if (!File.Exists(a.CertificateFile))
                {
                    errors.Add($"{section}:CertificateFile '{a.CertificateFile}' does not exist.");
                    break;
                }
                if (!string.IsNullOrEmpty(a.KeyFile) && !File.Exists(a.KeyFile))
                {
                    errors.Add($"{section}:KeyFile '{a.KeyFile}' does not exist.");
                    break;
                }
                try
                {
                    using var certificate = AgencyTls.LoadClientCertificate(a);
                    if (!certificate.HasPrivateKey)
                    {
                        errors.Add($"{section}:CertificateFile '{a.CertificateFile}' holds no private key: give a PKCS#12 file with its key, or KeyFile.");
                    }
                }
                catch (CryptographicException e)
                {
                    // The message says what is wrong with the file; it never holds the password.
                    errors.Add($"{section}:CertificateFile '{a.CertificateFile}' cannot be read (check CertificatePassword and KeyFile): {e.Message}");
                }
                break;
        }

        if (!string.IsNullOrEmpty(options.TrustedCaFile))
        {
            if (!File.Exists(options.TrustedCaFile))
            {
                errors.Add($"{at}:TrustedCaFile '{options.TrustedCaFile}' does not exist.");
            }
            else
            {
                try
                {
                    if (AgencyTls.LoadAuthorities(options.TrustedCaFile).Count == 0)
                    {
                        errors.Add($"{at}:TrustedCaFile '{options.TrustedCaFile}' holds no PEM certificate.");
                    }
                }
                catch (CryptographicException e)
                {
                    errors.Add($"{at}:TrustedCaFile '{options.TrustedCaFile}' cannot be read as PEM certificates: {e.Message}");
                }
            }
        }

        void Secret(string? value, string setting)
        {
            if (string.IsNullOrEmpty(value))
            {
                errors.Add($"{section}:{setting} is missing: give it from a secret store or the environment ({section.Replace(":", "__", StringComparison.Ordinal)}__{setting}), not in appsettings.json.");
            }
        }

        void CredentialOverHttps(string what)
        {
            if (!https && !loopback)
            {
                errors.Add($"{at}:BaseAddress must be https with {what}: over http the credential can be read on the way.");
            }
        }
    }

    /// <summary>An HTTP header name (RFC 9110 token).</summary>
    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderToken();
}
