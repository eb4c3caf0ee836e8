using System.Text.Json;
using System.Text.RegularExpressions;
using IntegrationHub.Contracts.Messaging;
using IntegrationHub.Contracts.Profiles;
using IntegrationHub.Contracts.Text;
using IntegrationHub.Modules.HubAccess;

namespace IntegrationHub.Disability.Records;

/// <summary>A referral (form 88) as a clinic doctor sends it.</summary>
/// <param name="ReferralNumber">The form's number; the case is known by it and the hub's audit record carries it.</param>
/// <param name="Clinic">Optional: the referral is from the doctor's own clinic (their token's); naming another is refused.</param>
/// <param name="Diagnoses">ICD-10 codes.</param>
public sealed record ReferralRequest(string? ReferralNumber, string? Fin, string? Clinic, DateOnly? IssuedOn, IReadOnlyList<string>? Diagnoses);

/// <summary>The doctor sending a referral, from their token: their staff id and their clinic.</summary>
public sealed record ReferringDoctor(string StaffId, string Clinic);

/// <summary>
/// Referral intake: validates the form, stores it durably, then asks the hub for the person's identity, health
/// records and earlier exams (purpose <c>disability-assessment</c>). A hub that does not answer in time leaves
/// the referral accepted and waiting; <see cref="RecordsRetryWorker"/> asks again.
/// </summary>
public sealed partial class ReferralService(IDisabilityStore store, HubProfileClient hub, TimeProvider time, ILogger<ReferralService> logger)
{
    public const string Purpose = "disability-assessment";
    public const string RequestingSubsystem = "disability";
    public const int MaxDiagnoses = 20;

    /// <summary>How old a referral may be when it arrives; an older form (or a date typed wrong, 0001-01-01) is refused.</summary>
    public static readonly TimeSpan MaxReferralAge = TimeSpan.FromDays(365);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<(CaseDocument? Case, bool Created, ApiProblem? Problem)> SubmitAsync(ReferralRequest request, ReferringDoctor doctor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(doctor);
        if (Validate(request, out var fin, out var diagnoses) is { } invalid) return (null, false, invalid);
        if (request.Clinic is not null && request.Clinic.Trim() != doctor.Clinic)
        {
            return (null, false, new(403, DisabilityCodes.NotYourClinic, "A doctor refers from their own clinic (the token's); this names another.", "clinic"));
        }
        var number = request.ReferralNumber!.Trim().ToUpperInvariant();

        var existing = store.FindCase(number);
        if (existing is not null)
        {
            // A clinic resending the same form (a retry after a lost answer) gets the case it already created;
            // a number another clinic used says nothing about that clinic's case.
            return existing.Fin == fin.Value && existing.Clinic == doctor.Clinic
                ? (existing, false, null)
                : (null, false, new(409, DisabilityCodes.ReferralNumberTaken, $"Referral number {number} was already used for another referral.", "referralNumber"));
        }

        var created = new CaseDocument
        {
            ReferralNumber = number,
            Fin = fin.Value,
            Clinic = doctor.Clinic,
            Diagnoses = diagnoses,
            IssuedOn = request.IssuedOn ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime),
            ReceivedAt = time.GetUtcNow(),
            SubmittedBy = doctor.StaffId,
            Status = CaseStatus.AwaitingRecords,
        };
        // The referral number is the case's key, in the file and across instances in the shared database: a second insert finds it taken.
        var inserted = await store.AddCaseAsync(created, cancellationToken);
        if (!inserted) return await SubmitAsync(request, doctor, cancellationToken);
        LogReceived(logger, number, fin.Masked, diagnoses.Count);

        var (updated, problem) = await FetchRecordsAsync(number, cancellationToken);
        return problem is null ? (updated, true, null) : (null, false, problem);
    }

    /// <summary>Asks the hub for the case's records once; applies them if they came.</summary>
    public async Task<(CaseDocument? Case, ApiProblem? Problem)> FetchRecordsAsync(string referralNumber, CancellationToken cancellationToken)
    {
        var current = store.FindCase(referralNumber);
        if (current is null || current.Status != CaseStatus.AwaitingRecords) return (current, null);
        // The doctor who referred is the officer on whose behalf the records are read, in the hub's audit too.
        var request = new GetHouseholdProfile(
            RecordsRequestId(referralNumber, current.RecordAttempts), current.Fin, DeclaredMembers: [], Purpose, referralNumber, RequestingSubsystem,
            Officer: current.SubmittedBy);
        var answer = await hub.GetAsync(request, cancellationToken);

        if (answer.Refusal is { Reason: RefusalCodes.UnknownPerson or RefusalCodes.InvalidFin })
        {
            // Nobody to assess: the referral is withdrawn rather than kept waiting for ever.
            await store.DeleteCaseAsync(referralNumber, cancellationToken);
            return (null, new(422, DisabilityCodes.UnknownPerson, "The population register has no person with this FIN.", "fin"));
        }
        var member = answer.Profile?.Members.FirstOrDefault(m => m.Fin.Value == current.Fin);
        var updated = await store.UpdateCaseAsync(referralNumber, c =>
        {
            if (c.Status != CaseStatus.AwaitingRecords) return false;
            c.RecordAttempts++;
            if (member is not null && Apply(c, member)) c.Status = CaseStatus.AwaitingResult;
            return true;
        }, cancellationToken);
        if (updated?.Status == CaseStatus.AwaitingRecords)
        {
            LogRecordsPending(logger, referralNumber, answer.Unavailable ?? answer.Refusal?.Reason ?? "identity not available");
        }
        return (updated, null);
    }

    /// <summary>Referrals still waiting for records, oldest first.</summary>
    public IReadOnlyList<string> Pending(int max) => store.AwaitingRecords(max);

    /// <summary>
    /// One request id per attempt of one referral (version-8 GUID from the referral number and the attempt): a
    /// redelivered request joins the hub's assembly instead of starting another, while the next attempt gets a
    /// fresh profile (the hub answers a repeated id from its first assembly for minutes, partial or not).
    /// </summary>
    private static Guid RecordsRequestId(string referralNumber, int attempt)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"disability-records:{referralNumber}:{attempt}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>Copies identity, health records and earlier exams in; false when identity is missing (no birth date, no category).</summary>
    private static bool Apply(CaseDocument c, MemberProfile member)
    {
        c.MissingRecords = [];
        if (member.Identity is { Status: SourceStatus.Ok, Data: { } id })
        {
            c.Person = new PersonDocument
            {
                GivenName = id.GivenName,
                Surname = id.Surname,
                Patronymic = id.Patronymic,
                BirthDate = id.BirthDate,
                Sex = id.Sex,
                IdCardNumber = id.Document?.Number,
            };
        }
        else
        {
            c.MissingRecords.Add("identity: " + (member.Identity?.Status.ToString() ?? "absent"));
            return false;
        }

        switch (member.Health)
        {
            case { Status: SourceStatus.Ok, Data: { } health }:
                c.HealthRecordsJson = JsonSerializer.Serialize(health, Json);
                break;
            case { Status: SourceStatus.NotFound }:
                c.HealthRecordsJson = JsonSerializer.Serialize(new HealthData([], [], []), Json);
                break;
            default:
                c.MissingRecords.Add("health: " + (member.Health?.Status.ToString() ?? "absent"));
                break;
        }

        switch (member.Disability)
        {
            case { Status: SourceStatus.Ok, Data: { } disability }:
                c.EarlierExams = disability.Assessments
                    .Select(a => new AssessmentDocument { Percent = a.Percent, Cause = a.Cause, From = a.From, Until = a.Until, Indefinite = a.Indefinite })
                    .ToList();
                break;
            case { Status: SourceStatus.NotFound }:
                c.EarlierExams = [];
                break;
            default:
                c.MissingRecords.Add("disability: " + (member.Disability?.Status.ToString() ?? "absent"));
                break;
        }
        return true;
    }

    public static HealthData? HealthRecords(CaseDocument c) =>
        c.HealthRecordsJson is null ? null : JsonSerializer.Deserialize<HealthData>(c.HealthRecordsJson, Json);

    private ApiProblem? Validate(ReferralRequest r, out Fin fin, out List<string> diagnoses)
    {
        fin = null!;
        diagnoses = [];
        if (string.IsNullOrWhiteSpace(r.ReferralNumber) || !ReferralNumberShape().IsMatch(r.ReferralNumber.Trim().ToUpperInvariant()))
        {
            return ApiProblem.BadRequest(DisabilityCodes.InvalidReferralNumber, "The referral number must be 4-32 letters, digits or hyphens (the number on form 88).", "referralNumber");
        }
        if (!Fin.TryParse(r.Fin, out var parsed, out var finError)) return ApiProblem.BadRequest(DisabilityCodes.InvalidFin, finError, "fin");
        fin = parsed;
        if (r.Clinic is not null && (string.IsNullOrWhiteSpace(r.Clinic) || r.Clinic.Length > 200))
        {
            return ApiProblem.BadRequest(DisabilityCodes.MissingClinic, "A clinic named is 1-200 characters (leave it out: the doctor's own clinic is the token's).", "clinic");
        }
        if (TextInput.CheckLine(r.Clinic, "clinic") is { } unprintable)
        {
            return ApiProblem.BadRequest(DisabilityCodes.InvalidCharacters, unprintable, "clinic");
        }
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (r.IssuedOn is { } issued && (issued < today.AddDays(-MaxReferralAge.Days) || issued > today.AddDays(1)))
        {
            return ApiProblem.BadRequest(DisabilityCodes.InvalidIssueDate,
                $"issuedOn must lie between {MaxReferralAge.Days} days ago and today (one day ahead is allowed for time zones).", "issuedOn");
        }
        if (r.Diagnoses is null || r.Diagnoses.Count == 0)
        {
            return ApiProblem.BadRequest(DisabilityCodes.MissingDiagnosis, "A referral names at least one diagnosis (ICD-10 code).", "diagnoses");
        }
        if (r.Diagnoses.Count > MaxDiagnoses)
        {
            return ApiProblem.BadRequest(DisabilityCodes.InvalidIcd10, $"At most {MaxDiagnoses} diagnoses; got {r.Diagnoses.Count}.", "diagnoses");
        }
        for (var i = 0; i < r.Diagnoses.Count; i++)
        {
            if (!Icd10.TryNormalize(r.Diagnoses[i], out var code, out var error)) return ApiProblem.BadRequest(DisabilityCodes.InvalidIcd10, error, $"diagnoses[{i}]");
            if (!diagnoses.Contains(code)) diagnoses.Add(code);
        }
        return null;
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{2,30}[A-Z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferralNumberShape();

    [LoggerMessage(Level = LogLevel.Information, Message = "Referral {ReferralNumber} received for {Fin} with {Diagnoses} diagnoses")]
    private static partial void LogReceived(ILogger logger, string referralNumber, string fin, int diagnoses);

    [LoggerMessage(Level = LogLevel.Information, Message = "Referral {ReferralNumber} still waits for records ({Why}); asked again later")]
    private static partial void LogRecordsPending(ILogger logger, string referralNumber, string why);
}
