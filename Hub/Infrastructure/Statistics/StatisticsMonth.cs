using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace IntegrationHub.Statistics;

/// <summary>A calendar month, written <c>yyyy-MM</c> (how it is stored, sorted and reported).</summary>
public readonly record struct StatisticsMonth : IComparable<StatisticsMonth>
{
    /// <summary>The months a report can name.</summary>
    public static readonly StatisticsMonth Earliest = new(2000, 1), Latest = new(2099, 12);

    public StatisticsMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        Year = year;
        Month = month;
    }

    public int Year { get; }

    public int Month { get; }

    /// <summary>The month an instant falls in, on the clock <paramref name="utcOffset"/> from UTC.</summary>
    public static StatisticsMonth Of(DateTimeOffset at, TimeSpan utcOffset)
    {
        var local = at.ToOffset(utcOffset);
        return new(local.Year, local.Month);
    }

    public StatisticsMonth AddMonths(int months)
    {
        var index = Year * 12 + (Month - 1) + months;
        return new(index / 12, index % 12 + 1);
    }

    /// <summary>Months from <paramref name="from"/> to this one (0 for the same month; negative when this one is earlier).</summary>
    public int MonthsSince(StatisticsMonth from) => (Year * 12 + Month) - (from.Year * 12 + from.Month);

    /// <summary>A month written exactly <c>yyyy-MM</c> between <see cref="Earliest"/> and <see cref="Latest"/>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out StatisticsMonth month)
    {
        month = default;
        if (text is not { Length: 7 } || text[4] != '-') return false;
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number is < 1 or > 12)
        {
            return false;
        }
        var parsed = new StatisticsMonth(year, number);
        if (parsed < Earliest || parsed > Latest) return false;
        month = parsed;
        return true;
    }

    public int CompareTo(StatisticsMonth other) => MonthsSince(other);

    public static bool operator <(StatisticsMonth left, StatisticsMonth right) => left.CompareTo(right) < 0;

    public static bool operator >(StatisticsMonth left, StatisticsMonth right) => left.CompareTo(right) > 0;

    public static bool operator <=(StatisticsMonth left, StatisticsMonth right) => left.CompareTo(right) <= 0;

    public static bool operator >=(StatisticsMonth left, StatisticsMonth right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}
