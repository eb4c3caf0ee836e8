namespace IntegrationHub.Disability.Domain;

/// <summary>An earlier assessment of the person (the registry's or this module's own).</summary>
/// <param name="Until">End of validity; null when indefinite or unknown (then it counts up to the next assessment).</param>
public sealed record PriorAssessment(int Percent, DateOnly From, DateOnly? Until, bool Indefinite);

/// <summary>Why a result is indefinite ("müddətsiz"); stable codes, shown on extracts and in the API.</summary>
public static class IndefiniteReasons
{
    public const string Chernobyl = "chernobyl";
    public const string Consecutive31To60 = "consecutive-31-60";
    public const string Consecutive61To80 = "consecutive-61-80";
    public const string Consecutive81To100 = "consecutive-81-100";
    public const string TotalYears = "total-years";
    public const string PensionAge = "pension-age";

    public static string Describe(string reason, ExamRules rules) => reason switch
    {
        Chernobyl => "caused by the Chernobyl disaster",
        Consecutive31To60 => $"{rules.Consecutive31To60Years} consecutive years at 31-60 %",
        Consecutive61To80 => $"{rules.Consecutive61To80Years} consecutive years at 61-80 %",
        Consecutive81To100 => $"{rules.Consecutive81To100Years} consecutive years at 81-100 %",
        TotalYears => $"{rules.TotalYears} years of disability in total",
        PensionAge => "old-age pension age reached",
        _ => reason,
    };
}

/// <summary>The derived part of an exam result: nothing here is typed in by the commission.</summary>
/// <param name="NextExam">The next exam date (end of validity); null when indefinite or no disability.</param>
/// <param name="IndefiniteReason">One of <see cref="IndefiniteReasons"/> when <see cref="Indefinite"/>.</param>
public sealed record ExamOutcome(DisabilityCategory Category, int? FormerDegree, bool Indefinite, DateOnly? NextExam, string? IndefiniteReason);

/// <summary>
/// The rules (docs/domain.md) for when a result becomes indefinite, and the terms that set the next exam otherwise.
/// The thresholds are law; the terms and the pension ages are settings (<c>Disability:Rules</c>) because they
/// change by decree.
/// </summary>
public sealed class ExamRules
{
    public int Consecutive31To60Years { get; set; } = 15;
    public int Consecutive61To80Years { get; set; } = 10;
    public int Consecutive81To100Years { get; set; } = 4;
    public int TotalYears { get; set; } = 15;

    /// <summary>Old-age pension age of men (65 since 2017).</summary>
    public int PensionAgeMen { get; set; } = 65;

    /// <summary>Old-age pension age of women: rising by 6 months a year to 65 in July 2027 (uncertain for a given month: a setting).</summary>
    public int PensionAgeWomen { get; set; } = 65;

    /// <summary>Years to the next exam by category (uncertain, set by the commission's practice).</summary>
    public int Term81To100Years { get; set; } = 2;
    public int Term61To80Years { get; set; } = 1;
    public int Term31To60Years { get; set; } = 1;

    /// <summary>Years to the next exam under 18; never later than the 18th birthday, when the adult categories apply.</summary>
    public int TermUnder18Years { get; set; } = 2;

    /// <summary>A gap up to this long between two assessments still counts as consecutive (re-exams are rarely on the very day).</summary>
    public int ContinuityGraceDays { get; set; } = 31;
}

/// <summary>Computes category, next exam or indefinite from the new percentage and the person's history.</summary>
public sealed class ExamSchedule(ExamRules rules)
{
    public ExamRules Rules => rules;

    public ExamOutcome Decide(int percent, DisabilityCause cause, DateOnly start, DateOnly birthDate, Sex? sex, IReadOnlyList<PriorAssessment> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var age = Categories.AgeOn(birthDate, start);
        var category = Categories.Of(percent, age);
        var degree = Categories.FormerDegree(category);
        if (category == DisabilityCategory.None) return new(category, degree, false, null, null);

        var reason = IndefiniteReason(percent, cause, start, category, history);
        if (reason is not null) return new(category, degree, true, null, reason);

        var next = category switch
        {
            DisabilityCategory.From81To100 => start.AddYears(rules.Term81To100Years),
            DisabilityCategory.From61To80 => start.AddYears(rules.Term61To80Years),
            DisabilityCategory.From31To60 => start.AddYears(rules.Term31To60Years),
            _ => Min(start.AddYears(rules.TermUnder18Years), birthDate.AddYears(18)),
        };
        // Nobody is called back after old-age pension age: reaching it before the next exam makes the result
        // indefinite now (an interpretation of "or the person reaches old-age pension age"; README).
        if (category != DisabilityCategory.Under18 && birthDate.AddYears(PensionAge(sex)) <= next)
        {
            return new(category, degree, true, null, IndefiniteReasons.PensionAge);
        }
        return new(category, degree, false, next, null);
    }

    private string? IndefiniteReason(int percent, DisabilityCause cause, DateOnly start, DisabilityCategory category, IReadOnlyList<PriorAssessment> history)
    {
        if (cause == DisabilityCause.Chernobyl) return IndefiniteReasons.Chernobyl;
        var disabled = history.Where(a => a.Percent >= 31 && a.From < start).OrderBy(a => a.From).ToList();

        var band = Categories.Band(percent);
        var (threshold, code) = band switch
        {
            DisabilityCategory.From81To100 => (rules.Consecutive81To100Years, IndefiniteReasons.Consecutive81To100),
            DisabilityCategory.From61To80 => (rules.Consecutive61To80Years, IndefiniteReasons.Consecutive61To80),
            _ => (rules.Consecutive31To60Years, IndefiniteReasons.Consecutive31To60),
        };
        // Under 18 there is no adult band to stay in: only Chernobyl and the total count apply.
        if (category != DisabilityCategory.Under18 && ConsecutiveStart(disabled, band, start) is { } since && since.AddYears(threshold) <= start) return code;

        if (TotalDays(disabled, start) >= start.DayNumber - start.AddYears(-rules.TotalYears).DayNumber) return IndefiniteReasons.TotalYears;
        return null;
    }

    /// <summary>The start of the unbroken run of assessments in <paramref name="band"/> that reaches <paramref name="start"/>; null if none does.</summary>
    private DateOnly? ConsecutiveStart(List<PriorAssessment> disabled, DisabilityCategory band, DateOnly start)
    {
        DateOnly? since = null;
        var reach = start;
        for (var i = disabled.Count - 1; i >= 0; i--)
        {
            var a = disabled[i];
            var end = End(disabled, i, start);
            if (end.AddDays(rules.ContinuityGraceDays) < reach) break;
            if (Categories.Band(a.Percent) != band) break;
            since = a.From;
            reach = a.From;
        }
        return since;
    }

    /// <summary>Days covered by any assessment of 31 % or more before <paramref name="start"/>, overlaps counted once.</summary>
    private static int TotalDays(List<PriorAssessment> disabled, DateOnly start)
    {
        var total = 0;
        var covered = DateOnly.MinValue;
        for (var i = 0; i < disabled.Count; i++)
        {
            var from = Max(disabled[i].From, covered);
            var end = Min(End(disabled, i, start), start);
            if (end > from) total += end.DayNumber - from.DayNumber;
            covered = Max(covered, end);
        }
        return total;
    }

    /// <summary>An assessment lasts to its end of validity; an open one (indefinite or unknown) to the next assessment or the new start.</summary>
    private static DateOnly End(List<PriorAssessment> sorted, int i, DateOnly start)
    {
        var a = sorted[i];
        if (a.Until is { } until && !a.Indefinite) return until;
        return i + 1 < sorted.Count ? sorted[i + 1].From : start;
    }

    private int PensionAge(Sex? sex) => sex == Sex.Female ? rules.PensionAgeWomen : rules.PensionAgeMen;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
