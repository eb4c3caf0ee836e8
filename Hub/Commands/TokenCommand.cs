using System.Globalization;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Hub.Security;

namespace IntegrationHub.Hub.Commands;

/// <summary>
/// <c>dotnet run --project Hub -- token &lt;role&gt; &lt;id&gt; [--clinic|--department|--office &lt;name&gt;] [--voen &lt;VÖEN&gt;] [--lifetime hh:mm:ss]</c>: mints a
/// person's token from the development issuer (<see cref="DevelopmentTokens"/>) for this hub's configured
/// audience. The token is the last line on standard output; what it is and how to use it go to standard error.
/// Exit code 0, or 2 on a wrong command.
/// </summary>
public static class TokenCommand
{
    private const string Usage = """
        usage: token citizen <FIN>
               token caseworker <staff-id>
               token commission-member <staff-id>
               token central-commission <staff-id>
               token clinic-doctor <staff-id> --clinic <clinic>
               token employer-officer <staff-id> --voen <employer's VÖEN>
               token contact-centre-operator <staff-id> --department <department>
               token contact-centre-supervisor <staff-id> --department <department>
               token post-office-staff <staff-id> --office <office>
               [--lifetime hh:mm:ss] (default 08:00:00)
        """;

    /// <summary>Runs the command when <paramref name="args"/> start with <c>token</c> and returns its exit code; null otherwise (then the host starts).</summary>
    public static int? TryRun(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] != "token") return null;
        return Run(args.Skip(1).ToArray(), Console.Out, Console.Error, TimeProvider.System);
    }

    public static int Run(string[] args, TextWriter output, TextWriter messages, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(time);
        if (args.Length < 2 || !CallerRoles.PersonRoles.Contains(args[0])) return Fail(messages, null);
        var (role, subject) = (args[0], args[1]);
        string? clinic = null, department = null, office = null, voen = null;
        var lifetime = DevelopmentTokens.DefaultLifetime;
        var rest = new List<string>();
        for (var i = 2; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--clinic" when i + 1 < args.Length:
                    clinic = args[++i];
                    break;
                case "--voen" when i + 1 < args.Length:
                    voen = args[++i];
                    break;
                case "--department" when i + 1 < args.Length:
                    department = args[++i];
                    break;
                case "--office" when i + 1 < args.Length:
                    office = args[++i];
                    break;
                case "--lifetime" when i + 1 < args.Length:
                    if (!TimeSpan.TryParse(args[++i], CultureInfo.InvariantCulture, out lifetime) || lifetime <= TimeSpan.Zero) return Fail(messages, "--lifetime is hh:mm:ss, above zero.");
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        if (role == CallerRoles.Citizen && !Fin.TryParse(subject, out _, out var finError)) return Fail(messages, $"'{subject}': {finError}");
        if (role != CallerRoles.Citizen && !PersonTokens.IsStaffId(subject)) return Fail(messages, "A staff id is 1-64 letters, digits, '.', '_' or '-'.");
        if (role == CallerRoles.ClinicDoctor && !PersonTokens.IsClinic(clinic)) return Fail(messages, "A clinic doctor's token names the clinic: --clinic <clinic>.");
        if (role != CallerRoles.ClinicDoctor && clinic is not null) return Fail(messages, "--clinic is for clinic-doctor tokens only.");
        if (role == CallerRoles.EmployerOfficer && !Voen.TryParse(voen, out _, out var voenError)) return Fail(messages, $"An employer officer's token names the employer: --voen <VÖEN> ({voenError}).");
        if (role != CallerRoles.EmployerOfficer && voen is not null) return Fail(messages, "--voen is for employer-officer tokens only.");
        var departmental = role is CallerRoles.ContactCentreOperator or CallerRoles.ContactCentreSupervisor;
        if (departmental && !PersonTokens.IsDepartment(department)) return Fail(messages, $"A {role}'s token names the department: --department <key> (e.g. social-security).");
        if (!departmental && department is not null) return Fail(messages, "--department is for contact-centre-operator and contact-centre-supervisor tokens only.");
        if (role == CallerRoles.PostOfficeStaff && !PersonTokens.IsOffice(office)) return Fail(messages, "A post-office member of staff's token names the office: --office <office>.");
        if (role != CallerRoles.PostOfficeStaff && office is not null) return Fail(messages, "--office is for post-office-staff tokens only.");

        // The host's own configuration sources (appsettings, environment, command line), without starting it.
        var configuration = WebApplication.CreateBuilder(rest.ToArray()).Configuration;
        var tokens = configuration.GetSection(PersonTokenOptions.SectionName).Get<PersonTokenOptions>() ?? new PersonTokenOptions();
        var token = DevelopmentTokens.Mint(new PersonTokenRequest(role, subject, clinic, department, office, voen), tokens.Audience, time, lifetime);

        var until = (time.GetUtcNow() + lifetime).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var of = clinic ?? department ?? office ?? (voen is null ? null : $"employer {voen}");
        messages.WriteLine($"A {role} token for {subject}{(of is null ? "" : $" of {of}")} from the development issuer, valid until {until}. Use it as");
        messages.WriteLine("  curl -H \"Authorization: Bearer $TOKEN\" …");
        if (tokens.Issuer != DevelopmentTokens.Issuer || !tokens.SigningKeys.Any(k => DevelopmentTokens.IsDevelopmentKey(k.PublicKey)))
        {
            messages.WriteLine("Warning: this configuration's Trust:Tokens does not trust the development issuer: the hub will refuse this token (401).");
        }
        output.WriteLine(token);
        return 0;
    }

    private static int Fail(TextWriter messages, string? why)
    {
        if (why is not null) messages.WriteLine(why);
        messages.WriteLine(Usage);
        return 2;
    }
}
