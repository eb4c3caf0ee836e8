namespace IntegrationHub.Assistance.Api;

/// <summary>
/// The module's problem codes, answered through <see cref="IntegrationHub.Web.Http.ProblemResults"/>. Listed in docs/problems.md.
/// </summary>
public static class AssistanceProblems
{
    public const string InvalidFin = "invalid-fin";
    public const string InvalidIdCard = "invalid-id-card";
    public const string InvalidRelation = "invalid-relation";
    public const string DuplicateMember = "duplicate-member";
    public const string TooManyMembers = "too-many-members";
    public const string InvalidIncome = "invalid-income";
    public const string InvalidChannel = "invalid-channel";
    public const string InvalidPhone = "invalid-phone";
    public const string InvalidEmail = "invalid-email";
    public const string ConsentRequired = "consent-required";
    public const string InvalidIdempotencyKey = "invalid-idempotency-key";
    public const string IdempotencyKeyReused = "idempotency-key-reused";
    public const string UnknownApplication = "unknown-application";
    public const string NotDecided = "not-decided";
    public const string UnknownOffer = "unknown-offer";
    public const string InvalidBirthDate = "invalid-birth-date";
    public const string IdentityMismatch = "identity-mismatch";
    public const string IdentityCheckUnavailable = "identity-check-unavailable";
    public const string CaseClaimed = "case-claimed";
    public const string NotInQueue = "not-in-queue";
    public const string ClaimRequired = "claim-required";
    public const string AlreadyDecided = "already-decided";
    public const string AppealNeedsAnotherCaseworker = "appeal-needs-another-caseworker";
    public const string InvalidOutcome = "invalid-outcome";
    public const string InvalidAmount = "invalid-amount";
    public const string InvalidRefusalReason = "invalid-refusal-reason";
    public const string InvalidDocumentRequest = "invalid-document-request";
    public const string JustificationRequired = "justification-required";
    public const string UnknownContest = "unknown-contest";
    public const string InvalidResolution = "invalid-resolution";
    public const string UnknownItem = "unknown-item";
    public const string CommentRequired = "comment-required";
    public const string InvalidDocument = "invalid-document";
    public const string DocumentTooLarge = "document-too-large";
    public const string UnsupportedDocumentType = "unsupported-document-type";
    public const string NotAppealable = "not-appealable";
    public const string AppealPeriodOver = "appeal-period-over";
    public const string InvalidMonth = "invalid-month";
}
