namespace IntegrationHub.Web.Security;

/// <summary>
/// The roles an authenticated caller can hold. Systems authenticate with an API key and hold the roles of
/// <c>Trust:Callers:{name}:Roles</c>; people authenticate with a signed token whose <c>role</c> claim is one of
/// the person roles below (docs/trust.md). Endpoints require them with <see cref="EndpointAuthorization"/>.
/// </summary>
public static class CallerRoles
{
    // Systems (API keys).

    /// <summary>A ministry subsystem that may ask for household profiles over HTTP.</summary>
    public const string Subsystem = "subsystem";

    /// <summary>Reads the whole audit log (auditor's view, chain verification).</summary>
    public const string Auditor = "auditor";

    /// <summary>An organisation verifying disability extracts by code.</summary>
    public const string Verifier = "verifier";

    /// <summary>The 142 call centre's voice menu asking the last disability exam for a caller.</summary>
    public const string CallCentre = "call-centre";

    /// <summary>The 142 contact centre's telephony system: registers every call as it arrives, and the callers who hang up.</summary>
    public const string Telephony = "telephony";

    /// <summary>Operations staff's tools (agency state, statistics).</summary>
    public const string Operator = "operator";

    /// <summary>Testers of a development or test deployment: the mock country's samples and fault switchboard.</summary>
    public const string Tester = "tester";

    /// <summary>An employer's own system notifying labour contracts; its caller entry names the employer's VÖEN (<c>Trust:Callers:{name}:Voen</c>).</summary>
    public const string Employer = "employer";

    /// <summary>Reads the ministry's own registries as an agency API (the hub's labour-contracts adapter reading the employment registry).</summary>
    public const string RegistryReader = "registry-reader";

    // People (signed tokens).

    /// <summary>A citizen signed in through the national single sign-on; the token's subject is their FIN.</summary>
    public const string Citizen = "citizen";

    /// <summary>A ministry caseworker (assistance queues, decision detail).</summary>
    public const string Caseworker = "caseworker";

    /// <summary>A member of the medical-social expert commission entering exam results.</summary>
    public const string CommissionMember = "commission-member";

    /// <summary>A member of the central medical-social expert commission deciding appeals against exam results.</summary>
    public const string CentralCommission = "central-commission";

    /// <summary>A doctor of a clinic's medical advisory commission sending referrals (form 88); the token names the clinic.</summary>
    public const string ClinicDoctor = "clinic-doctor";

    /// <summary>An employer's officer (HR) notifying labour contracts in person; the token names the employer's VÖEN (claim <c>voen</c>).</summary>
    public const string EmployerOfficer = "employer-officer";

    /// <summary>An operator of the 142 contact centre answering the calls of one department; the token names the department.</summary>
    public const string ContactCentreOperator = "contact-centre-operator";

    /// <summary>A supervisor of the 142 contact centre watching the live monitor; the token names their department.</summary>
    public const string ContactCentreSupervisor = "contact-centre-supervisor";

    /// <summary>Staff of a post office submitting applications with citizens who come in person; the token names the office.</summary>
    public const string PostOfficeStaff = "post-office-staff";

    /// <summary>Every person role: a token must carry exactly one of them.</summary>
    public static readonly IReadOnlyList<string> PersonRoles =
        [Citizen, Caseworker, CommissionMember, CentralCommission, ClinicDoctor, EmployerOfficer, ContactCentreOperator, ContactCentreSupervisor, PostOfficeStaff];
}
