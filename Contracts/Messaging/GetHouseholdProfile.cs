namespace IntegrationHub.Contracts.Messaging;

/// <summary>
/// Command: assemble the household profile of <see cref="Applicant"/> for <see cref="Purpose"/> and
/// <see cref="CaseNumber"/>. Answered with <see cref="HouseholdProfileResult"/> or
/// <see cref="HouseholdProfileRefused"/>. Identifiers travel as plain strings so that a bad one is answered
/// with a refusal naming the field, not lost as a message that cannot be read.
/// </summary>
/// <param name="RequestId">
/// Chosen by the sender, never all zeros; the very same request repeated with the same id is answered again from the
/// first assembly, never assembled twice at once. The same id with other content is refused (<c>request-id-reused</c>).
/// </param>
/// <param name="Applicant">The applicant's FIN (7 characters).</param>
/// <param name="DeclaredMembers">The household as declared; null lets the hub propose it from the registries.</param>
/// <param name="Purpose">Why the data is needed, e.g. <c>targeted-social-assistance</c>; the access policy is keyed on it.</param>
/// <param name="CaseNumber">The case the data is for (e.g. an application number); part of the audit record.</param>
/// <param name="RequestingSubsystem">The subsystem asking, e.g. <c>assistance</c>; on a shared broker its RabbitMQ user vouches for it.</param>
/// <param name="Officer">The officer acting, if a person acts; part of the audit record.</param>
/// <param name="Fresh">
/// Every agency is asked anew: no cached answer serves (one may still stand in, marked stale, when an agency fails).
/// For a re-evaluation after a change, when yesterday's answers are what is in question.
/// </param>
public sealed record GetHouseholdProfile(
    Guid RequestId,
    string Applicant,
    IReadOnlyList<DeclaredMemberEntry>? DeclaredMembers,
    string Purpose,
    string CaseNumber,
    string RequestingSubsystem,
    string? Officer = null,
    bool Fresh = false);
