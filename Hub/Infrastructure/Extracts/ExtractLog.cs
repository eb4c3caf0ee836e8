using IntegrationHub.Extracts.Storage;

namespace IntegrationHub.Extracts;

/// <summary>An extract with how often organisations verified it, as the citizen's history lists it.</summary>
public sealed record ExtractWithCount(IssuedExtract Extract, int Verifications);

/// <summary>A replacement extract and the extracts it superseded.</summary>
public sealed record SupersedeResult(IssuedExtract Replacement, IReadOnlyList<IssuedExtract> Superseded);

/// <summary>What a verification found: the code was not one at all, no extract carries it, or the extract (now recorded as verified).</summary>
public enum VerifyOutcome
{
    InvalidCode,
    UnknownCode,
    Verified,
}

/// <param name="Extract">The verified extract (when <see cref="Outcome"/> is <see cref="VerifyOutcome.Verified"/>).</param>
/// <param name="At">When the verification was recorded.</param>
public sealed record VerifyResult(VerifyOutcome Outcome, IssuedExtract? Extract = null, DateTimeOffset At = default);

/// <summary>
/// The extract mechanism every module uses the same way: issue an extract under a new authentication code, find a
/// citizen's own by code, let an organisation verify one (each verification durable before the answer), and the views:
/// the citizen's history with verification counts, "who verified my extracts", "extracts this organisation verified".
/// What an extract is of and what it shows is the module's; how it is issued, found and verified is here.
/// </summary>
public sealed class ExtractLog(IExtractStore store, TimeProvider time)
{
    /// <summary>Issues an extract of <paramref name="reference"/> to <paramref name="fin"/> under a new code; durable when it completes.</summary>
    public async Task<IssuedExtract> IssueAsync(string fin, string reference, string through, string? content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(fin);
        ArgumentException.ThrowIfNullOrEmpty(reference);
        var extract = new IssuedExtract(AuthenticationCode.New(), fin, reference, time.GetUtcNow(), through, content);
        await store.AddAsync(extract, cancellationToken);
        return extract;
    }

    /// <summary>The citizen's own extract with this code (printed or bare, any case); null when the code is not theirs or no code at all.</summary>
    public IssuedExtract? FindOwn(string fin, string? code) =>
        AuthenticationCode.TryParse(code, out var parsed) && store.Find(parsed) is { } extract && extract.Fin == fin ? extract : null;

    /// <summary>The citizen's extracts, newest first, each with how often it was verified.</summary>
    public IReadOnlyList<ExtractWithCount> History(string fin)
    {
        var counts = store.VerificationsOfOwner(fin).GroupBy(v => v.Code).ToDictionary(g => g.Key, g => g.Count());
        return store.OfOwner(fin).OrderByDescending(e => e.IssuedAt).Select(e => new ExtractWithCount(e, counts.GetValueOrDefault(e.Code))).ToList();
    }

    /// <summary>An organisation verifies a code; the verification is on disk before the result is returned.</summary>
    public async Task<VerifyResult> VerifyAsync(string? code, string organisation, CancellationToken cancellationToken)
    {
        if (!AuthenticationCode.TryParse(code, out var parsed)) return new(VerifyOutcome.InvalidCode);
        if (store.Find(parsed) is not { } extract) return new(VerifyOutcome.UnknownCode);
        var at = time.GetUtcNow();
        await store.AddVerificationAsync(new ExtractVerification(Guid.CreateVersion7(at), extract.Code, extract.Fin, extract.Reference, organisation, at, extract.Status), cancellationToken);
        return new(VerifyOutcome.Verified, extract, at);
    }

    /// <summary>
    /// The result <paramref name="reference"/> was replaced by <paramref name="replacement"/> (a changed result, e.g. on
    /// appeal): when <paramref name="fin"/> holds extracts of it still standing, one new extract of the replacement is
    /// issued and each of them is marked as superseded by it, in one durable write; their codes then verify as
    /// <see cref="ExtractStatus.Superseded"/> naming the new code. Null when no extract of <paramref name="reference"/>
    /// stands (nothing to supersede: the citizen takes an extract of the new result when they need one) or another
    /// replacement of them came first, so a repeat changes nothing.
    /// </summary>
    public async Task<SupersedeResult?> SupersedeAsync(string fin, string reference, string replacement, string through, string? content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(fin);
        ArgumentException.ThrowIfNullOrEmpty(reference);
        ArgumentException.ThrowIfNullOrEmpty(replacement);
        var standing = store.OfOwner(fin).Where(e => e.Reference == reference && e.SupersededBy is null).ToList();
        if (standing.Count == 0) return null;
        var at = time.GetUtcNow();
        var extract = new IssuedExtract(AuthenticationCode.New(), fin, replacement, at, through, content);
        if (!await store.ReplaceAsync(extract, standing.Select(e => e.Code).ToList(), at, cancellationToken)) return null;
        return new SupersedeResult(extract, standing.Select(e => e with { SupersededBy = extract.Code, SupersededAt = at }).ToList());
    }

    /// <summary>"Extracts I verified": an organisation's verifications, newest first.</summary>
    public IReadOnlyList<ExtractVerification> VerifiedBy(string organisation) =>
        store.VerificationsBy(organisation).OrderByDescending(v => v.At).ToList();

    /// <summary>"Who verified my extracts": the verifications of a citizen's extracts, newest first.</summary>
    public IReadOnlyList<ExtractVerification> WhoVerified(string fin) =>
        store.VerificationsOfOwner(fin).OrderByDescending(v => v.At).ToList();

    /// <summary>The address printed on an extract and held by its QR code: <paramref name="publicBaseUrl"/> + <paramref name="verifyPath"/> + the printed code.</summary>
    public static string VerificationUrl(string publicBaseUrl, string verifyPath, string code)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        ArgumentNullException.ThrowIfNull(verifyPath);
        return $"{publicBaseUrl.TrimEnd('/')}/{verifyPath.Trim('/')}/{AuthenticationCode.Format(code)}";
    }
}
