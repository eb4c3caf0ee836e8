namespace IntegrationHub.Employment.Api;

/// <summary>
/// The employment module's problem codes (docs/problems.md); existing ones never change meaning. Answered as an
/// <see cref="IntegrationHub.Web.Http.ApiProblem"/>; a bulk line refused carries the same code and field.
/// </summary>
public static class EmploymentCodes
{
    // The request's form.
    public const string InvalidFin = "invalid-fin";
    public const string InvalidVoen = "invalid-voen";
    public const string MissingPosition = "missing-position";
    public const string InvalidOccupationCode = "invalid-occupation-code";
    public const string MissingWorkplace = "missing-workplace";
    public const string InvalidDate = "invalid-date";
    public const string InvalidWeeklyHours = "invalid-weekly-hours";
    public const string InvalidWage = "invalid-wage";
    public const string InvalidTerm = "invalid-term";
    public const string InvalidContractKind = "invalid-contract-kind";
    public const string InvalidTerminationGround = "invalid-termination-ground";
    public const string NothingToChange = "nothing-to-change";
    public const string MissingReason = "missing-reason";
    public const string InvalidNotificationKind = "invalid-notification-kind";
    public const string InvalidCharacters = "invalid-characters";
    public const string DateTooFarAhead = "date-too-far-ahead";
    public const string EndBeforeStart = "end-before-start";
    public const string InvalidIdempotencyKey = "invalid-idempotency-key";
    /// <summary>The hub's own code for a body that is not JSON of the right shape (docs/problems.md).</summary>
    public const string MalformedJson = "malformed-json";
    public const string IdempotencyKeyReused = "idempotency-key-reused";

    // Who asks.
    public const string NotYourEmployer = "not-your-employer";
    public const string UnknownEmployer = "unknown-employer";

    // The employee, through the hub.
    public const string UnknownEmployee = "unknown-employee";
    public const string EmployeeDeceased = "employee-deceased";
    public const string EmployeeCheckUnavailable = "employee-check-unavailable";

    // The rules.
    public const string WageBelowMinimum = "wage-below-minimum";
    public const string EmployeeTooYoung = "employee-too-young";
    public const string WeeklyHoursOverLimit = "weekly-hours-over-limit";
    public const string OpenMainContractExists = "open-main-contract-exists";
    public const string TerminationBeforeStart = "termination-before-start";
    public const string ChangeBeforeStart = "change-before-start";

    // The contract's state.
    public const string UnknownContract = "unknown-contract";
    public const string ContractTerminated = "contract-terminated";
    public const string NotSuspended = "not-suspended";
    public const string AlreadySuspended = "already-suspended";

    // Bulk.
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string EmptyBulkFile = "empty-bulk-file";
    public const string BulkFileTooLarge = "bulk-file-too-large";
    public const string InvalidCsvHeader = "invalid-csv-header";
    public const string MalformedLine = "malformed-line";
    public const string UnknownBulk = "unknown-bulk";
    public const string InvalidOutcome = "invalid-outcome";

    // Certificates.
    public const string InvalidCode = "invalid-code";
    public const string UnknownCode = "unknown-code";
}
