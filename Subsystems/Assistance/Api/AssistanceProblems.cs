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
        // Any other code: the status's reason phrase.
        _ => null,
    };
}
