namespace IntegrationHub.ContactCentre.Api;

/// <summary>The module's problem codes (docs/problems.md), answered as an <see cref="IntegrationHub.Web.Http.ApiProblem"/>.</summary>
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
}
