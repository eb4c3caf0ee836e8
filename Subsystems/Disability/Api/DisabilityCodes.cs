namespace IntegrationHub.Disability.Api;

/// <summary>
/// The disability module's problem codes (docs/problems.md); existing ones never change meaning. Answered as an
/// <see cref="IntegrationHub.Web.Http.ApiProblem"/>.
/// </summary>
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
    public const string AppealDecided = "appeal-decided";
    public const string InvalidAppealOutcome = "invalid-appeal-outcome";
    public const string MissingJustification = "missing-justification";
    public const string NotCentralCommission = "not-central-commission";
    public const string InvalidDeadline = "invalid-deadline";
}
