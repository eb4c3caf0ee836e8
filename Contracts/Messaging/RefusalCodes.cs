namespace IntegrationHub.Contracts.Messaging;

/// <summary>
/// The stable reasons a profile request is refused, shared by the HTTP API (problem-details <c>code</c>) and
/// the <see cref="HouseholdProfileRefused"/> reply. New codes may be added; existing ones never change meaning.
/// </summary>
public static class RefusalCodes
{
    public const string InvalidFin = "invalid-fin";
    public const string InvalidRelation = "invalid-relation";
    public const string MissingPurpose = "missing-purpose";
    public const string InvalidPurpose = "invalid-purpose";
    public const string MissingCaseNumber = "missing-case-number";
    public const string DuplicateMember = "duplicate-member";
    public const string TooManyMembers = "too-many-members";
    public const string UnknownPerson = "unknown-person";
    public const string UnknownMember = "unknown-member";
    public const string MalformedJson = "malformed-json";

    /// <summary>A text field holds control characters, bidirectional-text controls or unpaired surrogates; the field is named.</summary>
    public const string InvalidCharacters = "invalid-characters";

    /// <summary>Bus: the message's envelope could be read but the request in it could not (wrong JSON types, duplicate keys, a number or list for a name).</summary>
    public const string MalformedMessage = "malformed-message";

    /// <summary>The requesting subsystem is not a known caller.</summary>
    public const string UnknownCaller = "unknown-caller";

    /// <summary>The access policy does not allow this caller this purpose.</summary>
    public const string NotPermitted = "not-permitted";

    /// <summary>A bus request came without a request id (missing or all zeros): replay and the audit trail key on it.</summary>
    public const string MissingRequestId = "missing-request-id";

    /// <summary>
    /// The request id was used before by the same subsystem for a different request (another applicant, household,
    /// purpose, case or officer); only the very same request may be sent again under one id.
    /// </summary>
    public const string RequestIdReused = "request-id-reused";

    /// <summary>The hub could not record the access durably, so it hands out nothing; retry later.</summary>
    public const string AuditUnavailable = "audit-unavailable";
}
