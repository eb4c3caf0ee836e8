using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace IntegrationHub.Adapters.Common;

/// <summary>The one way an agency adapter is registered: options, generated Refit client, its own resilience pipeline, the adapter.</summary>
public static class AgencyRegistration
{
    /// <summary>
    /// Registers agency <paramref name="key"/>: its <see cref="AgencyOptions"/> (validated at start-up), the
    /// generated Refit client for <typeparamref name="TApi"/> with the agency's JSON context, a standard
    /// resilience pipeline of its own (retry, breaker, timeouts, concurrency limit: never shared with
    /// another agency) and the adapter as an <see cref="IAgencyAdapter"/>.
    /// </summary>
    public static IHttpClientBuilder AddAgencyAdapter<TApi, TAdapter>(
        this IServiceCollection services, IConfiguration configuration, string key, JsonSerializerContext json)
        where TApi : class
        where TAdapter : class, IAgencyAdapter
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAgencyOptions(configuration, key);

        var client = services.AddRefitGeneratedClient<TApi>(json)
            .ConfigureHttpClient((sp, http) =>
                http.BaseAddress = sp.GetRequiredService<IOptionsMonitor<AgencyOptions>>().Get(key).BaseAddress);

        client.AddStandardResilienceHandler()
            .Configure((resilience, sp) => Apply(resilience, sp.GetRequiredService<IOptionsMonitor<AgencyOptions>>().Get(key)));

        services.AddSingleton<TAdapter>();
        services.AddSingleton<IAgencyAdapter>(sp => sp.GetRequiredService<TAdapter>());
        return client;
    }

    /// <summary>Binds and validates the options of agency <paramref name="key"/> (defaults first, then its own section).</summary>
    public static IServiceCollection AddAgencyOptions(this IServiceCollection services, IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(AgencyOptions.SectionName);
        services.AddOptions<AgencyOptions>(key)
            .Configure(o =>
            {
                section.GetSection(AgencyOptions.DefaultsKey).Bind(o);
                section.GetSection(key).Bind(o);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgencyOptions>, AgencyOptionsValidator>());
        return services;
    }

    private static void Apply(HttpStandardResilienceOptions resilience, AgencyOptions agency)
    {
        resilience.AttemptTimeout.Timeout = agency.AttemptTimeout;
        resilience.TotalRequestTimeout.Timeout = agency.TotalTimeout;

        resilience.Retry.MaxRetryAttempts = agency.MaxRetries;
        resilience.Retry.Delay = agency.RetryDelay;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.DisableForUnsafeHttpMethods();
        // Retry-After is honoured, but a server asking for longer than MaxRetryAfter is not waited for:
        // the retry would land past the agency's budget (and the profile's deadline) anyway.
        resilience.Retry.ShouldRetryAfterHeader = true;
        resilience.Retry.MaxDelay = agency.MaxRetryAfter;

        resilience.CircuitBreaker.FailureRatio = agency.BreakerFailureRatio;
        resilience.CircuitBreaker.MinimumThroughput = agency.BreakerMinimumThroughput;
        resilience.CircuitBreaker.SamplingDuration = agency.BreakerSamplingDuration;
        resilience.CircuitBreaker.BreakDuration = agency.BreakDuration;

        resilience.RateLimiter.DefaultRateLimiterOptions = new ConcurrencyLimiterOptions
        {
            PermitLimit = agency.MaxConcurrentCalls,
            QueueLimit = agency.MaxQueuedCalls,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };
    }
}
