using System.Text.Json;
using IntegrationHub.Extracts;
using IntegrationHub.Extracts.Pdf;
using IntegrationHub.Extracts.Storage;

namespace IntegrationHub.Employment.Certificates;

/// <summary>One job a certificate states: the employer, the position and since when.</summary>
public sealed record CertifiedJob(string EmployerVoen, string EmployerName, string ContractNumber, string Kind, string Position, string OccupationCode, DateOnly StartDate, bool Suspended);

/// <summary>What a workplace certificate states, fixed when issued (kept with the extract, so the PDF and every verification say the same later).</summary>
public sealed record CertificateContent(string Fin, string? Name, DateOnly On, IReadOnlyList<CertifiedJob> Jobs);

/// <summary>An issued certificate, as the citizen's history lists it.</summary>
public sealed record CertificateEntry(string Code, DateOnly On, bool Employed, DateTimeOffset IssuedAt, string VerificationUrl, int Verifications);

/// <summary>What an organisation sees when it verifies a code: the certificate's statement.</summary>
public sealed record VerifiedCertificate(string Code, string? Name, DateOnly On, bool Employed, IReadOnlyList<CertifiedJob> Jobs, DateTimeOffset IssuedAt, DateTimeOffset VerifiedAt);

/// <summary>One verification, as the organisation's or the citizen's list shows it.</summary>
public sealed record CertificateVerification(string Code, string Organisation, DateTimeOffset At, DateOnly On);

/// <summary>
/// The workplace certificate (iş yerindən arayış): a citizen's statement of employment on a day (or of having no open
/// contract), from the registry, as a PDF with an authentication code and a QR. Issued, found and verified through the
/// shared extract mechanism (<see cref="ExtractLog"/>, <see cref="ExtractPdf"/>), like the disability extract.
/// </summary>
public sealed partial class CertificateService(IEmploymentStore store, IOptions<EmploymentOptions> options, TimeProvider time, ILogger<CertificateService> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ExtractLog _log = new(store.Extracts, time);

    /// <summary>Issues a certificate of the citizen's employment on <paramref name="on"/> (default today; not in the future).</summary>
    public async Task<(CertificateEntry? Certificate, ApiProblem? Problem)> IssueAsync(Fin fin, string? on, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fin);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var day = today;
        if (!string.IsNullOrWhiteSpace(on) && (!DateOnly.TryParseExact(on.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day) || day > today))
        {
            return (null, ApiProblem.BadRequest(EmploymentCodes.InvalidDate, "date is yyyy-MM-dd, today or earlier.", "date"));
        }
        var contracts = store.ContractsOfEmployee(fin.Value);
        var jobs = contracts.Where(c => c.InForceOn(day)).OrderBy(c => c.StartDate).Select(c =>
        {
            var terms = c.TermsOn(day);
            return new CertifiedJob(c.EmployerVoen, c.EmployerName, c.Number, c.Kind, terms.Position, terms.OccupationCode, c.StartDate, c.SuspensionOn(day) is not null);
        }).ToList();
        var content = new CertificateContent(fin.Value, contracts.OrderByDescending(c => c.RegisteredAt).FirstOrDefault()?.EmployeeName, day, jobs);
        var extract = await _log.IssueAsync(fin.Value, Reference(day), fin.Value, JsonSerializer.Serialize(content, Json), cancellationToken);
        LogIssued(logger, fin.Masked);
        return (Entry(extract, content, 0), null);
    }

    /// <summary>The citizen's certificates, newest first.</summary>
    public IReadOnlyList<CertificateEntry> History(Fin fin)
    {
        ArgumentNullException.ThrowIfNull(fin);
        return _log.History(fin.Value).Select(e => Entry(e.Extract, Content(e.Extract), e.Verifications)).ToList();
    }

    /// <summary>The PDF of one of the citizen's certificates; null when the code is not theirs.</summary>
    public byte[]? Pdf(Fin fin, string code)
    {
        ArgumentNullException.ThrowIfNull(fin);
        return _log.FindOwn(fin.Value, code) is { } extract ? ExtractPdf.Render(Layout(extract, Content(extract), options.Value.VerificationUrl(extract.Code))) : null;
    }

    /// <summary>An organisation verifies a code; the verification is durable before the answer.</summary>
    public async Task<(VerifiedCertificate? Certificate, ApiProblem? Problem)> VerifyAsync(string code, string organisation, CancellationToken cancellationToken)
    {
        var verified = await _log.VerifyAsync(code, organisation, cancellationToken);
        switch (verified.Outcome)
        {
            case VerifyOutcome.InvalidCode:
                return (null, ApiProblem.BadRequest(EmploymentCodes.InvalidCode,
                    $"An authentication code is {AuthenticationCode.Length} characters from {AuthenticationCode.Alphabet} (hyphens and spaces ignored).", "code"));
            case VerifyOutcome.UnknownCode:
                return (null, new(404, EmploymentCodes.UnknownCode, "No certificate carries this code.", "code"));
        }
        var extract = verified.Extract!;
        var content = Content(extract);
        LogVerified(logger, organisation);
        return (new VerifiedCertificate(AuthenticationCode.Format(extract.Code), content.Name, content.On, content.Jobs.Count > 0, content.Jobs, extract.IssuedAt, verified.At), null);
    }

    /// <summary>"Certificates this organisation verified", newest first.</summary>
    public IReadOnlyList<CertificateVerification> VerifiedBy(string organisation) =>
        _log.VerifiedBy(organisation).Select(View).ToList();

    /// <summary>"Who verified my certificates", newest first.</summary>
    public IReadOnlyList<CertificateVerification> WhoVerified(Fin fin)
    {
        ArgumentNullException.ThrowIfNull(fin);
        return _log.WhoVerified(fin.Value).Select(View).ToList();
    }

    /// <summary>What the certificate shows, in the shared extract layout: in Azerbaijani and English, a row per job.</summary>
    public static ExtractLayout Layout(IssuedExtract extract, CertificateContent content, string verificationUrl)
    {
        ArgumentNullException.ThrowIfNull(extract);
        ArgumentNullException.ThrowIfNull(content);
        var rows = new List<ExtractRow>
        {
            new("Şəxs / Person", content.Name ?? "—"),
            new("FİN / FIN", content.Fin),
            new("Tarix / On", Date(content.On)),
        };
        if (content.Jobs.Count == 0)
        {
            rows.Add(new("Vəziyyət / Status", $"Bu tarixdə açıq əmək müqaviləsi yoxdur / No open labour contract on {Date(content.On)}"));
        }
        else
        {
            rows.Add(new("Vəziyyət / Status", $"İşləyir / Employed on {Date(content.On)}"));
            foreach (var job in content.Jobs)
            {
                rows.Add(ExtractRow.Heading($"{job.EmployerName} (VÖEN {job.EmployerVoen})"));
                rows.Add(new("Vəzifə / Position", $"{job.Position} ({job.OccupationCode})"));
                rows.Add(new("Müqavilə / Contract", $"{job.ContractNumber}, {(job.Kind == Domain.ContractKinds.Main ? "əsas / main" : "əlavə / secondary")}"));
                rows.Add(new("Başlama / Since", Date(job.StartDate) + (job.Suspended ? " (dayandırılıb / suspended)" : "")));
            }
        }
        rows.Add(new("Verilib / Issued", extract.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
        return new ExtractLayout(
            "Workplace certificate " + Date(content.On),
            "IntegrationHub employment registry",
            "Əmək müqavilələri reyestrindən iş yeri haqqında arayış",
            "Workplace certificate from the employment-contract registry",
            rows,
            [],
            extract.Code,
            verificationUrl);
    }

    private static CertificateContent Content(IssuedExtract extract) =>
        JsonSerializer.Deserialize<CertificateContent>(extract.Content ?? throw new InvalidOperationException("A certificate keeps what it stated."), Json)!;

    private CertificateEntry Entry(IssuedExtract e, CertificateContent content, int verifications) =>
        new(AuthenticationCode.Format(e.Code), content.On, content.Jobs.Count > 0, e.IssuedAt, options.Value.VerificationUrl(e.Code), verifications);

    private static CertificateVerification View(ExtractVerification v) =>
        new(AuthenticationCode.Format(v.Code), v.Organisation, v.At, DateOnly.ParseExact(v.Reference[3..], "yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>A certificate's reference in the extract log: <c>WC-</c> and the day it states.</summary>
    private static string Reference(DateOnly on) => "WC-" + on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Date(DateOnly d) => d.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workplace certificate issued to {Fin}")]
    private static partial void LogIssued(ILogger logger, string fin);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workplace certificate verified by {Organisation}")]
    private static partial void LogVerified(ILogger logger, string organisation);
}
