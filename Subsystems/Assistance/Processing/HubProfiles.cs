namespace IntegrationHub.Assistance.Processing;

/// <summary>How the case worker and the re-evaluation worker ask the hub for a household profile, and read its refusals.</summary>
internal static class HubProfiles
{
    /// <summary>Hub refusals that say "not now" rather than "never": the case is asked about again.</summary>
    private static readonly HashSet<string> TransientRefusals = [RefusalCodes.AuditUnavailable];

    /// <summary>The hub's answer to <paramref name="request"/>, through a <see cref="HubProfileClient"/> of its own scope.</summary>
    public static async Task<ProfileAnswer> AskHubAsync(this IServiceScopeFactory scopes, GetHouseholdProfile request, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HubProfileClient>().GetAsync(request, cancellationToken);
    }

    /// <summary>The hub's refusal, when it is one that asking again would not change.</summary>
    public static HouseholdProfileRefused? FinalRefusal(this ProfileAnswer answer) =>
        answer.Refusal is { } refusal && !TransientRefusals.Contains(refusal.Reason) ? refusal : null;
}
