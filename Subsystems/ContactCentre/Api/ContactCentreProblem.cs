using IntegrationHub.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.ContactCentre.Api;

/// <summary>The module's problem codes (docs/problems.md), in the one error shape of <see cref="ProblemResults"/>.</summary>
public static class ContactCentreCodes
{
    public const string InvalidCallId = "invalid-call-id";
    public const string InvalidCallerNumber = "invalid-caller-number";
    public const string UnknownTopic = "unknown-topic";
    public const string CallIdReused = "call-id-reused";
    public const string UnknownCall = "unknown-call";
    public const string CallInHand = "call-in-hand";
    public const string NotInHand = "not-in-hand";
    public const string UnknownDepartment = "unknown-department";
    public const string SameDepartment = "same-department";
    public const string InvalidNote = "invalid-note";
    public const string InvalidDueDate = "invalid-due-date";
    public const string InvalidTask = "invalid-task";
    public const string UnknownFollowUp = "unknown-follow-up";
    public const string FollowUpDone = "follow-up-done";
    public const string InvalidFin = "invalid-fin";
    public const string InvalidIdCard = "invalid-id-card";
    public const string InvalidBirthDate = "invalid-birth-date";
    public const string IdentityMismatch = "identity-mismatch";
    public const string IdentityCheckUnavailable = "identity-check-unavailable";
    public const string InvalidMonth = "invalid-month";

    public static string? Title(string code) => code switch
    {
        InvalidCallId => "Invalid call id",
        InvalidCallerNumber => "Invalid caller number",
        UnknownTopic => "Unknown topic",
        CallIdReused => "Call id reused",
        UnknownCall => "Unknown call",
        CallInHand => "A call is in hand",
        NotInHand => "Not your call in hand",
        UnknownDepartment => "Unknown department",
        SameDepartment => "Same department",
        InvalidNote => "Invalid note",
        InvalidDueDate => "Invalid due date",
        InvalidTask => "Invalid follow-up task",
        UnknownFollowUp => "Unknown follow-up",
        FollowUpDone => "Follow-up already done",
        InvalidFin => "Invalid FIN",
        InvalidIdCard => "Invalid ID card number",
        InvalidBirthDate => "Invalid birth date",
        IdentityMismatch => "ID card does not match",
        IdentityCheckUnavailable => "ID card check unavailable",
        InvalidMonth => "Invalid month",
        _ => null,
    };
}

/// <summary>What went wrong, before it becomes an HTTP answer.</summary>
public sealed record ContactCentreProblem(int Status, string Code, string Detail, string? Field = null)
{
    public static ContactCentreProblem BadRequest(string code, string detail, string? field = null) => new(400, code, detail, field);

    public ProblemHttpResult ToResult() => ProblemResults.Create(Status, Code, ContactCentreCodes.Title(Code), Detail, Field);
}
