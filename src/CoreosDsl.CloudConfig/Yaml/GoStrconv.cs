using System.Globalization;
using System.Numerics;

namespace CoreosDsl.CloudConfig;

/// <summary>
/// The parts of Go's <c>strconv.ParseInt(s, 0, 64)</c>, <c>ParseUint</c> and <c>ParseFloat(s, 64)</c> that decide
/// whether the Go YAML libraries type a plain scalar as a number. <c>modern</c> selects Go 1.13+ behaviour
/// (<c>0o</c>/<c>0b</c> prefixes), which yaml.v3 (Flatcar) has and the coreos-cloudinit builds of CoreOS did not.
/// </summary>
internal static class GoStrconv
{
    private static readonly BigInteger Int64Max = long.MaxValue;
    private static readonly BigInteger Int64MinMagnitude = BigInteger.Pow(2, 63);

    /// <summary>Whether <c>strconv.ParseInt(s, 0, 64)</c> succeeds.</summary>
    public static bool IsInt64(string s, bool modern)
    {
        var negative = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (!TryParseUnsignedBase0(s, modern, out var magnitude))
        {
            return false;
        }

        return negative ? magnitude <= Int64MinMagnitude : magnitude <= Int64Max;
    }

    /// <summary>Whether <c>strconv.ParseUint(s, 0, 64)</c> (Go 1.13+) succeeds.</summary>
    public static bool IsUInt64(string s) => TryParseUnsignedBase0(s, modern: true, out var v) && v <= ulong.MaxValue;

    /// <summary>Whether <c>strconv.ParseInt(s, 2, 64)</c> succeeds (a sign is allowed).</summary>
    public static bool IsBinaryInt64(string s) => IsSignedInBase(s, 2);

    /// <summary>Whether <c>strconv.ParseInt(s, 8, 64)</c> succeeds (a sign is allowed).</summary>
    public static bool IsOctalInt64(string s) => IsSignedInBase(s, 8);

    /// <summary>Whether <c>strconv.ParseFloat(s, 64)</c> succeeds for decimal or special (inf/nan) text.</summary>
    public static bool IsFloat(string s, bool modern)
    {
        _ = modern; // hex floats (Go 1.13+) never reach this: both callers only pass text that cannot be hex.
        if (IsSpecialFloat(s))
        {
            return true;
        }

        var i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            i++;
        }

        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
            digits++;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }

            var expDigits = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                expDigits++;
            }

            if (expDigits == 0)
            {
                return false;
            }
        }

        if (i != s.Length)
        {
            return false;
        }

        // Go reports values beyond the float64 range as an error (ErrRange), not as infinity.
        return double.IsFinite(double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private static bool IsSpecialFloat(string s)
    {
        var body = s.Length > 0 && (s[0] == '+' || s[0] == '-') ? s[1..] : s;
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return s.Equals("nan", StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryParseUnsignedBase0(string s, bool modern, out BigInteger value)
    {
        value = BigInteger.Zero;
        if (s.Length == 0)
        {
            return false;
        }

        int numberBase;
        string digits;
        if (s.Length >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        {
            numberBase = 16;
            digits = s[2..];
            if (digits.Length == 0)
            {
                return false;
            }
        }
        else if (modern && s.Length >= 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O'))
        {
            numberBase = 8;
            digits = s[2..];
            if (digits.Length == 0)
            {
                return false;
            }
        }
        else if (modern && s.Length >= 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
        {
            numberBase = 2;
            digits = s[2..];
            if (digits.Length == 0)
            {
                return false;
            }
        }
        else if (s[0] == '0')
        {
            numberBase = 8;
            digits = s[1..];
        }
        else
        {
            numberBase = 10;
            digits = s;
        }

        return TryAccumulate(digits, numberBase, out value);
    }

    private static bool IsSignedInBase(string s, int numberBase)
    {
        var negative = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        return s.Length > 0 && TryAccumulate(s, numberBase, out var v) && (negative ? v <= Int64MinMagnitude : v <= Int64Max);
    }

    private static bool TryAccumulate(string digits, int numberBase, out BigInteger value)
    {
        value = BigInteger.Zero;
        foreach (var c in digits)
        {
            var d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (d >= numberBase)
            {
                return false;
            }

            value = (value * numberBase) + d;
            if (value > ulong.MaxValue)
            {
                // Keep the number small; anything past 64 bits fails every caller's range check anyway.
                value = (BigInteger)ulong.MaxValue + 1;
            }
        }

        return true;
    }
}
