using System.Globalization;

namespace IntegrationHub.Disability.Lookup;

/// <summary>
/// Short sentences for the 142 call centre's voice menu (read out by its text-to-speech), in Azerbaijani.
/// Dates are spelt as words of month so the synthesiser does not read them as numbers.
/// </summary>
public static class CallCentreText
{
    private static readonly string[] Months =
        ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr"];

    public static string For(LookupAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Outcome switch
        {
            LookupOutcome.Answered => Answered(answer.Exam!),
            LookupOutcome.NoMatch => "Daxil etdiyiniz məlumatlara uyğun müayinə tapılmadı.",
            LookupOutcome.Limited => "Cəhdlərin sayı həddi aşdı. Bir qədər sonra yenidən zəng edin.",
            LookupOutcome.InvalidIdCard => "Şəxsiyyət vəsiqəsinin nömrəsi düzgün deyil.",
            _ => "Doğum tarixi düzgün deyil.",
        };
    }

    private static string Answered(LastExam exam)
    {
        var result = exam.Category == DisabilityCategory.None
            ? $"Son müayinənin nəticəsi: {exam.Percent} faiz, əlillik müəyyən edilməyib."
            : $"Son müayinənin nəticəsi: {exam.Percent} faiz.";
        var next = exam.Indefinite
            ? " Əlillik müddətsiz təyin edilib."
            : exam.NextExam is { } date ? $" Növbəti müayinə tarixi: {Spoken(date)}." : "";
        return result + next;
    }

    private static string Spoken(DateOnly date) =>
        $"{date.Day.ToString(CultureInfo.InvariantCulture)} {Months[date.Month - 1]} {date.Year.ToString(CultureInfo.InvariantCulture)}";
}
