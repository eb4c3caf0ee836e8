using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Contracts.Profiles.DataSets;

namespace IntegrationHub.Modules.HubAccess;

/// <summary>What a person showed an officer: the FIN, ID card number and birth date printed on their card.</summary>
public sealed record ShownIdCard(Fin Fin, IdCardNumber IdCard, DateOnly BirthDate);

/// <summary>On whose behalf, and why, the population register is asked: the hub's audit records all of it, and the citizen sees it.</summary>
/// <param name="Subsystem">The module asking (a caller the hub's access policy knows).</param>
/// <param name="Purpose">A purpose the policy allows the module, seeing the identity data set of the person alone.</param>
/// <param name="CaseNumber">What the check is for (a call number, a counter's transaction): 1-64 characters.</param>
/// <param name="Officer">The officer in front of the person or on the phone with them.</param>
public sealed record IdentityCheckRequest(ShownIdCard Shown, string Subsystem, string Purpose, string CaseNumber, string Officer);

public enum IdentityCheckOutcome
{
    /// <summary>The register's current ID document and birth date for this FIN are the ones shown.</summary>
    Matches,
    /// <summary>They are not, the FIN is unknown, or the person is deceased: one answer for all, so the check cannot be used to probe.</summary>
    Mismatch,
    /// <summary>The hub or the population register did not answer: nothing is known, ask again later.</summary>
    Unavailable,
}

/// <param name="Identity">The register's identity data when the check matched.</param>
public sealed record IdentityCheckResult(IdentityCheckOutcome Outcome, IdentityData? Identity = null);

/// <summary>
/// How a module checks a person's ID card with the population register through the hub: a profile request for the
/// person alone (no declared members), under the module's own purpose, naming the officer. The card number and the
/// birth date must both match the register's record; anything else is a mismatch, and a register that did not answer
/// is "unavailable", never a mismatch.
/// </summary>
public sealed class IdentityCheck(HubProfileClient hub)
{
    public async Task<IdentityCheckResult> CheckAsync(IdentityCheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var shown = request.Shown;
        var answer = await hub.GetAsync(
            new GetHouseholdProfile(Guid.CreateVersion7(), shown.Fin.Value, DeclaredMembers: [], request.Purpose, request.CaseNumber, request.Subsystem, request.Officer),
            cancellationToken);
        if (answer.Refusal is { Reason: RefusalCodes.UnknownPerson }) return new(IdentityCheckOutcome.Mismatch);
        if (answer.Profile is not { } profile) return new(IdentityCheckOutcome.Unavailable);
        var identity = profile.Members.FirstOrDefault(m => m.Fin == shown.Fin)?.Identity;
        if (identity is not { Status: SourceStatus.Ok, Data: { } data }) return new(identity?.Status == SourceStatus.NotFound ? IdentityCheckOutcome.Mismatch : IdentityCheckOutcome.Unavailable);
        var matches = !data.Deceased && data.BirthDate == shown.BirthDate
            && string.Equals(data.Document?.Number, shown.IdCard.Value, StringComparison.Ordinal);
        return matches ? new(IdentityCheckOutcome.Matches, data) : new(IdentityCheckOutcome.Mismatch);
    }
}
