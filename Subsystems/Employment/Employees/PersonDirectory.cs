using System.Collections.Concurrent;
using IntegrationHub.Contracts.Messaging;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Modules.HubAccess;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Employment.Employees;

/// <summary>What the population register says about an employee: enough to check the notification (age, death) and to print their name.</summary>
public sealed record PersonFacts(string Fin, string Name, DateOnly BirthDate, bool Deceased, DateOnly? DateOfDeath);

public enum PersonOutcome
{
    /// <summary>The register knows the person (<see cref="PersonLookup.Person"/>).</summary>
    Known,
    /// <summary>The register has nobody with this FIN.</summary>
    Unknown,
    /// <summary>No answer now (the hub or the register away): ask again later; nothing is refused for it.</summary>
    Unavailable,
}

public sealed record PersonLookup(PersonOutcome Outcome, PersonFacts? Person = null, string? Why = null);

/// <summary>
/// Whether an employee is known to the population register, asked of the hub as every module asks it: a
/// <c>GetHouseholdProfile</c> for the person alone (purpose <c>employment-registration</c>, which the access policy
/// lets see the applicant's identity and nothing else), the employer's VÖEN as the case and its officer, if a person
/// acts, as the officer, so the citizen sees the look-up in their own view of the audit. A known person is remembered
/// for <see cref="EmploymentOptions.PersonCacheLifetime"/>, so an employer's changes and a file naming the same people
/// again do not ask twice.
/// </summary>
public sealed partial class PersonDirectory(IServiceScopeFactory scopes, IOptions<EmploymentOptions> options, TimeProvider time, ILogger<PersonDirectory> logger)
{
    public const string Purpose = "employment-registration";
    public const string Subsystem = "employment";

    private readonly ConcurrentDictionary<string, (PersonFacts Person, DateTimeOffset Until)> _known = new(StringComparer.Ordinal);

    /// <summary>The person, from memory when asked recently, else from the hub.</summary>
    public async Task<PersonLookup> FindAsync(Fin fin, string employerVoen, string? officer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fin);
        if (Remembered(fin) is { } known) return new(PersonOutcome.Known, known);
        await using var scope = scopes.CreateAsyncScope();
        var hub = scope.ServiceProvider.GetRequiredService<HubProfileClient>();
        var answer = await hub.GetAsync(new GetHouseholdProfile(Guid.CreateVersion7(time.GetUtcNow()), fin.Value, [], Purpose, employerVoen, Subsystem, officer), cancellationToken);
        if (answer.Refusal is { Reason: RefusalCodes.UnknownPerson or RefusalCodes.InvalidFin }) return new(PersonOutcome.Unknown);
        if (answer.Refusal is { } refusal)
        {
            // Not the person's fault: the policy or the request is wrong here, and an operator must see it.
            LogRefused(logger, refusal.Reason, fin.Masked);
            return new(PersonOutcome.Unavailable, Why: "the hub refused the look-up (" + refusal.Reason + ")");
        }
        if (answer.Profile is null) return new(PersonOutcome.Unavailable, Why: answer.Unavailable);
        var identity = answer.Profile.Members.FirstOrDefault(m => m.Fin.Value == fin.Value)?.Identity;
        switch (identity?.Status)
        {
            case SourceStatus.Ok when identity.Data is { } id:
                var person = new PersonFacts(fin.Value, id.Patronymic is null ? $"{id.Surname} {id.GivenName}" : $"{id.Surname} {id.GivenName} {id.Patronymic}",
                    id.BirthDate, id.Deceased, id.DateOfDeath);
                Remember(person);
                return new(PersonOutcome.Known, person);
            case SourceStatus.NotFound:
                return new(PersonOutcome.Unknown);
            default:
                return new(PersonOutcome.Unavailable, Why: "the population register did not answer (" + (identity?.Status.ToString() ?? "no identity") + ")");
        }
    }

    /// <summary>The person if asked about within the cache lifetime.</summary>
    public PersonFacts? Remembered(Fin fin)
    {
        ArgumentNullException.ThrowIfNull(fin);
        return _known.TryGetValue(fin.Value, out var entry) && entry.Until > time.GetUtcNow() ? entry.Person : null;
    }

    /// <summary>Remembers a person as the register described them (internal: the bench primes the cache with it).</summary>
    internal void Remember(PersonFacts person)
    {
        var settings = options.Value;
        if (settings.PersonCacheLifetime <= TimeSpan.Zero) return;
        // Bounded: when full, start again rather than grow (each person is asked again at most once after).
        if (_known.Count >= settings.PersonCacheEntries) _known.Clear();
        _known[person.Fin] = (person, time.GetUtcNow() + settings.PersonCacheLifetime);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The hub refused the employee look-up of {Fin}: {Reason} (is the employment-registration purpose in Trust:Policy?)")]
    private static partial void LogRefused(ILogger logger, string reason, string fin);
}
