using Microsoft.Extensions.Options;

namespace IntegrationHub.Adapters.Common;

/// <summary>Start-up validation of every agency's options, with messages that name the setting and the fix.</summary>
public sealed class AgencyOptionsValidator : IValidateOptions<AgencyOptions>
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
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

        void Positive(TimeSpan value, string setting)
        {
            if (value <= TimeSpan.Zero) errors.Add($"{at}:{setting} ({value}) must be positive.");
        }
    }
}
