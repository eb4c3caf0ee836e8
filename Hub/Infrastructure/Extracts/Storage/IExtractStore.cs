namespace IntegrationHub.Extracts.Storage;

/// <summary>An extract issued to a citizen: its code, whose it is, what it is of, and what it said when issued.</summary>
/// <param name="Code">The authentication code (bare symbols, <see cref="AuthenticationCode"/>): the extract's identity.</param>
/// <param name="Fin">The citizen the extract is about and was issued to.</param>
/// <param name="Reference">What it is an extract of in the issuing module (a referral number, a certificate's date).</param>
/// <param name="IssuedThrough">Who asked for it (the citizen's FIN, from their token).</param>
/// <param name="Content">What the document stated, kept so the PDF and every verification say the same later (JSON of the module's own shape); null when the module reads it from its records.</param>
/// <param name="SupersededBy">The code of the extract that replaced this one (its result was changed, e.g. on appeal); null while it stands.</param>
/// <param name="SupersededAt">When it was replaced.</param>
public sealed record IssuedExtract(
    string Code, string Fin, string Reference, DateTimeOffset IssuedAt, string IssuedThrough, string? Content = null,
    string? SupersededBy = null, DateTimeOffset? SupersededAt = null)
{
    /// <summary><see cref="ExtractStatus.Valid"/> or <see cref="ExtractStatus.Superseded"/>.</summary>
    public string Status => SupersededBy is null ? ExtractStatus.Valid : ExtractStatus.Superseded;
}

/// <summary>What a verification finds an extract to be: a stable word in every module's verify answer and verification log.</summary>
public static class ExtractStatus
{
    /// <summary>The extract states the module's current result.</summary>
    public const string Valid = "valid";

    /// <summary>The result it states was replaced; the extract names the code of the one that replaced it.</summary>
    public const string Superseded = "superseded";
}

/// <summary>One verification of an extract by an organisation.</summary>
/// <param name="Fin">The extract's owner, for "who verified my extracts".</param>
/// <param name="Organisation">The authenticated organisation (its caller name).</param>
/// <param name="Status">What the organisation was told the extract was (<see cref="ExtractStatus"/>); files written before it existed read <c>valid</c>.</param>
public sealed record ExtractVerification(Guid Id, string Code, string Fin, string Reference, string Organisation, DateTimeOffset At, string Status = ExtractStatus.Valid);

/// <summary>
/// Where a module keeps its issued extracts and their verifications (in the module's own file). Writes complete once
/// they are durable. No type of a particular database in this interface.
/// </summary>
public interface IExtractStore
{
    Task AddAsync(IssuedExtract extract, CancellationToken cancellationToken);

    /// <summary>The extract with this code (bare symbols), or null.</summary>
    IssuedExtract? Find(string code);

    /// <summary>A citizen's extracts, in no particular order.</summary>
    IReadOnlyList<IssuedExtract> OfOwner(string fin);

    /// <summary>
    /// Adds <paramref name="replacement"/> and marks each extract of <paramref name="superseded"/> (bare codes) as
    /// superseded by it at <paramref name="at"/>, in one durable write: all or none. False, writing nothing, when one of
    /// them was superseded meanwhile (another replacement came first).
    /// </summary>
    Task<bool> ReplaceAsync(IssuedExtract replacement, IReadOnlyCollection<string> superseded, DateTimeOffset at, CancellationToken cancellationToken);

    Task AddVerificationAsync(ExtractVerification verification, CancellationToken cancellationToken);

    /// <summary>The verifications of a citizen's extracts, in no particular order.</summary>
    IReadOnlyList<ExtractVerification> VerificationsOfOwner(string fin);

    /// <summary>The verifications an organisation made, in no particular order.</summary>
    IReadOnlyList<ExtractVerification> VerificationsBy(string organisation);
}
