using System.Net.Mail;
using IntegrationHub.Contracts.Identifiers;
using IntegrationHub.Contracts.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Assistance.Api;

/// <summary>The application-declaration as the citizen portal sends it. Everything is text so that every mistake is named.</summary>
/// <param name="Applicant">The applicant's FIN.</param>
/// <param name="IdCardNumber">The applicant's ID card number (AZE + 8 digits or AA + 7 digits).</param>
/// <param name="Members">
/// The other household members with their relation to the applicant: everyone registered at the applicant's address, and
/// the spouse and children under 18 wherever registered. People in military service, serving a sentence, on the wanted
/// list, living abroad, foreign citizens and people in full state care are not counted: declaring them or leaving them
/// out are both fine (<see cref="ApplicationValidator.WhoToDeclare"/>).
/// </param>
/// <param name="Incomes">Average monthly income over the last 12 months per member and source; a member with none declares nothing.</param>
/// <param name="Channel">Where the ministry answers: <c>{"kind":"sms","address":"+994501234567"}</c>, <c>{"kind":"email","address":"…"}</c> or <c>{"kind":"ecabinet"}</c>.</param>
/// <param name="Consent">The applicant agrees that the ministry fetches the household's data from the agencies; required.</param>
public sealed record ApplicationRequest(
    string? Applicant,
    string? IdCardNumber,
    IReadOnlyList<MemberRequest>? Members,
    IReadOnlyList<IncomeRequest>? Incomes,
    ChannelRequest? Channel,
    bool? Consent);

/// <summary>An application submitted at a post office with the citizen, who shows their ID card.</summary>
/// <param name="BirthDate">The applicant's birth date as printed on the ID card (yyyy-MM-dd); with the card number, checked with the population register.</param>
/// <param name="Application">The application-declaration, as the citizen would send it themselves.</param>
public sealed record AssistedApplicationRequest(string? BirthDate, ApplicationRequest? Application);

public sealed record MemberRequest(string? Fin, string? Relation);

public sealed record IncomeRequest(string? Fin, string? Source, decimal? MonthlyAmount);

public sealed record ChannelRequest(string? Kind, string? Address);

/// <summary>Turns a request into a declaration, or names the first thing wrong with it.</summary>
public static class ApplicationValidator
{
    public const int MaxMembers = 20;

    /// <summary>Who the application-declaration must name; problem texts and the API description repeat it.</summary>
    public const string WhoToDeclare =
        "Declare everyone registered at your address, and your spouse and children under 18 wherever they are registered. "
        + "People in military service, serving a sentence, on the wanted list, living abroad, foreign citizens and people in full state care "
        + "are not counted as family members: declaring them or leaving them out are both fine.";

    public static (ApplicationDeclaration? Declaration, ProblemHttpResult? Problem) Validate(ApplicationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Fin.TryParse(request.Applicant, out var applicant, out var error)) return Fail(AssistanceProblems.InvalidFin, error, "applicant");
        if (!IdCardNumber.TryParse(request.IdCardNumber, out var idCard, out error)) return Fail(AssistanceProblems.InvalidIdCard, error, "idCardNumber");

        var members = new List<DeclaredMember>();
        var seen = new HashSet<Fin> { applicant };
        var given = request.Members ?? [];
        if (given.Count + 1 > MaxMembers) return Fail(AssistanceProblems.TooManyMembers, $"At most {MaxMembers} people per household, the applicant included; got {given.Count + 1}. {WhoToDeclare}", "members");
        for (var i = 0; i < given.Count; i++)
        {
            var field = $"members[{i}]";
            if (given[i] is not { } m) return Fail(AssistanceProblems.InvalidFin, "A member entry is empty.", field);
            if (!Fin.TryParse(m.Fin, out var fin, out error)) return Fail(AssistanceProblems.InvalidFin, error, field + ".fin");
            if (!EnumNames.TryParse<RelationToApplicant>(m.Relation, out var relation) || relation == RelationToApplicant.Applicant)
            {
                return Fail(AssistanceProblems.InvalidRelation, $"Relation '{m.Relation}' is not one of Spouse, Child, Parent, Sibling, Grandparent, Grandchild, OtherRelative, Other (Other: someone sharing the household with no family tie). {WhoToDeclare}", field + ".relation");
            }
            if (!seen.Add(fin)) return Fail(AssistanceProblems.DuplicateMember, "This FIN is the applicant's or an earlier member's.", field + ".fin");
            members.Add(new DeclaredMember(fin, relation));
        }

        var incomes = new List<DeclaredIncome>();
        var incomeList = request.Incomes ?? [];
        for (var i = 0; i < incomeList.Count; i++)
        {
            var field = $"incomes[{i}]";
            if (incomeList[i] is not { } income) return Fail(AssistanceProblems.InvalidIncome, "An income entry is empty.", field);
            if (!Fin.TryParse(income.Fin, out var fin, out error)) return Fail(AssistanceProblems.InvalidFin, error, field + ".fin");
            if (!seen.Contains(fin)) return Fail(AssistanceProblems.InvalidIncome, "The income is declared for someone who is neither the applicant nor a declared member.", field + ".fin");
            var source = ApplicationDeclaration.IncomeSources.FirstOrDefault(s => string.Equals(s, income.Source, StringComparison.OrdinalIgnoreCase));
            if (source is null) return Fail(AssistanceProblems.InvalidIncome, $"Income source '{income.Source}' is not one of {string.Join(", ", ApplicationDeclaration.IncomeSources)}.", field + ".source");
            if (income.MonthlyAmount is not { } amount || amount < 0 || amount > 1_000_000m || decimal.Round(amount, 2) != amount)
            {
                return Fail(AssistanceProblems.InvalidIncome, "monthlyAmount must be given, in AZN with at most 2 decimals, from 0 to 1,000,000.", field + ".monthlyAmount");
            }
            incomes.Add(new DeclaredIncome(fin, source, amount));
        }

        if (request.Channel is not { } channel) return Fail(AssistanceProblems.InvalidChannel, "Name the feedback channel: sms (with a phone number), email (with an address) or ecabinet.", "channel");
        FeedbackChannel feedback;
        switch (channel.Kind?.ToLowerInvariant())
        {
            case "sms":
                if (!PhoneNumber.TryParse(channel.Address, out var phone, out error)) return Fail(AssistanceProblems.InvalidPhone, error, "channel.address");
                feedback = new FeedbackChannel(ChannelKind.Sms, phone.Value);
                break;
            case "email":
                var address = channel.Address?.Trim();
                if (address is null || address.Length > 254 || TextInput.CheckLine(address, "channel.address") is not null || !MailAddress.TryCreate(address, out var mail) || mail.Address != address || !mail.Host.Contains('.', StringComparison.Ordinal))
                {
                    return Fail(AssistanceProblems.InvalidEmail, "Give one e-mail address such as name@example.az.", "channel.address");
                }
                feedback = new FeedbackChannel(ChannelKind.Email, address);
                break;
            case "ecabinet":
                if (!string.IsNullOrEmpty(channel.Address)) return Fail(AssistanceProblems.InvalidChannel, "The e-cabinet is the applicant's own: give no address.", "channel.address");
                feedback = new FeedbackChannel(ChannelKind.ECabinet, null);
                break;
            default:
                return Fail(AssistanceProblems.InvalidChannel, $"Channel kind '{channel.Kind}' is not one of sms, email, ecabinet.", "channel.kind");
        }

        if (request.Consent != true) return Fail(AssistanceProblems.ConsentRequired, "The application needs the applicant's consent to fetch the household's data from the agencies.", "consent");
        return (new ApplicationDeclaration(applicant, idCard, members, incomes, feedback, true), null);
    }

    /// <summary>An idempotency key: 1-100 visible ASCII characters.</summary>
    public static bool IsValidIdempotencyKey(string key) => key.Length is >= 1 and <= 100 && key.All(c => c is > ' ' and <= '~');

    private static (ApplicationDeclaration?, ProblemHttpResult?) Fail(string code, string detail, string field) => (null, ProblemResults.BadRequest(code, detail, field));
}
