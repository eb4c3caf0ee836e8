using Microsoft.AspNetCore.Http;
using IntegrationHub.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Assistance.Api;

/// <summary>
/// The module's problem codes and titles, in the one error shape of <see cref="ProblemResults"/>. Listed in docs/problems.md.
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
    public const string AuditUnavailable = "audit-unavailable";
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

    public static ProblemHttpResult Create(int status, string code, string detail, string? field = null) =>
        ProblemResults.Create(status, code, Title(code), detail, field);

    public static ProblemHttpResult BadRequest(string code, string detail, string? field = null) => Create(StatusCodes.Status400BadRequest, code, detail, field);

    private static string? Title(string code) => code switch
    {
        InvalidFin => "Invalid FIN",
        InvalidIdCard => "Invalid ID card number",
        InvalidRelation => "Invalid relation",
        DuplicateMember => "Member named twice",
        TooManyMembers => "Household too large",
        InvalidIncome => "Invalid declared income",
        InvalidChannel => "Invalid feedback channel",
        InvalidPhone => "Invalid phone number",
        InvalidEmail => "Invalid e-mail address",
        ConsentRequired => "Consent required",
        InvalidIdempotencyKey => "Invalid idempotency key",
        IdempotencyKeyReused => "Idempotency key reused",
        UnknownApplication => "Unknown application",
        NotDecided => "Not decided yet",
        UnknownOffer => "Unknown offer",
        InvalidBirthDate => "Invalid birth date",
        IdentityMismatch => "ID card does not match",
        IdentityCheckUnavailable => "ID card check unavailable",
        AuditUnavailable => "Audit unavailable",
        CaseClaimed => "Case held by another caseworker",
        NotInQueue => "Nothing for a caseworker",
        ClaimRequired => "Claim the case first",
        AlreadyDecided => "Already decided",
        AppealNeedsAnotherCaseworker => "Another caseworker reviews the appeal",
        InvalidOutcome => "Invalid outcome",
        InvalidAmount => "Invalid amount",
        InvalidRefusalReason => "Invalid refusal reason",
        InvalidDocumentRequest => "Invalid document request",
        JustificationRequired => "Justification required",
        UnknownContest => "Unknown contest",
        InvalidResolution => "Invalid resolution",
        UnknownItem => "Unknown item",
        CommentRequired => "Comment required",
        InvalidDocument => "Invalid document",
        DocumentTooLarge => "Document too large",
        UnsupportedDocumentType => "Unsupported document type",
        NotAppealable => "Nothing to appeal",
        AppealPeriodOver => "Appeal period over",
        InvalidMonth => "Invalid month",
        // Any other code: the status's reason phrase.
        _ => null,
    };
}
