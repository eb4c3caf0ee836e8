namespace IntegrationHub.Contracts.Messaging;

/// <summary>
/// Command: record in the hub's audit that an officer of a subsystem looked at people's data (a case's profile snapshot,
/// a citizen's preview, a contested document) before the subsystem shows it. Answered with
/// <see cref="OfficerLookRecorded"/> once the record is durable, or <see cref="OfficerLookRefused"/> for bad input;
/// no answer (the audit unavailable) means the data must not be shown. The people named are its subjects, so each sees
/// the look in their "who looked" view with the officer's role.
/// </summary>
/// <param name="RequestId">Chosen by the sender, never all zeros; the same id sent again is recorded once.</param>
/// <param name="RequestingSubsystem">The subsystem whose officer looks, e.g. <c>assistance</c>.</param>
/// <param name="Officer">The officer's id (their token's subject).</param>
/// <param name="OfficerRole">The officer's role, e.g. <c>caseworker</c> or <c>commission-member</c>.</param>
/// <param name="Purpose">The purpose the data was obtained for, e.g. <c>targeted-social-assistance</c>.</param>
/// <param name="CaseNumber">The case looked at (an application number, a referral).</param>
/// <param name="Applicant">The FIN of the person whose case it is.</param>
/// <param name="Subjects">The FINs whose data is shown (the applicant first).</param>
/// <param name="Seen">What was shown, a short code: <c>case-snapshot</c>, <c>decision</c>, <c>contest-document</c>, ...</param>
public sealed record RecordOfficerLook(
    Guid RequestId,
    string RequestingSubsystem,
    string Officer,
    string OfficerRole,
    string Purpose,
    string CaseNumber,
    string Applicant,
    IReadOnlyList<string> Subjects,
    string Seen);

/// <summary>The look is in the hub's audit (durable): the subsystem may show the data.</summary>
/// <param name="Sequence">The audit record's sequence in the hub's segment.</param>
public sealed record OfficerLookRecorded(Guid RequestId, long Sequence);

/// <summary>The hub will not record the look as given (a bad FIN, text that could forge a record): do not show the data.</summary>
public sealed record OfficerLookRefused(Guid RequestId, string Reason, string Detail, string? Field = null);
