using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace IntegrationHub.Adapters.Common;

/// <summary>The one way an agency adapter is registered: options, generated Refit client, its own resilience pipeline, the adapter.</summary>
public static class AgencyRegistration
{
    /// <summary>
    /// Registers one agency of the catalog: its <see cref="AgencyOptions"/> (validated at start-up), the generated
    /// Refit client for <typeparamref name="TApi"/> with the agency's JSON context under the agency's key, a standard
    /// resilience pipeline of its own (retry, breaker, timeouts, concurrency limit: never shared with another agency)
    /// and the adapter, an <see cref="IAgencyAdapter"/> keyed by the agency.
    /// </summary>
    internal static void AddAgencyAdapter<TApi, TAdapter, TData>(
        this IServiceCollection services, IConfiguration configuration, AgencyDescriptor<TData> agency, JsonSerializerContext json)
        where TApi : class
        where TAdapter : AgencyAdapter<TApi, TData>
        where TData : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var key = agency.Key;
        if (typeof(IAddressAgencyAdapter<TData>).IsAssignableFrom(typeof(TAdapter)) && agency.Set.AtAddress is null)
        {
            throw new InvalidOperationException($"Agency '{key}' answers by address, but its data set '{agency.DataSet}' has no place on the address (DataSetDescriptor.AtAddress).");
        }
        services.AddAgencyOptions(configuration, key);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AgencyBreakerStates>();
        services.TryAddTransient<AgencyBudgetHandler>();
        services.AddAgencyTokenSource(key);

        // Keyed by the agency: two agencies sharing one API (one adapter class) still have a client each.
        var client = services.AddKeyedRefitGeneratedClient<TApi>(key, json)
            .ConfigureHttpClient((sp, http) => http.BaseAddress = Settings(sp, key).BaseAddress)
            // Client certificate (mutual TLS) and trusted authorities, when the agency's settings have them.
            .ConfigurePrimaryHttpMessageHandler((handler, sp) => AgencyTls.Configure(handler, Settings(sp, key)))
            // Agency URLs carry FINs (/persons/{fin}); HttpClient's default logging would put them in every line
            // and scope. The hub logs outcomes itself, without personal data.
            .RemoveAllLoggers();

        // Outside the resilience handler, so that the budget starts before the first attempt.
        client.AddHttpMessageHandler<AgencyBudgetHandler>();
        // Outside it too: retries reuse the credentials, and the one retry after a 401 runs the whole pipeline again.
        client.AddHttpMessageHandler(sp => new AgencyCredentialsHandler(
            key, sp.GetRequiredService<IOptionsMonitor<AgencyOptions>>(), sp.GetRequiredKeyedService<AgencyTokenSource>(key)));
        client.AddStandardResilienceHandler()
            .Configure((resilience, sp) =>
            {
                var breakers = sp.GetRequiredService<AgencyBreakerStates>();
                Apply(resilience, Settings(sp, key), sp.GetRequiredService<TimeProvider>(), state => breakers.Report(key, state), unsafeMethods: false);
            });

        // The correction protocol (AgencyCorrections): the same address, credentials and TLS; a budget and retries of its own
        // are not needed (a request not accepted is sent again later by whoever filed it), so only a timeout.
        var corrections = services.AddKeyedRefitGeneratedClient<IAgencyCorrectionsApi>(key, AgencyCorrectionsJsonContext.Default)
            .ConfigureHttpClient((sp, http) => { http.BaseAddress = Settings(sp, key).BaseAddress; http.Timeout = Settings(sp, key).TotalTimeout; })
            .ConfigurePrimaryHttpMessageHandler((handler, sp) => AgencyTls.Configure(handler, Settings(sp, key)))
            .RemoveAllLoggers();
        corrections.AddHttpMessageHandler(sp => new AgencyCredentialsHandler(
            key, sp.GetRequiredService<IOptionsMonitor<AgencyOptions>>(), sp.GetRequiredKeyedService<AgencyTokenSource>(key)));
        services.TryAddSingleton<AgencyCorrections>();

        services.AddKeyedSingleton<IAgencyAdapter>(key, (sp, _) => ActivatorUtilities.CreateInstance<TAdapter>(sp, agency));
        services.AddSingleton(sp => sp.GetRequiredKeyedService<IAgencyAdapter>(key));
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

    /// <summary>
    /// The client that asks <paramref name="key"/>'s token endpoint for access tokens (used when its authentication is
    /// <c>BearerToken</c>), and the token source that keeps them. The token call has the agency's own timeouts and
    /// retries, so a slow or failing token endpoint is bounded like the registry itself.
    /// </summary>
    private static void AddAgencyTokenSource(this IServiceCollection services, string key)
    {
        services.AddKeyedSingleton(key, (sp, _) => new AgencyTokenSource(
            key,
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IOptionsMonitor<AgencyOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AgencyTokenSource>>()));
        services.AddHttpClient(AgencyTokenSource.ClientName(key))
            // The token endpoint often sits on the registry's own PKI.
            .ConfigurePrimaryHttpMessageHandler((handler, sp) => AgencyTls.Configure(handler, Settings(sp, key)))
            // Token requests carry the client secret and answers carry tokens: no HttpClient logging.
            .RemoveAllLoggers()
            .AddStandardResilienceHandler()
            // A token request is a POST, but asking again for a token is harmless: it is retried like a GET.
            .Configure((resilience, sp) =>
            {
                // Invalid agency settings stop the start-up through the agency's own validation; reading them here
                // would only repeat every message once more.
                if (SettingsIfValid(sp, key) is { } agency)
                {
                    Apply(resilience, agency, sp.GetRequiredService<TimeProvider>(), report: null, unsafeMethods: true);
                }
            });
    }

    private static AgencyOptions Settings(IServiceProvider services, string key) =>
        services.GetRequiredService<IOptionsMonitor<AgencyOptions>>().Get(key);

    private static AgencyOptions? SettingsIfValid(IServiceProvider services, string key)
    {
        try
        {
            return Settings(services, key);
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }

    private static void Apply(HttpStandardResilienceOptions resilience, AgencyOptions agency, TimeProvider time, Action<CircuitState>? report, bool unsafeMethods)
    {
        resilience.AttemptTimeout.Timeout = agency.AttemptTimeout;
        resilience.TotalRequestTimeout.Timeout = agency.TotalTimeout;

        // The standard handler insists on at least one retry; MaxRetries 0 keeps one that never fires.
        resilience.Retry.MaxRetryAttempts = Math.Max(1, agency.MaxRetries);
        resilience.Retry.Delay = agency.RetryDelay;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        // Transient faults only (5xx, 408, 429, connection errors, attempt timeouts), and Retry-After is
        // honoured but never past the budget: a server asking for longer than MaxRetryAfter, or for longer
        // than what is left of TotalTimeout, gets no retry (the retry would land after the budget anyway,
        // and failing now gives the caller its answer sooner). The library's MaxDelay alone does not
        // know the remaining budget.
        resilience.Retry.ShouldHandle = args => ValueTask.FromResult(
            agency.MaxRetries > 0
            && HttpClientResiliencePredicates.IsTransient(args.Outcome)
            && !AgencyBudgetHandler.RetryAfterBeyondBudget(args.Outcome.Result, args.Context.GetRequestMessage(), agency, time));
        if (!unsafeMethods) resilience.Retry.DisableForUnsafeHttpMethods();
        resilience.Retry.ShouldRetryAfterHeader = true;
        resilience.Retry.MaxDelay = agency.MaxRetryAfter;

        resilience.CircuitBreaker.FailureRatio = agency.BreakerFailureRatio;
        resilience.CircuitBreaker.MinimumThroughput = agency.BreakerMinimumThroughput;
        resilience.CircuitBreaker.SamplingDuration = agency.BreakerSamplingDuration;
        resilience.CircuitBreaker.BreakDuration = agency.BreakDuration;
        resilience.CircuitBreaker.OnOpened = _ => Report(CircuitState.Open);
        resilience.CircuitBreaker.OnHalfOpened = _ => Report(CircuitState.HalfOpen);
        resilience.CircuitBreaker.OnClosed = _ => Report(CircuitState.Closed);

        resilience.RateLimiter.DefaultRateLimiterOptions = new ConcurrencyLimiterOptions
        {
            PermitLimit = agency.MaxConcurrentCalls,
            QueueLimit = agency.MaxQueuedCalls,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };

        ValueTask Report(CircuitState state)
        {
            report?.Invoke(state);
            return ValueTask.CompletedTask;
        }
    }
}
