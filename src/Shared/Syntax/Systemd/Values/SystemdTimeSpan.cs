using System.Globalization;
using System.Text;

namespace CoreosDsl.Systemd;

/// <summary>The default unit of a time span written without a unit (see <c>value-grammars.md</c> §3).</summary>
public enum TimeSpanDefaultUnit
{
    /// <summary>Seconds: the default of <c>config_parse_sec</c> (RestartSec=, TimeoutSec=, …).</summary>
    Seconds,
    /// <summary>Microseconds: LimitRTTIME=.</summary>
    Microseconds,
    /// <summary>Nanoseconds: TimerSlackNSec= (<c>config_parse_nsec</c>, which also knows <c>ns</c>/<c>nsec</c>).</summary>
    Nanoseconds,
}

/// <summary>
/// Formats and parses systemd time spans (<c>1h 30min</c>, <c>10s</c>, <c>infinity</c>), agreeing with
/// <c>systemd-analyze timespan</c>. <see cref="Timeout.InfiniteTimeSpan"/> stands for <c>infinity</c>.
/// </summary>
/// <remarks>
/// <para>Parsing follows systemd's <c>parse_time()</c>/<c>parse_nsec()</c> exactly: components are added, spaces
/// between and inside components are optional (<c>1h30min</c>, <c>5 s</c>), a fraction needs a digit after the
/// dot, a leading <c>+</c> is tolerated, a minus sign is not, units are case-sensitive (<c>M</c> is a month,
/// <c>m</c> a minute) and a number without a unit takes the default unit.</para>
/// <para>Formatting writes whole units from the largest down, <c>w d h min s ms us</c>, separated by spaces
/// (<c>1w 2d</c>, <c>1h 30min</c>, <c>1s 500ms</c>). It deliberately differs from the "Human:" line of
/// <c>systemd-analyze timespan</c>, which also uses <c>month</c> and <c>y</c> (30.44 and 365.25 days, so not whole
/// days) and decimal fractions below a minute (<c>1.500000s</c>): whole units read better in a unit file and
/// every formatted span parses back to exactly the same number of microseconds.</para>
/// </remarks>
public static class SystemdTimeSpan
{
    private const ulong UsecPerMsec = 1000;
    private const ulong UsecPerSec = 1000 * UsecPerMsec;
    private const ulong UsecPerMinute = 60 * UsecPerSec;
    private const ulong UsecPerHour = 60 * UsecPerMinute;
    private const ulong UsecPerDay = 24 * UsecPerHour;
    private const ulong UsecPerWeek = 7 * UsecPerDay;
    private const ulong UsecPerMonth = 2629800 * UsecPerSec;
    private const ulong UsecPerYear = 31557600 * UsecPerSec;

    /// <summary>systemd's <c>USEC_INFINITY</c> / <c>NSEC_INFINITY</c>: the value of <c>infinity</c>.</summary>
    internal const ulong Infinity = ulong.MaxValue;

    /// <summary>The units of <c>parse_time()</c>, in systemd's matching order (the first prefix that matches wins).</summary>
    private static readonly (string Suffix, ulong Usec)[] UsecUnits =
    [
        ("seconds", UsecPerSec), ("second", UsecPerSec), ("sec", UsecPerSec), ("s", UsecPerSec),
        ("minutes", UsecPerMinute), ("minute", UsecPerMinute), ("min", UsecPerMinute),
        ("months", UsecPerMonth), ("month", UsecPerMonth), ("M", UsecPerMonth),
        ("msec", UsecPerMsec), ("ms", UsecPerMsec), ("m", UsecPerMinute),
        ("hours", UsecPerHour), ("hour", UsecPerHour), ("hr", UsecPerHour), ("h", UsecPerHour),
        ("days", UsecPerDay), ("day", UsecPerDay), ("d", UsecPerDay),
        ("weeks", UsecPerWeek), ("week", UsecPerWeek), ("w", UsecPerWeek),
        ("years", UsecPerYear), ("year", UsecPerYear), ("y", UsecPerYear),
        ("usec", 1), ("us", 1), ("\u03bcs", 1), ("\u00b5s", 1),
    ];

    /// <summary>The units of <c>parse_nsec()</c>: the same, in nanoseconds, plus <c>nsec</c> and <c>ns</c>.</summary>
    private static readonly (string Suffix, ulong Nsec)[] NsecUnits =
    [
        .. UsecUnits.Select(u => (u.Suffix, u.Usec * 1000)),
        ("nsec", 1), ("ns", 1),
    ];

    /// <summary>Formats <paramref name="value"/> with the largest units first (<c>1h 30min</c>, <c>500ms</c>), or <c>infinity</c>.</summary>
    /// <remarks><see cref="Timeout.InfiniteTimeSpan"/> and <see cref="TimeSpan.MaxValue"/> are both written <c>infinity</c>
    /// (which parses back as <see cref="Timeout.InfiniteTimeSpan"/>).</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not a whole number of microseconds.</exception>
    public static string Format(TimeSpan value)
    {
        if (value == Timeout.InfiniteTimeSpan || value == TimeSpan.MaxValue)
        {
            return "infinity";
        }

        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value,
                "systemd time spans cannot be negative; use Timeout.InfiniteTimeSpan for infinity.");
        }

        if (value.Ticks % TimeSpan.TicksPerMicrosecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value,
                "systemd time spans count whole microseconds; round the value to microseconds first.");
        }

        return FormatMicroseconds((ulong)(value.Ticks / TimeSpan.TicksPerMicrosecond));
    }

    /// <summary>Formats a number of microseconds as <see cref="Format"/> does; <see cref="ulong.MaxValue"/> is <c>infinity</c>.</summary>
    internal static string FormatMicroseconds(ulong usec)
    {
        if (usec == Infinity)
        {
            return "infinity";
        }

        if (usec == 0)
        {
            return "0";
        }

        ReadOnlySpan<(string Suffix, ulong Usec)> units =
        [
            ("w", UsecPerWeek), ("d", UsecPerDay), ("h", UsecPerHour), ("min", UsecPerMinute),
            ("s", UsecPerSec), ("ms", UsecPerMsec), ("us", 1),
        ];
        var sb = new StringBuilder();
        foreach (var (suffix, size) in units)
        {
            if (usec >= size)
            {
                if (sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append((usec / size).ToString(CultureInfo.InvariantCulture)).Append(suffix);
                usec %= size;
            }
        }

        return sb.ToString();
    }

    /// <summary>Parses a time span; returns false with a message naming the problem when the text is not one.</summary>
    /// <param name="text">The text as written after the <c>=</c>.</param>
    /// <param name="defaultUnit">The unit of a number written without one; depends on the directive.</param>
    /// <param name="value">The span; <see cref="Timeout.InfiniteTimeSpan"/> for <c>infinity</c>.</param>
    /// <param name="error">What is wrong and where; null on success.</param>
    public static bool TryParse(string text, TimeSpanDefaultUnit defaultUnit, out TimeSpan value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = default;
        if (defaultUnit == TimeSpanDefaultUnit.Nanoseconds)
        {
            if (!TryParseNanoseconds(text, out var nsec, out error))
            {
                return false;
            }

            if (nsec == Infinity)
            {
                value = Timeout.InfiniteTimeSpan;
                return true;
            }

            if (nsec % 100 != 0 || nsec / 100 > long.MaxValue)
            {
                error = ValueText.Error(text, "a time span that TimeSpan can hold",
                    nsec % 100 != 0 ? $"{nsec}ns is finer than TimeSpan's 100ns resolution" : "it is longer than TimeSpan.MaxValue");
                return false;
            }

            value = TimeSpan.FromTicks((long)(nsec / 100));
            return true;
        }

        if (!TryParseMicroseconds(text, defaultUnit, out var usec, out error))
        {
            return false;
        }

        if (usec == Infinity)
        {
            value = Timeout.InfiniteTimeSpan;
            return true;
        }

        if (usec > (ulong)(TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerMicrosecond))
        {
            error = ValueText.Error(text, "a time span that TimeSpan can hold", $"{usec}us is longer than TimeSpan.MaxValue");
            return false;
        }

        value = TimeSpan.FromTicks((long)usec * TimeSpan.TicksPerMicrosecond);
        return true;
    }

    /// <summary>Parses a time span.</summary>
    /// <exception cref="FormatException">The text is not a systemd time span; the message says why.</exception>
    public static TimeSpan Parse(string text, TimeSpanDefaultUnit defaultUnit = TimeSpanDefaultUnit.Seconds) =>
        TryParse(text, defaultUnit, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>
    /// systemd's <c>parse_time()</c>: the span in microseconds, <see cref="ulong.MaxValue"/> for <c>infinity</c>.
    /// Covers the whole range systemd accepts (up to 2^64-2 µs), beyond what <see cref="TimeSpan"/> holds.
    /// </summary>
    internal static bool TryParseMicroseconds(string text, TimeSpanDefaultUnit defaultUnit, out ulong usec, out string? error)
    {
        if (defaultUnit == TimeSpanDefaultUnit.Nanoseconds)
        {
            throw new ArgumentOutOfRangeException(nameof(defaultUnit), "use TryParseNanoseconds for nanosecond spans");
        }

        return TryParseCore(text, UsecUnits, defaultUnit == TimeSpanDefaultUnit.Seconds ? UsecPerSec : 1, out usec, out error);
    }

    /// <summary>systemd's <c>parse_nsec()</c>: the span in nanoseconds, <see cref="ulong.MaxValue"/> for <c>infinity</c>.</summary>
    internal static bool TryParseNanoseconds(string text, out ulong nsec, out string? error) =>
        TryParseCore(text, NsecUnits, 1, out nsec, out error);

    /// <summary>
    /// The shared algorithm of <c>parse_time()</c> and <c>parse_nsec()</c>, step by step in the same order, so
    /// that the same texts are accepted and refused.
    /// </summary>
    private static bool TryParseCore(string text, (string Suffix, ulong Size)[] units, ulong defaultSize,
        out ulong result, out string? error)
    {
        const string What = "a time span";
        result = 0;
        error = null;
        var p = SkipWhitespace(text, 0);
        if (text.AsSpan(p).StartsWith("infinity", StringComparison.Ordinal))
        {
            var rest = SkipWhitespace(text, p + 8);
            if (rest < text.Length)
            {
                error = ValueText.Error(text, What, $"nothing may follow 'infinity' (found {ValueText.Describe(text, rest)} at column {rest + 1})");
                return false;
            }

            result = Infinity;
            return true;
        }

        ulong total = 0;
        var something = false;
        while (true)
        {
            p = SkipWhitespace(text, p);
            if (p >= text.Length)
            {
                if (!something)
                {
                    error = ValueText.Error(text, What, "it is empty; write a number and a unit such as 10s, or 'infinity'");
                    return false;
                }

                break;
            }

            var componentStart = p;
            if (text[p] == '-')
            {
                error = ValueText.Error(text, What, $"time spans cannot be negative (the '-' at column {p + 1})");
                return false;
            }

            var hasNumber = ValueText.StrToLong(text, p, out var whole, out var e, out var overflow);
            if (overflow)
            {
                error = ValueText.Error(text, What, $"the number at column {p + 1} is too large");
                return false;
            }

            if (whole < 0)
            {
                error = ValueText.Error(text, What, $"time spans cannot be negative (column {p + 1})");
                return false;
            }

            var hasFraction = e < text.Length && text[e] == '.';
            if (!hasNumber && !(e < text.Length && text[e] == '.'))
            {
                error = ValueText.Error(text, What, something && char.IsLetter(text[p])
                    ? $"unknown unit '{Word(text, p)}' at column {p + 1}; use us, ms, s, min, h, d, w, M or y"
                    : $"expected a number at column {p + 1}, found {ValueText.Describe(text, p)}");
                return false;
            }

            var fractionStart = e + 1;
            if (hasFraction)
            {
                p = fractionStart;
                while (p < text.Length && ValueText.IsDigit(text[p]))
                {
                    p++;
                }
            }
            else
            {
                p = e;
            }

            // A unit may follow after optional whitespace; without whitespace, anything but a unit is an error
            // ("12.34.56"), while "12.34 .56" and "12.34s.56" are two components.
            var unitStart = SkipWhitespace(text, p);
            var multiplier = defaultSize;
            var s = unitStart;
            foreach (var (suffix, size) in units)
            {
                if (text.AsSpan(unitStart).StartsWith(suffix, StringComparison.Ordinal))
                {
                    multiplier = size;
                    s = unitStart + suffix.Length;
                    break;
                }
            }

            if (s == p && p < text.Length)
            {
                error = ValueText.Error(text, What, text[p] == '.'
                    ? $"a second '.' at column {p + 1}; a number has at most one decimal point"
                    : $"unknown unit '{Word(text, p)}' at column {p + 1}; use us, ms, s, min, h, d, w, M or y");
                return false;
            }

            // A unit followed directly by more letters ("5mins"): name the whole word rather than the leftover.
            if (s > unitStart && s < text.Length && char.IsLetter(text[s]))
            {
                error = ValueText.Error(text, What, $"unknown unit '{Word(text, unitStart)}' at column {unitStart + 1}; use us, ms, s, min, h, d, w, M or y");
                return false;
            }

            p = s;
            var l = (ulong)whole;
            if (l >= Infinity / multiplier)
            {
                error = ValueText.Error(text, What, $"the component at column {componentStart + 1} is too large");
                return false;
            }

            var k = l * multiplier;
            if (k >= Infinity - total)
            {
                error = ValueText.Error(text, What, $"the sum is too large at column {componentStart + 1}");
                return false;
            }

            total += k;
            something = true;
            if (hasFraction)
            {
                var m = multiplier / 10;
                var b = fractionStart;
                for (; b < text.Length && ValueText.IsDigit(text[b]); b++, m /= 10)
                {
                    k = (ulong)(text[b] - '0') * m;
                    if (k >= Infinity - total)
                    {
                        error = ValueText.Error(text, What, $"the sum is too large at column {componentStart + 1}");
                        return false;
                    }

                    total += k;
                }

                if (b == fractionStart)
                {
                    error = ValueText.Error(text, What, $"the '.' at column {fractionStart} must be followed by a digit");
                    return false;
                }
            }
        }

        result = total;
        return true;
    }

    /// <summary>The run of letters (and µ) starting at <paramref name="index"/>, or the single character there.</summary>
    private static string Word(string text, int index)
    {
        var end = index;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        return end > index ? text[index..end] : text[index].ToString();
    }

    private static int SkipWhitespace(string text, int index)
    {
        while (index < text.Length && ValueText.IsWhitespace(text[index]))
        {
            index++;
        }

        return index;
    }
}
