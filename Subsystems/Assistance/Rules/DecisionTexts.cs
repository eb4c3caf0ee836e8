using System.Text;

namespace IntegrationHub.Assistance.Rules;

/// <summary>
/// A decision in words a citizen understands, in Azerbaijani (<c>az</c>) and English (<c>en</c>). Amounts in AZN
/// with two decimals, dates as dd.MM.yyyy. No personal data beyond the application number.
/// </summary>
public static class DecisionTexts
{
    public static readonly IReadOnlyList<string> Languages = ["az", "en"];

    public static string Decision(string language, string applicationNumber, MeansTestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var az = IsAz(language);
        var text = new StringBuilder();
        if (result.Outcome == MeansTestOutcome.Approved)
        {
            text.Append(az
                ? $"{applicationNumber} nömrəli müraciətiniz üzrə ünvanlı dövlət sosial yardımı təyin edildi: ayda {Money(result.MonthlyAmount!.Value)} AZN, {Date(result.PeriodFrom!.Value)} - {Date(result.PeriodTo!.Value)} dövrü üçün. "
                  + $"Ailənin son 12 ayda orta aylıq gəliri {Money(result.TotalMonthlyIncome)} AZN, ehtiyac meyarı {Money(result.Criterion)} AZN x {result.Counted.Count} nəfər = {Money(result.Threshold)} AZN."
                : $"Targeted social assistance is granted on application {applicationNumber}: {Money(result.MonthlyAmount!.Value)} AZN a month from {Date(result.PeriodFrom!.Value)} to {Date(result.PeriodTo!.Value)}. "
                  + $"Your family's average monthly income over the last 12 months is {Money(result.TotalMonthlyIncome)} AZN; the need criterion is {Money(result.Criterion)} AZN x {result.Counted.Count} members = {Money(result.Threshold)} AZN.");
            text.Append(NotCounted(language, result));
            return text.ToString();
        }
        text.Append(az
            ? $"{applicationNumber} nömrəli müraciətiniz üzrə ünvanlı dövlət sosial yardımının təyin edilməsindən imtina edildi. Səbəblər:"
            : $"Targeted social assistance is refused on application {applicationNumber}. Reasons:");
        foreach (var reason in result.Reasons)
        {
            text.Append(' ').Append(reason.Number.ToString(CultureInfo.InvariantCulture)).Append(") ").Append(Reason(language, reason, result));
        }
        text.Append(NotCounted(language, result));
        text.Append(az
            ? " Şərtlər dəyişdikdə yenidən müraciət edə bilərsiniz."
            : " You may apply again when your circumstances change.");
        return text.ToString();
    }

    /// <summary>A reason a caseworker gave that the rules had not found: it has no figures, only its name.</summary>
    public const string StatedByCaseworker = "stated-by-caseworker";

    public static string Reason(string language, RefusalReason reason, MeansTestResult result)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(result);
        var az = IsAz(language);
        if (reason.Details.Contains(StatedByCaseworker)) return Title(reason.Code, az);
        return reason.Code switch
        {
            RefusalReasons.DeclarationMismatch => az
                ? $"Ərizə-bəyannamədəki məlumatlar dövlət qurumlarının məlumatları ilə uyğun gəlmir ({string.Join(", ", reason.Details.Distinct().Select(d => Mismatch(d, az)))})."
                : $"The application-declaration does not match the agencies' records ({string.Join(", ", reason.Details.Distinct().Select(d => Mismatch(d, az)))}).",
            RefusalReasons.IncomeAboveThreshold => az
                ? $"Ailənin orta aylıq gəliri ({Money(reason.Figure)} AZN) ehtiyac meyarı ilə ailə üzvlərinin sayının hasilinə ({Money(result.Criterion)} x {result.Counted.Count} = {Money(reason.Limit)} AZN) bərabərdir və ya ondan çoxdur."
                : $"Your family's average monthly income ({Money(reason.Figure)} AZN) is at or above the need criterion times the members ({Money(result.Criterion)} x {result.Counted.Count} = {Money(reason.Limit)} AZN).",
            RefusalReasons.LargeTransactions => az
                ? $"Son 12 ayda alqı-satqı əməliyyatlarının məbləği ({Money(reason.Figure)} AZN) yaşayış minimumunun 12 mislindən ({Money(reason.Limit)} AZN) çoxdur."
                : $"Purchases and sales in the last 12 months ({Money(reason.Figure)} AZN) are above 12 times the living minimum ({Money(reason.Limit)} AZN).",
            RefusalReasons.Vehicle => az
                ? "Ailənin mülkiyyətində və ya istifadəsində nəqliyyat vasitəsi var (dövlət tərəfindən reabilitasiya vasitəsi kimi verilənlər istisna olmaqla)."
                : "Your family owns or uses a vehicle (vehicles given by the state for rehabilitation are not counted).",
            RefusalReasons.RefusedJobOffers => az
                ? $"Ailənin əmək qabiliyyətli, işləməyən üzvü Dövlət Məşğulluq Agentliyinin təklif etdiyi {reason.Figure:0} uyğun işdən imtina edib; bir aydan sonra yenidən müraciət edə bilərsiniz."
                : $"An able-bodied family member who does not work refused {reason.Figure:0} suitable job offers from the State Employment Agency; you may apply again after one month.",
            RefusalReasons.HighUtilities => az
                ? $"Bir nəfərə düşən kommunal və rabitə xərcləri ({Money(reason.Figure)} AZN) yaşayış minimumunun 15 faizindən ({Money(reason.Limit)} AZN) az deyil."
                : $"Utility and communication costs per person ({Money(reason.Figure)} AZN a month) are at or above 15% of the living minimum ({Money(reason.Limit)} AZN).",
            RefusalReasons.MultipleProperties => az
                ? "Ailənin müxtəlif ünvanlarda eyni təyinatlı iki və ya daha çox əmlakı var."
                : "Your family owns two or more properties of the same purpose at different addresses.",
            _ => reason.Code,
        };
    }

    /// <summary>
    /// Who was not counted as a family member and why, with the income left out, as one sentence (empty when everyone
    /// counts). People by their relation, never by name.
    /// </summary>
    public static string NotCounted(string language, MeansTestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.NotCounted.Count == 0) return "";
        var az = IsAz(language);
        var people = result.NotCounted.Select(p =>
        {
            var income = p.MonthlyIncome is { } amount and > 0
                ? az ? $"; ayda {Money(amount)} AZN gəliri nəzərə alınmayıb" : $"; income of {Money(amount)} AZN a month left out"
                : "";
            return $"{Relation(p.Relation, az)} ({NotCountedReason(p.Reason, az)}{income})";
        });
        return (az ? " Ailə üzvü kimi nəzərə alınmayanlar: " : " Not counted as family members: ") + string.Join(", ", people) + ".";
    }

    private static string Relation(RelationToApplicant relation, bool az) => relation switch
    {
        RelationToApplicant.Applicant => az ? "ərizəçi" : "the applicant",
        RelationToApplicant.Spouse => az ? "həyat yoldaşı" : "the spouse",
        RelationToApplicant.Child => az ? "övlad" : "a child",
        RelationToApplicant.Parent => az ? "valideyn" : "a parent",
        RelationToApplicant.Sibling => az ? "bacı və ya qardaş" : "a sibling",
        RelationToApplicant.Grandparent => az ? "baba və ya nənə" : "a grandparent",
        RelationToApplicant.Grandchild => az ? "nəvə" : "a grandchild",
        RelationToApplicant.OtherRelative => az ? "qohum" : "a relative",
        _ => az ? "digər şəxs" : "another person",
    };

    private static string NotCountedReason(string reason, bool az) => reason switch
    {
        NotCountedReasons.Conscript => az ? "müddətli həqiqi hərbi xidmətdədir" : "in military service",
        NotCountedReasons.Prisoner => az ? "cəza çəkir" : "serving a sentence",
        NotCountedReasons.Wanted => az ? "axtarışdadır" : "on the wanted list",
        NotCountedReasons.Abroad => az ? "xaricdə yaşayır" : "living abroad",
        NotCountedReasons.Foreigner => az ? "əcnəbidir" : "a foreign citizen",
        NotCountedReasons.StateCare => az ? "tam dövlət təminatındadır" : "in full state care",
        NotCountedReasons.Deceased => az ? "vəfat edib" : "deceased",
        _ => reason,
    };

    /// <summary>
    /// A decision made again because the household's circumstances changed: what changed (by kind, never whom), then the
    /// decision as any other.
    /// </summary>
    public static string ReEvaluation(string language, string applicationNumber, string changeKind, MeansTestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var az = IsAz(language);
        var change = Change(changeKind, az);
        var intro = az
            ? $"Ailənizin vəziyyətində dəyişiklik ({change}) səbəbindən {applicationNumber} nömrəli müraciət üzrə qərara yenidən baxıldı. "
            : $"Your household's circumstances changed ({change}), so the decision on application {applicationNumber} was reviewed. ";
        return intro + Decision(language, applicationNumber, result);
    }

    /// <summary>The proactive offer after a birth: the family may be entitled, and applies by accepting, nothing to fill in.</summary>
    public static string Offer(string language, string offerId, DateOnly birthDate) => IsAz(language)
        ? $"Təbrik edirik! {Date(birthDate)} tarixində ailənizdə uşaq doğulub. Ailəniz ünvanlı dövlət sosial yardımı almaq hüququna malik ola bilər. "
          + $"{offerId} nömrəli təklifi e-kabinetdə qəbul edin: müraciət dövlət qurumlarının məlumatları əsasında tərtib ediləcək, heç nə doldurmağa ehtiyac yoxdur."
        : $"Congratulations on the birth in your family on {Date(birthDate)}. Your family may be entitled to targeted social assistance. "
          + $"Accept offer {offerId} in your e-cabinet: the application is made from the agencies' data, there is nothing to fill in.";

    private static string Change(string kind, bool az) => kind switch
    {
        "birth" => az ? "ailədə uşaq doğulub" : "a child was born",
        "death" => az ? "ailə üzvü vəfat edib" : "a household member died",
        "move" => az ? "ailə üzvünün qeydiyyat ünvanı dəyişib" : "a member's registered address changed",
        "marriage" => az ? "nikah bağlanıb" : "a marriage",
        "divorce" => az ? "nikah pozulub" : "a divorce",
        "contract-started" => az ? "əmək müqaviləsi bağlanıb" : "a labour contract began",
        "contract-ended" => az ? "əmək müqaviləsinə xitam verilib" : "a labour contract ended",
        "disability-assessed" => az ? "əlillik qiymətləndirilib" : "a disability assessment",
        "pension-granted" => az ? "pensiya təyin edilib" : "a pension was granted",
        _ => az ? "dövri yoxlama" : "the periodic check of awards",
    };

    /// <summary>
    /// A caseworker's decision (or the outcome of an appeal): the decision as the rules' would read, the caseworker's
    /// justification, and for a refusal the right to appeal.
    /// </summary>
    public static string Manual(string language, string applicationNumber, MeansTestResult result, string justification, bool appeal)
    {
        ArgumentNullException.ThrowIfNull(result);
        var az = IsAz(language);
        var text = new StringBuilder();
        text.Append(appeal
            ? (az ? $"{applicationNumber} nömrəli müraciət üzrə şikayətinizə baxıldı. " : $"Your appeal on application {applicationNumber} was reviewed. ")
            : (az ? $"{applicationNumber} nömrəli müraciətinizə sosial işçi baxdı. " : $"A caseworker reviewed application {applicationNumber}. "));
        if (result.Outcome == MeansTestOutcome.Approved)
        {
            text.Append(az
                ? $"Ünvanlı dövlət sosial yardımı təyin edildi: ayda {Money(result.MonthlyAmount!.Value)} AZN, {Date(result.PeriodFrom!.Value)} - {Date(result.PeriodTo!.Value)} dövrü üçün."
                : $"Targeted social assistance is granted: {Money(result.MonthlyAmount!.Value)} AZN a month from {Date(result.PeriodFrom!.Value)} to {Date(result.PeriodTo!.Value)}.");
        }
        else
        {
            text.Append(az ? "Ünvanlı dövlət sosial yardımının təyin edilməsindən imtina edildi. Səbəblər:" : "Targeted social assistance is refused. Reasons:");
            foreach (var reason in result.Reasons)
            {
                text.Append(' ').Append(reason.Number.ToString(CultureInfo.InvariantCulture)).Append(") ").Append(Reason(language, reason, result));
            }
        }
        text.Append(az ? " Əsaslandırma: " : " Justification: ").Append(justification.Trim());
        if (result.Outcome != MeansTestOutcome.Approved && !appeal)
        {
            text.Append(az ? " Qərardan bir ay ərzində şikayət verə bilərsiniz." : " You may appeal within one month of this decision.");
        }
        return text.ToString();
    }

    /// <summary>A caseworker asks the citizen for a document.</summary>
    public static string DocumentRequest(string language, string applicationNumber, string document, string justification) => IsAz(language)
        ? $"{applicationNumber} nömrəli müraciətinizə baxmaq üçün sənəd tələb olunur: {document.Trim()}. Səbəb: {justification.Trim()} Sənədi e-kabinetdə təqdim edin."
        : $"To decide application {applicationNumber} we need a document from you: {document.Trim()}. Why: {justification.Trim()} Please submit it in your e-cabinet.";

    /// <summary>A refusal reason by name, without figures.</summary>
    public static string Title(string code, bool az) => code switch
    {
        RefusalReasons.DeclarationMismatch => az ? "Ərizə-bəyannamədəki məlumatlar dövlət qurumlarının məlumatları ilə uyğun gəlmir." : "The application-declaration does not match the agencies' records.",
        RefusalReasons.IncomeAboveThreshold => az ? "Ailənin orta aylıq gəliri ehtiyac meyarı ilə ailə üzvlərinin sayının hasilinə bərabərdir və ya ondan çoxdur." : "Your family's average monthly income is at or above the need criterion times the members.",
        RefusalReasons.LargeTransactions => az ? "Son 12 ayda alqı-satqı əməliyyatlarının məbləği yaşayış minimumunun 12 mislindən çoxdur." : "Purchases and sales in the last 12 months are above 12 times the living minimum.",
        RefusalReasons.Vehicle => az ? "Ailənin mülkiyyətində və ya istifadəsində nəqliyyat vasitəsi var." : "Your family owns or uses a vehicle.",
        RefusalReasons.RefusedJobOffers => az ? "Ailənin əmək qabiliyyətli, işləməyən üzvü uyğun iş təkliflərindən imtina edib." : "An able-bodied family member who does not work refused suitable job offers.",
        RefusalReasons.HighUtilities => az ? "Bir nəfərə düşən kommunal və rabitə xərcləri yaşayış minimumunun 15 faizindən az deyil." : "Utility and communication costs per person are at or above 15% of the living minimum.",
        RefusalReasons.MultipleProperties => az ? "Ailənin müxtəlif ünvanlarda eyni təyinatlı iki və ya daha çox əmlakı var." : "Your family owns two or more properties of the same purpose at different addresses.",
        _ => code,
    };

    /// <summary>The registration notice: the application is in, with its number and the date the decision is due.</summary>
    public static string Registration(string language, string applicationNumber, DateOnly dueDate) => IsAz(language)
        ? $"{applicationNumber} nömrəli ünvanlı dövlət sosial yardımı müraciətiniz qeydə alındı. Qərar ən gec {Date(dueDate)} tarixində veriləcək."
        : $"Your application for targeted social assistance is registered as {applicationNumber}. The decision is due by {Date(dueDate)}.";

    private static string Mismatch(string code, bool az) => code switch
    {
        "id-card-mismatch" => az ? "şəxsiyyət vəsiqəsinin nömrəsi qeydiyyatdakı ilə uyğun gəlmir" : "an ID card number the population register does not hold",
        "undeclared-member" => az
            ? "bəyan edilməmiş ailə üzvü (ünvanınızda qeydiyyatda olan hər kəsi, həmçinin harada qeydiyyatda olmasından asılı olmayaraq həyat yoldaşınızı və 18 yaşınadək övladlarınızı bəyan edin; "
              + "müddətli həqiqi hərbi xidmətdə olanlar, cəza çəkənlər, axtarışda olanlar, xaricdə yaşayanlar, əcnəbilər və tam dövlət təminatında olanlar ailə üzvü sayılmır)"
            : "a household member not declared (declare everyone registered at your address, and your spouse and children under 18 wherever registered; "
              + "people in military service, serving a sentence, on the wanted list, living abroad, foreign citizens and people in full state care are not counted)",
        "relation-mismatch" => az ? "qohumluq əlaqəsi vətəndaşlıq aktlarına uyğun deyil" : "a relation the civil registry records differently",
        "address-mismatch" => az ? "ailə üzvü başqa ünvanda qeydiyyatdadır" : "a member registered at another address",
        "deceased-member" => az ? "vəfat etmiş şəxs ailə üzvü kimi göstərilib" : "a deceased person declared as a member",
        "income-mismatch" => az ? "bəyan edilmiş gəlir qurumların məlumatından fərqlənir" : "a declared income that differs from the agencies' figures",
        _ => code,
    };

    private static bool IsAz(string language) => string.Equals(language, "az", StringComparison.OrdinalIgnoreCase);

    /// <summary>Figures are kept unrounded; what is shown is rounded once to the qəpik (docs/domain.md).</summary>
    private static string Money(decimal amount) => AznRounding.ToQepik(amount).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
}
