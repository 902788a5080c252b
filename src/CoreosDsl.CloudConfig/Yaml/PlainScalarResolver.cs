using System.Globalization;
using System.Text.RegularExpressions;

namespace CoreosDsl.CloudConfig;

/// <summary>
/// Types a plain (unquoted, untagged) scalar the way each dialect's Go YAML library does: the coreos/yaml fork of
/// go-yaml v1 (built with Go before 1.13, so <c>strconv</c> knows no <c>0o</c>/<c>0b</c> prefixes) and
/// gopkg.in/yaml.v3 3.0.1 (Go 1.20 <c>strconv</c>, timestamps, YAML 1.2 booleans).
/// </summary>
internal static partial class PlainScalarResolver
{
    /// <summary>The kind <paramref name="text"/> gets as a plain scalar under <paramref name="dialect"/>.</summary>
    public static YamlValueKind Resolve(string text, CloudConfigDialect dialect) =>
        dialect == CloudConfigDialect.CoreOS ? ResolveGoYamlV1(text) : ResolveYamlV3(text);

    private static readonly HashSet<string> V1Bools =
    [
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
        "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
    ];

    private static readonly HashSet<string> V3Bools = ["true", "True", "TRUE", "false", "False", "FALSE"];

    private static readonly HashSet<string> Nulls = ["", "~", "null", "Null", "NULL"];

    private static readonly HashSet<string> SpecialFloats =
    [
        ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
    ];

    /// <summary>True for a 1.1 boolean word (<c>yes</c>, <c>Off</c>, <c>y</c>, …); <paramref name="value"/> is its meaning.</summary>
    public static bool TryParseYaml11Bool(string text, out bool value)
    {
        value = text is "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON";
        return V1Bools.Contains(text);
    }

    // The first-character hint both libraries use: only these characters can start a non-string plain scalar.
    private static char Hint(string text) => text.Length == 0 ? 'N' : text[0] switch
    {
        '+' or '-' => 'S',
        >= '0' and <= '9' => 'D',
        'y' or 'Y' or 'n' or 'N' or 't' or 'T' or 'f' or 'F' or 'o' or 'O' or '~' => 'M',
        '.' => '.',
        _ => '\0',
    };

    private static YamlValueKind ResolveGoYamlV1(string text)
    {
        var hint = Hint(text);
        if (hint == '\0')
        {
            return YamlValueKind.String;
        }

        if (ReservedWord(text, V1Bools) is { } reserved)
        {
            return reserved;
        }

        switch (hint)
        {
            case '.':
                return GoStrconv.IsFloat(text, modern: false) ? YamlValueKind.Float : YamlValueKind.String;
            case 'D' or 'S':
                var plain = text.Replace("_", "", StringComparison.Ordinal);
                if (GoStrconv.IsInt64(plain, modern: false))
                {
                    return YamlValueKind.Int;
                }

                if (GoStrconv.IsFloat(plain, modern: false))
                {
                    return YamlValueKind.Float;
                }

                if (HasPrefixedDigits(plain, "0b", GoStrconv.IsBinaryInt64))
                {
                    return YamlValueKind.Int;
                }

                return YamlValueKind.String;
            default:
                return YamlValueKind.String;
        }
    }

    private static YamlValueKind ResolveYamlV3(string text)
    {
        var hint = Hint(text);
        if (hint == '\0')
        {
            return YamlValueKind.String;
        }

        if (ReservedWord(text, V3Bools) is { } reserved)
        {
            return reserved;
        }

        switch (hint)
        {
            case '.':
                return GoStrconv.IsFloat(text, modern: true) ? YamlValueKind.Float : YamlValueKind.String;
            case 'D' or 'S':
                if (IsYamlV3Timestamp(text))
                {
                    return YamlValueKind.Timestamp;
                }

                var plain = text.Replace("_", "", StringComparison.Ordinal);
                if (GoStrconv.IsInt64(plain, modern: true) || GoStrconv.IsUInt64(plain))
                {
                    return YamlValueKind.Int;
                }

                if (YamlStyleFloat().IsMatch(plain) && GoStrconv.IsFloat(plain, modern: true))
                {
                    return YamlValueKind.Float;
                }

                if (HasPrefixedDigits(plain, "0b", GoStrconv.IsBinaryInt64) || HasPrefixedDigits(plain, "0o", GoStrconv.IsOctalInt64))
                {
                    return YamlValueKind.Int;
                }

                return YamlValueKind.String;
            default:
                return YamlValueKind.String;
        }
    }

    /// <summary>The kind of a reserved word both libraries look up before numbers: a boolean, a null or .inf/.nan.</summary>
    private static YamlValueKind? ReservedWord(string text, HashSet<string> bools) =>
        bools.Contains(text) ? YamlValueKind.Bool
        : Nulls.Contains(text) ? YamlValueKind.Null
        : SpecialFloats.Contains(text) ? YamlValueKind.Float
        : null;

    /// <summary>True for <paramref name="prefix"/> or <c>-</c><paramref name="prefix"/> followed by digits <paramref name="isDigits"/> accepts.</summary>
    private static bool HasPrefixedDigits(string text, string prefix, Func<string, bool> isDigits)
    {
        var start = text.StartsWith('-') ? 1 : 0;
        return text.AsSpan(start).StartsWith(prefix, StringComparison.Ordinal) && isDigits(text[(start + prefix.Length)..]);
    }

    /// <summary>
    /// yaml.v3's timestamp test: four digits and a dash, then one of Go's layouts <c>2006-1-2T15:4:5.999999999Z07:00</c>
    /// (also with a lower-case <c>t</c>), <c>2006-1-2 15:4:5.999999999</c> or <c>2006-1-2</c>, with valid ranges.
    /// </summary>
    public static bool IsYamlV3Timestamp(string text)
    {
        var m = V3Timestamp().Match(text);
        if (!m.Success)
        {
            return false;
        }

        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month))
        {
            return false;
        }

        if (!m.Groups["H"].Success)
        {
            return true;
        }

        var zoned = m.Groups["sep"].Value is "T" or "t";
        if (zoned != m.Groups["zone"].Success)
        {
            return false;
        }

        return int.Parse(m.Groups["H"].Value, CultureInfo.InvariantCulture) < 24
            && int.Parse(m.Groups["M"].Value, CultureInfo.InvariantCulture) < 60
            && int.Parse(m.Groups["S"].Value, CultureInfo.InvariantCulture) < 60;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlStyleFloat();

    [GeneratedRegex(
        @"^(?<y>[0-9]{4})-(?<m>[0-9]{1,2})-(?<d>[0-9]{1,2})((?<sep>[Tt ])(?<H>[0-9]{1,2}):(?<M>[0-9]{1,2}):(?<S>[0-9]{1,2})(\.[0-9]+)?(?<zone>Z|[-+][0-9]{2}:[0-9]{2})?)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex V3Timestamp();
}
