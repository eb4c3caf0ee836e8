using Microsoft.AspNetCore.Http;
using IntegrationHub.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Disability.Api;

/// <summary>
/// Why a disability request was not served: the stable <see cref="Code"/> of docs/problems.md, the HTTP status
/// and the request field at fault, rendered in the one error shape (<see cref="ProblemResults"/>).
/// </summary>
public sealed record DisabilityProblem(int Status, string Code, string Detail, string? Field = null)
{
    public ProblemHttpResult ToResult() => ProblemResults.Create(Status, Code, Title, Detail, Field);

    private string Title => Code switch
    {
        DisabilityCodes.InvalidIcd10 => "Invalid ICD-10 code",
        DisabilityCodes.InvalidPercent => "Invalid percentage",
        DisabilityCodes.NoMatchingExam => "No matching exam",
        DisabilityCodes.TooManyLookups => "Too many lookups",
        DisabilityCodes.NotYourClinic => "Not your clinic",
        DisabilityCodes.AppealPeriodOver => "Appeal period over",
        DisabilityCodes.AppealExists => "Appeal already lodged",
        DisabilityCodes.NotCentralCommission => "Not the central commission",
        _ => Code.Replace('-', ' '),
    };

    public static DisabilityProblem BadRequest(string code, string detail, string? field = null) => new(StatusCodes.Status400BadRequest, code, detail, field);
}

/// <summary>The disability module's problem codes (docs/problems.md); existing ones never change meaning.</summary>
public static class DisabilityCodes
{
    public const string InvalidFin = "invalid-fin";
    public const string InvalidReferralNumber = "invalid-referral-number";
    public const string MissingClinic = "missing-clinic";
    public const string MissingDiagnosis = "missing-diagnosis";
    public const string InvalidIcd10 = "invalid-icd10";
    public const string InvalidIssueDate = "invalid-issue-date";
    public const string ReferralNumberTaken = "referral-number-taken";
    public const string UnknownPerson = "unknown-person";
    public const string UnknownReferral = "unknown-referral";
    public const string RecordsPending = "records-pending";
    public const string AlreadyDecided = "already-decided";
    public const string InvalidPercent = "invalid-percent";
    public const string InvalidCause = "invalid-cause";
    public const string InvalidStartDate = "invalid-start-date";
    public const string RecommendationsTooLong = "recommendations-too-long";
    public const string NoDecidedExam = "no-decided-exam";
    public const string InvalidCode = "invalid-code";
    public const string UnknownCode = "unknown-code";
    public const string InvalidIdCard = "invalid-id-card";
    public const string InvalidBirthDate = "invalid-birth-date";
    public const string InvalidCallerNumber = "invalid-caller-number";
    public const string NoMatchingExam = "no-matching-exam";
    public const string TooManyLookups = "too-many-lookups";
    public const string InvalidCharacters = "invalid-characters";
    public const string NotYourClinic = "not-your-clinic";
    public const string ResultSuperseded = "result-superseded";
    public const string InvalidAppealReason = "invalid-appeal-reason";
    public const string AppealPeriodOver = "appeal-period-over";
    public const string AppealExists = "appeal-exists";
    public const string AppealDecisionFinal = "appeal-decision-final";
    public const string UnknownAppeal = "unknown-appeal";
    public const string AuditUnavailable = "audit-unavailable";
    public const string AppealDecided = "appeal-decided";
    public const string InvalidAppealOutcome = "invalid-appeal-outcome";
    public const string MissingJustification = "missing-justification";
    public const string NotCentralCommission = "not-central-commission";
    public const string InvalidDeadline = "invalid-deadline";
}
