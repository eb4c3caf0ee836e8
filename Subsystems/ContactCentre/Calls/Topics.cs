namespace IntegrationHub.ContactCentre.Calls;

/// <summary>
/// What a call is about, as the caller chose it in the 142 voice menu, and the department that answers it.
/// </summary>
/// <param name="Key">Stable key, used in the API and the statistics.</param>
/// <param name="MenuKey">The key the caller presses in the default voice menu (the telephony system's to configure; documented here).</param>
/// <param name="Department">The department whose queue the call joins; null when the voice menu answers it by itself.</param>
public sealed record Topic(string Key, char MenuKey, string NameAz, string NameEn, string? Department)
{
    /// <summary>Answered by the voice menu alone (the last disability exam), never queued for an operator.</summary>
    public bool SelfService => Department is null;
}

/// <summary>
/// The one list of topics and departments. Each of the six departments answers the topic of its own name; the
/// voice menu's key 0 (the last disability exam from the ID card number and birth date typed on the keypad) is a
/// call record like any other, answered by the disability module's call-centre lookup, not by an operator.
/// </summary>
public static class Topics
{
    public const string SocialSecurity = "social-security";
    public const string DisabilityAssessment = "disability-assessment";
    public const string Rehabilitation = "rehabilitation";
    public const string Employment = "employment";
    public const string LabourLaw = "labour-law";
    public const string EServices = "e-services";
    public const string DisabilityExam = "disability-exam";

    public static readonly IReadOnlyList<Topic> All =
    [
        new(SocialSecurity, '1', "Sosial təminat", "Social security", SocialSecurity),
        new(DisabilityAssessment, '2', "Əlilliyin qiymətləndirilməsi", "Disability assessment", DisabilityAssessment),
        new(Rehabilitation, '3', "Reabilitasiya", "Rehabilitation", Rehabilitation),
        new(Employment, '4', "Məşğulluq", "Employment", Employment),
        new(LabourLaw, '5', "Əmək qanunvericiliyi", "Labour law", LabourLaw),
        new(EServices, '6', "Elektron xidmətlər", "E-services", EServices),
        new(DisabilityExam, '0', "Son əlillik müayinəsi (səsli menyu)", "Last disability exam (voice menu)", null),
    ];

    /// <summary>The departments, in menu order: the topics answered by operators.</summary>
    public static readonly IReadOnlyList<string> Departments = [.. All.Where(t => !t.SelfService).Select(t => t.Department!)];

    public static Topic? Find(string? key) => All.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.Ordinal));

    public static bool IsDepartment(string? key) => key is not null && Departments.Contains(key, StringComparer.Ordinal);
}
