using System.Globalization;
using System.Text;

namespace CoreosDsl.Systemd;

/// <summary>
/// One item of a calendar chain: <c>N</c>, <c>N..M</c>, <c>N/STEP</c> or <c>N..M/STEP</c> (systemd's
/// <c>CalendarComponent</c>). Seconds are stored in microseconds.
/// </summary>
internal sealed class CalendarComponent
{
    public CalendarComponent(int start, int stop, int repeat, int column)
    {
        Start = start;
        Stop = stop;
        Repeat = repeat;
        Column = column;
    }

    /// <summary>The first value.</summary>
    public int Start { get; set; }

    /// <summary>The last value of a range, or -1.</summary>
    public int Stop { get; set; }

    /// <summary>The step; 0 for a single value; 1 (1 000 000 for seconds) for a range without a step.</summary>
    public int Repeat { get; set; }

    /// <summary>Where the item starts in the text (1-based), for error messages; 0 when implied.</summary>
    public int Column { get; }
}

/// <summary>
/// The parsed form of a calendar expression (systemd's <c>CalendarSpec</c>): weekdays, one chain per field, the
/// time zone; with systemd's normalization, validity rules and normalized text.
/// </summary>
internal sealed class CalendarSpec
{
    /// <summary>All seven weekdays, Monday in bit 0.</summary>
    public const int AllWeekdays = 127;
    public const int MinYear = 1970;
    public const int MaxYear = 2199;
    public const int UsecPerSecond = 1_000_000;

    private static readonly string[] DayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    /// <summary>Weekday bits (Monday = bit 0), or -1 for every day.</summary>
    public int WeekdayBits { get; set; } = -1;

    /// <summary>The day is counted back from the end of the month (<c>~</c>).</summary>
    public bool EndOfMonth { get; set; }

    /// <summary>The expression is in UTC.</summary>
    public bool Utc { get; set; }

    /// <summary>-1 normally; 0 or 1 when the local standard or daylight zone abbreviation was given.</summary>
    public int Dst { get; set; } = -1;

    /// <summary>A time zone name from the tz database, or null.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The local zone's abbreviations at parse time (for the normalized text of <see cref="Dst"/>).</summary>
    public string[] LocalAbbreviations { get; set; } = ["UTC", "UTC"];

    // Each chain: null means "*" (any value). The seconds chain is in microseconds.
    public List<CalendarComponent>? Year { get; set; }
    public List<CalendarComponent>? Month { get; set; }
    public List<CalendarComponent>? Day { get; set; }
    public List<CalendarComponent>? Hour { get; set; }
    public List<CalendarComponent>? Minute { get; set; }
    public List<CalendarComponent>? Microsecond { get; set; }

    /// <summary>A chain of one fixed value.</summary>
    public static List<CalendarComponent> Constant(params int[] values) =>
        [.. values.Select(v => new CalendarComponent(v, -1, 0, 0))];

    /// <summary>systemd's <c>calendar_spec_normalize</c>.</summary>
    public void Normalize()
    {
        if (TimeZone == "UTC")
        {
            Utc = true;
            TimeZone = null;
        }

        if (WeekdayBits <= 0 || WeekdayBits >= AllWeekdays)
        {
            WeekdayBits = -1;
        }

        if (EndOfMonth && Day is null)
        {
            EndOfMonth = false;
        }

        if (Year is not null)
        {
            foreach (var c in Year)
            {
                c.Start = FixYear(c.Start);
                c.Stop = FixYear(c.Stop);
            }
        }

        Year = NormalizeChain(Year);
        Month = NormalizeChain(Month);
        Day = NormalizeChain(Day);
        Hour = NormalizeChain(Hour);
        Minute = NormalizeChain(Minute);
        Microsecond = NormalizeChain(Microsecond);
    }

    /// <summary>Two-digit years: 0–69 become 20xx, 70–99 become 19xx.</summary>
    private static int FixYear(int year) => year switch
    {
        >= 0 and < 70 => year + 2000,
        >= 70 and < 100 => year + 1900,
        _ => year,
    };

    /// <summary>
    /// systemd's <c>normalize_chain</c>: trims a range so its length is a multiple of the step, turns ranges
    /// that cannot repeat into single values, sorts and removes duplicates.
    /// </summary>
    private static List<CalendarComponent>? NormalizeChain(List<CalendarComponent>? chain)
    {
        if (chain is null)
        {
            return null;
        }

        foreach (var c in chain)
        {
            if (c.Stop > c.Start && c.Repeat > 0)
            {
                c.Stop -= (c.Stop - c.Start) % c.Repeat;
            }

            if ((c.Stop > c.Start && c.Repeat > 0 && c.Start + c.Repeat > c.Stop) || c.Start == c.Stop)
            {
                c.Repeat = 0;
                c.Stop = -1;
            }
        }

        if (chain.Count <= 1)
        {
            return chain;
        }

        var sorted = chain.OrderBy(c => c.Start).ThenBy(c => c.Stop).ThenBy(c => c.Repeat).ToList();
        var unique = new List<CalendarComponent>(sorted.Count);
        foreach (var c in sorted)
        {
            if (unique.Count == 0 || Compare(unique[^1], c) != 0)
            {
                unique.Add(c);
            }
        }

        return unique;
    }

    private static int Compare(CalendarComponent a, CalendarComponent b)
    {
        var r = a.Start.CompareTo(b.Start);
        if (r == 0)
        {
            r = a.Stop.CompareTo(b.Stop);
        }

        return r != 0 ? r : a.Repeat.CompareTo(b.Repeat);
    }

    /// <summary>systemd's <c>calendar_spec_valid</c>: null when valid, otherwise why not.</summary>
    public string? Validate()
    {
        return ValidateChain(Year, "year", MinYear, MaxYear, false, false)
            ?? ValidateChain(Month, "month", 1, 12, false, false)
            ?? ValidateChain(Day, "day", 1, 31, EndOfMonth, false)
            ?? ValidateChain(Hour, "hour", 0, 23, false, false)
            ?? ValidateChain(Minute, "minute", 0, 59, false, false)
            ?? ValidateChain(Microsecond, "second", 0, (60 * UsecPerSecond) - 1, false, true);
    }

    /// <summary>systemd's <c>chain_valid</c>, with a message for the first item that breaks a rule.</summary>
    private static string? ValidateChain(List<CalendarComponent>? chain, string field, int from, int to, bool endOfMonth, bool usec)
    {
        if (chain is null)
        {
            return null;
        }

        string V(int v) => usec ? FormatSeconds(v) : v.ToString(CultureInfo.InvariantCulture);
        for (var k = 0; k < chain.Count; k++)
        {
            var c = chain[k];

            // At most 28 days back from the end of the month. systemd lowers this limit again for every further
            // item of the (sorted) list, so ~5,6,7 is valid but ~7,27 is not; the same check is still in v261.
            if (endOfMonth)
            {
                to -= 3;
            }

            var range = $"{V(from)}..{V(to)}";
            var at = c.Column > 0 ? $" (column {c.Column})" : "";
            var shown = endOfMonth ? $"~{V(c.Start)}" : V(c.Start);
            if (c.Start < from || c.Start > to)
            {
                return !endOfMonth ? $"{field} {shown}{at} is out of range {range}"
                    : k == 0 ? $"day {shown}{at} is more than 28 days back from the end of the month (allowed ~1..~28)"
                    : $"day {shown}{at} is item {k + 1} of a list of days counted from the end of the month, where systemd allows at most ~{to} (the limit drops by 3 for each further item)";
            }

            if (c.Repeat > to - from)
            {
                return $"the {field} step /{V(c.Repeat)}{at} is larger than the range {range} allows";
            }

            if (c.Stop >= 0)
            {
                if (c.Stop < from || c.Stop > to)
                {
                    return $"the {field} range end {V(c.Stop)}{at} is out of range {range}";
                }

                if (c.Start + c.Repeat > c.Stop)
                {
                    return $"the {field} range {V(c.Start)}..{V(c.Stop)}{at} runs backwards";
                }
            }
            else if (endOfMonth && c.Start - c.Repeat < from)
            {
                return $"the day step ~{V(c.Start)}/{V(c.Repeat)}{at} counts back past the start of the month; use at most {c.Start - from}";
            }
            else if (!endOfMonth && c.Start + c.Repeat > to)
            {
                return $"the {field} step {V(c.Start)}/{V(c.Repeat)}{at} never fires a second time within {range}; write {V(c.Start)} alone or a smaller step";
            }
        }

        return null;
    }

    /// <summary>Microseconds as seconds for messages: <c>5</c>, <c>5.25</c>.</summary>
    private static string FormatSeconds(int usec) =>
        (usec / (decimal)UsecPerSecond).ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>systemd's <c>calendar_spec_to_string</c>: the normalized form.</summary>
    public string Format()
    {
        var sb = new StringBuilder();
        if (WeekdayBits is > 0 and <= AllWeekdays)
        {
            FormatWeekdays(sb);
            sb.Append(' ');
        }

        FormatChain(sb, 4, Year, false);
        sb.Append('-');
        FormatChain(sb, 2, Month, false);
        sb.Append(EndOfMonth ? '~' : '-');
        FormatChain(sb, 2, Day, false);
        sb.Append(' ');
        FormatChain(sb, 2, Hour, false);
        sb.Append(':');
        FormatChain(sb, 2, Minute, false);
        sb.Append(':');
        FormatChain(sb, 2, Microsecond, true);

        if (Utc)
        {
            sb.Append(" UTC");
        }
        else if (TimeZone is not null)
        {
            sb.Append(' ').Append(TimeZone);
        }
        else if (Dst is 0 or 1 && LocalAbbreviations[Dst].Length > 0)
        {
            sb.Append(' ').Append(LocalAbbreviations[Dst]);
        }

        return sb.ToString();
    }

    private void FormatWeekdays(StringBuilder sb)
    {
        var needComma = false;
        var l = -1;
        int x;
        for (x = 0; x < DayNames.Length; x++)
        {
            if ((WeekdayBits & (1 << x)) != 0)
            {
                if (l < 0)
                {
                    if (needComma)
                    {
                        sb.Append(',');
                    }
                    else
                    {
                        needComma = true;
                    }

                    sb.Append(DayNames[x]);
                    l = x;
                }
            }
            else if (l >= 0)
            {
                if (x > l + 1)
                {
                    sb.Append(x > l + 2 ? ".." : ",").Append(DayNames[x - 1]);
                }

                l = -1;
            }
        }

        if (l >= 0 && x > l + 1)
        {
            sb.Append(x > l + 2 ? ".." : ",").Append(DayNames[x - 1]);
        }
    }

    private static void FormatChain(StringBuilder sb, int width, List<CalendarComponent>? chain, bool usec)
    {
        var d = usec ? UsecPerSecond : 1;
        if (chain is null || (usec && chain.Any(c => c.Start == 0 && c.Stop < 0 && c.Repeat == UsecPerSecond)))
        {
            sb.Append('*');
            return;
        }

        var first = true;
        foreach (var c in chain)
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            sb.Append((c.Start / d).ToString(new string('0', width), CultureInfo.InvariantCulture));
            if (c.Start % d > 0)
            {
                sb.Append('.').Append((c.Start % d).ToString("000000", CultureInfo.InvariantCulture));
            }

            if (c.Stop > 0)
            {
                sb.Append("..").Append((c.Stop / d).ToString(new string('0', width), CultureInfo.InvariantCulture));
            }

            if (c.Stop % d > 0)
            {
                sb.Append('.').Append((c.Stop % d).ToString("000000", CultureInfo.InvariantCulture));
            }

            if (c.Repeat > 0 && !(c.Stop > 0 && c.Repeat == d))
            {
                sb.Append('/').Append((c.Repeat / d).ToString(CultureInfo.InvariantCulture));
            }

            if (c.Repeat % d > 0)
            {
                sb.Append('.').Append((c.Repeat % d).ToString("000000", CultureInfo.InvariantCulture));
            }
        }
    }
}
