using System.Net.Http.Headers;
using IntegrationHub.Hub.Security;
using IntegrationHub.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Tests.Shared;

/// <summary>
/// People acting on a host under test: their tokens from the development issuer (Hub/Security/DevelopmentTokens),
/// for the host's configured audience and on the host's clock (a fake one moves the tokens' lifetime too).
/// </summary>
public static class People
{
    public const string Clinic = "Bakı 3 saylı poliklinika";

    public static PersonTokenRequest Citizen(string fin) => new(CallerRoles.Citizen, fin);

    public static PersonTokenRequest Caseworker(string id = "cw-0001") => new(CallerRoles.Caseworker, id);

    public static PersonTokenRequest CommissionMember(string id = "tsek-0001") => new(CallerRoles.CommissionMember, id);

    public static PersonTokenRequest CentralCommission(string id = "mtsek-0001") => new(CallerRoles.CentralCommission, id);

    public static PersonTokenRequest ClinicDoctor(string id = "dr-0001", string clinic = Clinic) => new(CallerRoles.ClinicDoctor, id, clinic);

    /// <summary>The VÖEN of the sample employer (Hub/appsettings.json: <c>Employment:Employers</c> and caller <c>sample-employer</c>).</summary>
    public const string SampleEmployerVoen = "1401555071";

    public static PersonTokenRequest EmployerOfficer(string voen = SampleEmployerVoen, string id = "hr-0001") => new(CallerRoles.EmployerOfficer, id, Voen: voen);

    public const string PostOffice = "Bakı 15 saylı poçt şöbəsi";

    public static PersonTokenRequest ContactCentreOperator(string id = "op-0001", string department = "social-security") =>
        new(CallerRoles.ContactCentreOperator, id, Department: department);

    public static PersonTokenRequest ContactCentreSupervisor(string id = "sv-0001", string department = "social-security") =>
        new(CallerRoles.ContactCentreSupervisor, id, Department: department);

    public static PersonTokenRequest PostOfficeStaff(string id = "po-0001", string office = PostOffice) => new(CallerRoles.PostOfficeStaff, id, Office: office);

    /// <summary>The person's token as the host's issuer settings expect it.</summary>
    public static string Token(IServiceProvider services, PersonTokenRequest person, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var audience = services.GetRequiredService<IOptions<PersonTokenOptions>>().Value.Audience;
        return DevelopmentTokens.Mint(person, audience, services.GetRequiredService<TimeProvider>(), lifetime);
    }

    /// <summary>The audience of the shipped settings (Hub/appsettings.json <c>Trust:Tokens:Audience</c>), for a hub run as a process.</summary>
    public const string ShippedAudience = "integrationhub";

    /// <summary>A token for a hub process with the shipped settings, valid from now by the system clock.</summary>
    public static string ShippedToken(PersonTokenRequest person) => DevelopmentTokens.Mint(person, ShippedAudience, TimeProvider.System);

    /// <summary>Sends <paramref name="token"/> as the bearer token on every request of <paramref name="client"/>.</summary>
    public static HttpClient WithToken(this HttpClient client, string token)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
