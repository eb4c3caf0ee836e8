namespace IntegrationHub.Statistics;

/// <summary>The stable keys of the citizen-facing e-services: what a module passes to <see cref="IEServiceCounter.Count"/>.</summary>
public static class EServiceKeys
{
    /// <summary>An application for targeted state social assistance (Subsystems/Assistance).</summary>
    public const string AssistanceApplication = "assistance-application";

    /// <summary>A citizen contests an item of the data their assistance decision used (Subsystems/Assistance).</summary>
    public const string AssistanceContest = "assistance-contest";

    /// <summary>A citizen appeals an assistance refusal (Subsystems/Assistance).</summary>
    public const string AssistanceAppeal = "assistance-appeal";

    /// <summary>Disability exam information: an extract issued to the citizen (Subsystems/Disability).</summary>
    public const string DisabilityExamExtract = "disability-exam-extract";

    /// <summary>An organisation verifies an extract by its code.</summary>
    public const string ExtractVerification = "extract-verification";

    /// <summary>The last disability exam without login: on the web and through the call centre's voice menu.</summary>
    public const string LastExamLookup = "last-exam-lookup";

    /// <summary>An employer registers a labour-contract notification (new contract, change, suspension, termination).</summary>
    public const string ContractNotification = "contract-notification";

    /// <summary>An employer reads its employees' contract information.</summary>
    public const string EmployeeContracts = "employee-contracts";

    /// <summary>A citizen takes a workplace certificate.</summary>
    public const string WorkplaceCertificate = "workplace-certificate";

    /// <summary>A call to the 142 contact centre.</summary>
    public const string ContactCentreCall = "contact-centre-call";
}

/// <summary>One e-service as the ministry reports it.</summary>
/// <param name="Key">Stable, lower-case with hyphens; never changes meaning (it is in the stored counts).</param>
/// <param name="NameAz">Its name in Azerbaijani.</param>
/// <param name="NameEn">Its name in English.</param>
public sealed record EService(string Key, string NameAz, string NameEn);

/// <summary>
/// The one list of the ministry's citizen-facing e-services, in the order reports show them. Every use counted
/// names one of these keys; a key that is not here is a programming error (<see cref="IEServiceCounter.Count"/>
/// throws), so a typo fails its module's tests instead of starting a series of its own.
/// </summary>
public static class EServiceCatalog
{
    public static IReadOnlyList<EService> All { get; } =
    [
        new(EServiceKeys.AssistanceApplication,
            "Ünvanlı dövlət sosial yardımı üçün elektron müraciət", "Application for targeted state social assistance"),
        new(EServiceKeys.DisabilityExamExtract,
            "Əlilliyin qiymətləndirilməsi üzrə müayinə haqqında arayış", "Disability exam information (extract)"),
        new(EServiceKeys.ExtractVerification,
            "Arayışın həqiqiliyinin yoxlanılması", "Extract verification"),
        new(EServiceKeys.LastExamLookup,
            "Son müayinə haqqında məlumat (girişsiz)", "Last exam without login"),
        new(EServiceKeys.ContractNotification,
            "Əmək müqaviləsi bildirişinin qeydiyyatı", "Labour-contract notification registration"),
        new(EServiceKeys.EmployeeContracts,
            "İşçilərin əmək müqavilələri haqqında məlumat", "Employees' contract information"),
        new(EServiceKeys.WorkplaceCertificate,
            "İş yerindən arayış", "Workplace certificate"),
        new(EServiceKeys.ContactCentreCall,
            "142 Çağrı Mərkəzinə zənglər", "Contact-centre calls (142)"),
        new(EServiceKeys.AssistanceContest,
            "Ünvanlı sosial yardım qərarında istifadə olunan məlumata etiraz", "Contest of data used in a targeted assistance decision"),
        new(EServiceKeys.AssistanceAppeal,
            "Ünvanlı sosial yardımdan imtinaya şikayət", "Appeal against a targeted assistance refusal"),
    ];

    private static readonly Dictionary<string, EService> ByKey = All.ToDictionary(s => s.Key, StringComparer.Ordinal);

    /// <summary>The e-service with this key, or null.</summary>
    public static EService? Find(string? key) => key is not null && ByKey.TryGetValue(key, out var service) ? service : null;
}
