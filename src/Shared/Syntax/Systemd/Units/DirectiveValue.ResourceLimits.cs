using System.Globalization;

namespace CoreosDsl.Systemd;

/// <summary>
/// Resource limits (<c>LimitNOFILE=</c> and the other <c>Limit*=</c>): <c>VALUE</c> or <c>SOFT:HARD</c>, each side
/// a value of the resource's kind or <c>infinity</c>, the soft one not above the hard one, as systemd's rlimit
/// parser reads them (<c>value-grammars.md</c> §5).
/// </summary>
public static partial class DirectiveValue
{
    /// <summary>A resource limit written in systemd syntax, checked for the resource's kind.</summary>
    /// <param name="value">The limit (<c>65536</c>, <c>1024:65536</c>, <c>infinity</c>).</param>
    /// <param name="kind">The schema kind of the directive: <c>rlimit</c> (a count), <c>rlimit-bytes</c>,
    /// <c>rlimit-seconds</c>, <c>rlimit-usec</c> or <c>rlimit-nice</c>.</param>
    /// <exception cref="FormatException">systemd would ignore the value.</exception>
    public static string ResourceLimit(string value, string kind) => Checked(value, ResourceLimitProblem(value, kind));

    /// <summary>True for the syntax names of resource limits (<c>rlimit</c>, <c>rlimit-bytes</c> ...).</summary>
    public static bool IsResourceLimitSyntax(string syntax) =>
        syntax is "rlimit" or "rlimit-bytes" or "rlimit-seconds" or "rlimit-usec" or "rlimit-nice";

    /// <summary>Why systemd ignores <paramref name="value"/> as a resource limit of <paramref name="kind"/> (see <see cref="ResourceLimit"/>), or null.</summary>
    public static string? ResourceLimitProblem(string value, string kind)
    {
        if (TextProblem(value) is { } problem)
        {
            return problem;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var soft = colon < 0 ? value : value[..colon];
        var hard = colon < 0 ? value : value[(colon + 1)..];
        if (LimitSide(soft, kind, out var softValue) is { } softProblem)
        {
            return $"\"{value}\" is not a resource limit: {softProblem}";
        }

        if (LimitSide(hard, kind, out var hardValue) is { } hardProblem)
        {
            return $"\"{value}\" is not a resource limit: {hardProblem}";
        }

        return softValue > hardValue
            ? $"\"{value}\": the soft limit ({soft}) is above the hard limit ({hard}), which systemd refuses; write SOFT:HARD with SOFT at most HARD"
            : null;
    }

    /// <summary>One side of a limit, as a number that orders like the kernel's rlimit (infinity highest).</summary>
    private static string? LimitSide(string side, string kind, out ulong limit)
    {
        limit = ulong.MaxValue;
        if (side == "infinity")
        {
            return null;
        }

        switch (kind)
        {
            case "rlimit-bytes":
                return ByteSize.TryParse(side, ByteSizeBase.Base1024, out var size, out var sizeError)
                    ? Set((ulong)size.Bytes, out limit)
                    : sizeError + " (a size such as 64M, or infinity)";
            case "rlimit-seconds":
            case "rlimit-usec":
                var unit = kind == "rlimit-usec" ? TimeSpanDefaultUnit.Microseconds : TimeSpanDefaultUnit.Seconds;
                return SystemdTimeSpan.TryParseMicroseconds(side, unit, out var usec, out var timeError)
                    ? Set(usec, out limit)
                    : timeError + " (a time span, or infinity)";
            case "rlimit-nice":
                // A sign means a nice level (-20..19, kernel value 20 - nice); without one, the kernel's 0..40.
                if (long.TryParse(side, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var nice))
                {
                    var signed = side[0] is '+' or '-';
                    if (signed ? nice is >= -20 and <= 19 : nice is >= 0 and <= 40)
                    {
                        return Set((ulong)(signed ? 20 - nice : nice), out limit);
                    }
                }

                return $"'{side}' is not a nice level (-20 to 19 with a sign, such as -5 or +10, or 0 to 40 without one, or infinity)";
            default:
                return ulong.TryParse(side, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                    ? Set(count, out limit)
                    : $"'{side}' is not a count (a whole number such as 65536, or infinity)";
        }
    }

    private static string? Set(ulong value, out ulong limit)
    {
        limit = value;
        return null;
    }
}
