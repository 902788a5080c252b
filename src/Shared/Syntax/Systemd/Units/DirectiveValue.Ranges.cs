using System.Globalization;

namespace CoreosDsl.Systemd;

/// <summary>
/// Values systemd reads as numbers within bounds: integers with a documented range (<c>Nice=</c> -20..19,
/// <c>OOMScoreAdjust=</c> -1000..1000; schema <c>range=</c>) and <c>CPUQuota=</c>, a percentage above 0 that may
/// exceed 100% (<c>value-grammars.md</c> §5).
/// </summary>
public static partial class DirectiveValue
{
    /// <summary>A signed integer that systemd only accepts from <paramref name="min"/> to <paramref name="max"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the range.</exception>
    public static string Ranged(long value, long min, long max) => value >= min && value <= max
        ? Int(value)
        : throw new ArgumentOutOfRangeException(nameof(value), value, RangeMessage(Int(value), min, max));

    /// <summary>An unsigned integer that systemd only accepts from <paramref name="min"/> to <paramref name="max"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the range.</exception>
    public static string Ranged(ulong value, ulong min, ulong max) => value >= min && value <= max
        ? UInt(value)
        : throw new ArgumentOutOfRangeException(nameof(value), value, RangeMessage(UInt(value), (long)min, (long)max));

    /// <summary>
    /// Why <paramref name="value"/> (the decimal text of a number, as a literal or a raw unit file holds it) is not a
    /// whole number from <paramref name="min"/> to <paramref name="max"/>, or null.
    /// </summary>
    public static string? RangeProblem(string value, long min, long max) =>
        TextProblem(value)
        ?? (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? null
            : RangeMessage(value, min, max));

    /// <summary>
    /// The range of a <c>[SystemdSyntax("range:MIN..MAX")]</c>; false for another syntax.
    /// </summary>
    public static bool TryParseRangeSyntax(string syntax, out long min, out long max)
    {
        min = max = 0;
        const string Prefix = "range:";
        var dots = syntax.IndexOf("..", StringComparison.Ordinal);
        return syntax.StartsWith(Prefix, StringComparison.Ordinal) && dots > Prefix.Length
            && long.TryParse(syntax[Prefix.Length..dots], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out min)
            && long.TryParse(syntax[(dots + 2)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out max);
    }

    /// <summary>A CPU quota: a percentage above 0, which may exceed 100% (<c>150%</c> is one and a half CPUs).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The percentage is 0.</exception>
    public static string CpuQuota(Percent value) => value.Value > 0
        ? value.ToString()
        : throw new ArgumentOutOfRangeException(nameof(value), value, CpuQuotaZero);

    /// <summary>A CPU quota written in systemd syntax (<c>150%</c>, <c>12.5%</c>, <c>500‰</c>).</summary>
    /// <exception cref="FormatException">Not a percentage above 0.</exception>
    public static string CpuQuotaText(string value) => Checked(value, CpuQuotaProblem(value));

    /// <summary>Why <paramref name="value"/> is not a CPU quota (see <see cref="CpuQuotaText"/>), or null.</summary>
    public static string? CpuQuotaProblem(string value) =>
        TextProblem(value)
        ?? (CoreosDsl.Systemd.Percent.TryParse(value, out var percent, out var error)
            ? percent.Value > 0 ? null : $"\"{value}\": {CpuQuotaZero}"
            : error + " (CPUQuota= is a percentage of one CPU, such as 50% or 150%)");

    private const string CpuQuotaZero = "a CPU quota must be above 0% (150% is one and a half CPUs); to remove the quota, reset the directive";

    private static string RangeMessage(string value, long min, long max) =>
        $"{value} is out of range: systemd accepts {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} here and ignores other values";
}
