using IntegrationHub.Extracts;

namespace IntegrationHub.Disability.Extracts;

/// <summary>An exam as the citizen's register lists it.</summary>
public sealed record ExamEntry(
    string ReferralNumber, string Clinic, DateOnly IssuedOn, IReadOnlyList<string> Diagnoses, CaseStatus Status,
    int? Percent, DisabilityCategory? Category, int? FormerDegree, DisabilityCause? Cause, DateOnly? StartDate, DateOnly? NextExam, bool? Indefinite,
    string? IndefiniteReason, string? Recommendations, string? AppealOf = null, string? SupersededBy = null);

/// <summary>An issued extract, as the citizen's history lists it.</summary>
/// <param name="Status"><c>valid</c>, or <c>superseded</c> when its result was changed on appeal (then <paramref name="SupersededBy"/> is the new extract's code).</param>
public sealed record ExtractEntry(string Code, string ReferralNumber, DateTimeOffset IssuedAt, string VerificationUrl, int Verifications,
    string Status = ExtractStatus.Valid, string? SupersededBy = null);

/// <summary>What an organisation sees when it verifies a code: the extract's essentials, nothing more.</summary>
/// <param name="Status"><c>valid</c>: the result stands; <c>superseded</c>: the result was changed on appeal and the extract no longer stands.</param>
/// <param name="SupersededBy">For a superseded extract, the code of the extract of the new result ("superseded by …").</param>
public sealed record VerifiedExtract(
    string Code, string Name, DateOnly BirthDate, int Percent, DisabilityCategory Category, int? FormerDegree, DisabilityCause Cause,
    DateOnly StartDate, DateOnly? NextExam, bool Indefinite, DateTimeOffset IssuedAt, DateTimeOffset VerifiedAt,
    string Status = ExtractStatus.Valid, string? SupersededBy = null, DateTimeOffset? SupersededAt = null);

/// <summary>One verification, as the organisation's list ("extracts I verified") or the citizen's ("who verified my extracts") shows it.</summary>
/// <param name="Status">What the organisation was told the extract was: <c>valid</c> or <c>superseded</c>.</param>
public sealed record VerificationEntry(string Code, string Organisation, DateTimeOffset At, string ReferralNumber, string? Name, string Status = ExtractStatus.Valid);

/// <summary>
/// The five sections of the extract service: exam register, verify an extract, history of extracts, extracts I
/// verified, who verified my extracts. Codes, verification and its log are the shared mechanism's
/// (<see cref="ExtractLog"/>); what an extract is of (a decided exam) and shows is this module's.
/// </summary>
public sealed partial class ExtractService(IDisabilityStore store, IOptions<DisabilityOptions> options, TimeProvider time, ILogger<ExtractService> logger)
{
    private readonly ExtractLog _log = new(store.Extracts, time);

    private DisabilityOptions Options => options.Value;

    /// <summary>Section 1: the citizen's exam register, newest referral first.</summary>
    public IReadOnlyList<ExamEntry> Register(Fin fin) =>
        store.CasesOf(fin.Value).OrderByDescending(c => c.ReceivedAt).Select(c => new ExamEntry(
            c.ReferralNumber, c.Clinic, c.IssuedOn, c.Diagnoses, c.Status,
            c.Result?.Percent, c.Result?.Category, c.Result?.FormerDegree, c.Result?.Cause, c.Result?.StartDate, c.Result?.NextExam, c.Result?.Indefinite,
            c.Result?.IndefiniteReason, c.Result?.Recommendations, c.AppealOf, c.SupersededBy)).ToList();

    /// <summary>Issues an extract of the named exam, or of the latest decided one.</summary>
    public async Task<(ExtractEntry? Extract, ApiProblem? Problem)> IssueAsync(Fin fin, string? referralNumber, string through, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fin);
        var decided = store.CasesOf(fin.Value).Where(c => c.Status == CaseStatus.Decided).ToList();
        var chosen = referralNumber is null
            ? decided.Where(c => c.SupersededBy is null).OrderByDescending(c => c.Result!.StartDate).ThenByDescending(c => c.Result!.DecidedAt).FirstOrDefault()
            : decided.FirstOrDefault(c => string.Equals(c.ReferralNumber, referralNumber.Trim(), StringComparison.OrdinalIgnoreCase));
        if (chosen is null)
        {
            return (null, new(404, DisabilityCodes.NoDecidedExam, referralNumber is null ? "This person has no decided exam to extract." : $"This person has no decided exam under referral {referralNumber}.", referralNumber is null ? null : "referralNumber"));
        }
        if (chosen.SupersededBy is { } replacement)
        {
            return (null, new(409, DisabilityCodes.ResultSuperseded,
                $"The result of referral {chosen.ReferralNumber} was changed on appeal; take an extract of referral {replacement}.", "referralNumber"));
        }
        var extract = await _log.IssueAsync(fin.Value, chosen.ReferralNumber, through, content: null, cancellationToken);
        LogIssued(logger, chosen.ReferralNumber, fin.Masked);
        return (Entry(extract, 0), null);
    }

    /// <summary>The PDF of one of the citizen's extracts; null when the code is not theirs.</summary>
    public byte[]? Pdf(Fin fin, string code)
    {
        ArgumentNullException.ThrowIfNull(fin);
        if (_log.FindOwn(fin.Value, code) is not { } extract) return null;
        var c = store.FindCase(extract.Reference)!;
        return DisabilityExtract.Render(c, extract, Options.VerificationUrl(extract.Code), Options.Rules);
    }

    /// <summary>Section 3: history of the citizen's extracts, newest first, each with how often it was verified.</summary>
    public IReadOnlyList<ExtractEntry> History(Fin fin)
    {
        ArgumentNullException.ThrowIfNull(fin);
        return _log.History(fin.Value).Select(e => Entry(e.Extract, e.Verifications)).ToList();
    }

    /// <summary>Section 2: an organisation verifies a code; the verification is recorded durably before the answer.</summary>
    public async Task<(VerifiedExtract? Extract, ApiProblem? Problem)> VerifyAsync(string code, string organisation, CancellationToken cancellationToken)
    {
        var verified = await _log.VerifyAsync(code, organisation, cancellationToken);
        switch (verified.Outcome)
        {
            case VerifyOutcome.InvalidCode:
                return (null, ApiProblem.BadRequest(DisabilityCodes.InvalidCode,
                    $"An authentication code is {AuthenticationCode.Length} characters from {AuthenticationCode.Alphabet} (hyphens and spaces ignored).", "code"));
            case VerifyOutcome.UnknownCode:
                LogUnknownCode(logger, organisation);
                return (null, new(404, DisabilityCodes.UnknownCode, "No extract carries this code.", "code"));
        }
        var extract = verified.Extract!;
        var c = store.FindCase(extract.Reference)!;
        LogVerified(logger, extract.Reference, organisation);
        var r = c.Result!;
        return (new VerifiedExtract(AuthenticationCode.Format(extract.Code), c.Person!.FullName, c.Person.BirthDate, r.Percent, r.Category, r.FormerDegree, r.Cause,
            r.StartDate, r.NextExam, r.Indefinite, extract.IssuedAt, verified.At,
            extract.Status, extract.SupersededBy is { } by ? AuthenticationCode.Format(by) : null, extract.SupersededAt), null);
    }

    /// <summary>Section 4: the extracts an organisation verified, newest first.</summary>
    public IReadOnlyList<VerificationEntry> VerifiedBy(string organisation) =>
        _log.VerifiedBy(organisation)
            .Select(v => new VerificationEntry(AuthenticationCode.Format(v.Code), v.Organisation, v.At, v.Reference, store.FindCase(v.Reference)?.Person?.FullName, v.Status))
            .ToList();

    /// <summary>Section 5: who verified the citizen's extracts, newest first.</summary>
    public IReadOnlyList<VerificationEntry> WhoVerified(Fin fin)
    {
        ArgumentNullException.ThrowIfNull(fin);
        return _log.WhoVerified(fin.Value)
            .Select(v => new VerificationEntry(AuthenticationCode.Format(v.Code), v.Organisation, v.At, v.Reference, null, v.Status))
            .ToList();
    }

    /// <summary>
    /// The result of <paramref name="replaced"/> was changed on appeal into <paramref name="replacement"/>: the citizen's
    /// extracts of the first are superseded by one new extract of the new result (the shared mechanism,
    /// <see cref="ExtractLog.SupersedeAsync"/>); null when they held none.
    /// </summary>
    public async Task<string?> SupersedeAsync(string fin, string replaced, string replacement, string through, CancellationToken cancellationToken)
    {
        var done = await _log.SupersedeAsync(fin, replaced, replacement, through, content: null, cancellationToken);
        if (done is null) return null;
        LogSuperseded(logger, replaced, done.Superseded.Count, replacement);
        return AuthenticationCode.Format(done.Replacement.Code);
    }

    private ExtractEntry Entry(IssuedExtract e, int verifications) =>
        new(AuthenticationCode.Format(e.Code), e.Reference, e.IssuedAt, Options.VerificationUrl(e.Code), verifications,
            e.Status, e.SupersededBy is { } by ? AuthenticationCode.Format(by) : null);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} extract(s) of referral {ReferralNumber} superseded by an extract of {Replacement}")]
    private static partial void LogSuperseded(ILogger logger, string referralNumber, int count, string replacement);

    [LoggerMessage(Level = LogLevel.Information, Message = "Extract of referral {ReferralNumber} issued to {Fin}")]
    private static partial void LogIssued(ILogger logger, string referralNumber, string fin);

    [LoggerMessage(Level = LogLevel.Information, Message = "Extract of referral {ReferralNumber} verified by {Organisation}")]
    private static partial void LogVerified(ILogger logger, string referralNumber, string organisation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Organisation} tried a code no extract carries")]
    private static partial void LogUnknownCode(ILogger logger, string organisation);
}
