namespace IntegrationHub.Subsystems.Common.Security;

/// <summary>
/// The roles an authenticated caller can hold (configuration <c>Trust:Callers:{name}:Roles</c>). The host
/// authenticates every HTTP caller (API key by default) into a principal whose name
/// (<see cref="System.Security.Claims.ClaimTypes.NameIdentifier"/>) is the caller's configured name and whose
/// role claims are these; endpoints require them with <c>RequireAuthorization(p =&gt; p.RequireRole(...))</c>.
/// </summary>
public static class CallerRoles
{
    /// <summary>A ministry subsystem that may ask for household profiles over HTTP.</summary>
    public const string Subsystem = "subsystem";

    /// <summary>Reads the whole audit log (auditor's view, chain verification).</summary>
    public const string Auditor = "auditor";

    /// <summary>The e-government portal acting for a signed-in citizen (applications, statuses, "who looked at my data").</summary>
    public const string CitizenPortal = "citizen-portal";

    /// <summary>A ministry caseworker (queues, decision detail).</summary>
    public const string Caseworker = "caseworker";

    /// <summary>A clinic sending disability referrals (form 88).</summary>
    public const string Clinic = "clinic";

    /// <summary>The medical-social expert commission entering exam results.</summary>
    public const string Commission = "commission";

    /// <summary>An organisation verifying disability extracts by code.</summary>
    public const string Verifier = "verifier";

    /// <summary>The 142 call centre's voice menu asking the last disability exam for a caller.</summary>
    public const string CallCentre = "call-centre";

    /// <summary>Operations staff (agency state, statistics, fault injection of the mocks).</summary>
    public const string Operator = "operator";
}
