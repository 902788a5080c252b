using System.Text;

namespace CoreosDsl.Systemd;

/// <summary>
/// Small text helpers shared by the value parsers: systemd's notion of whitespace, ASCII-only case folding
/// (systemd compares with strcasecmp in the C locale) and readable error messages.
/// </summary>
internal static class ValueText
{
    /// <summary>systemd's <c>WHITESPACE</c>: the separators of words, time span components and size parts.</summary>
    public const string Whitespace = " \t\n\r";

    /// <summary>True for one of the four characters of <see cref="Whitespace"/>.</summary>
    public static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r';

    /// <summary>C <c>isspace</c> in the C locale, which <c>strtoul</c>/<c>strtoll</c> skip: also <c>\v</c> and <c>\f</c>.</summary>
    public static bool IsCSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    /// <summary>An ASCII digit (C <c>isdigit</c>; never other Unicode digits).</summary>
    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>An ASCII letter.</summary>
    public static bool IsLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    /// <summary>A C0 control character or DEL (systemd's <c>char_is_cc</c>).</summary>
    public static bool IsControl(char c) => c < ' ' || c == '\x7f';

    /// <summary>Case-insensitive comparison of ASCII letters only, like <c>strcasecmp</c> in the C locale.</summary>
    public static bool EqualsNoCase(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (FoldAscii(a[i]) != FoldAscii(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="text"/> at <paramref name="index"/> starts with <paramref name="prefix"/>, ASCII case-insensitively.</summary>
    public static bool StartsWithNoCase(string text, int index, string prefix) =>
        text.Length - index >= prefix.Length && EqualsNoCase(text.AsSpan(index, prefix.Length), prefix);

    /// <summary>True when <paramref name="text"/> ends with <paramref name="suffix"/>, ASCII case-insensitively.</summary>
    public static bool EndsWithNoCase(string text, string suffix) =>
        text.Length >= suffix.Length && EqualsNoCase(text.AsSpan(text.Length - suffix.Length), suffix);

    private static char FoldAscii(char c) => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;

    /// <summary>
    /// The text quoted for an error message, with control characters shown as C escapes so that the message
    /// stays on one line: <c>"1.5.5s"</c>, <c>"a\tb"</c>.
    /// </summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '"': sb.Append("\\\""); break;
                default:
                    if (IsControl(c))
                    {
                        sb.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>One character for an error message: <c>'x'</c>, or <c>the end</c> past the last character.</summary>
    public static string Describe(string text, int index) =>
        index >= text.Length ? "the end" : index < 0 ? "the start" : "'" + Quote(text[index].ToString())[1..^1] + "'";

    /// <summary>The standard shape of a value error: <c>"TEXT" is not WHAT: REASON</c>.</summary>
    public static string Error(string text, string what, string reason) => $"{Quote(text)} is not {what}: {reason}";

    /// <summary>
    /// Emulates C <c>strtoul</c>/<c>strtoull</c> with base 10 on 64-bit Linux: skips C whitespace, takes an
    /// optional sign (a minus negates modulo 2^64, as C does), then digits. Returns false when no digit was found
    /// (then <paramref name="end"/> is <paramref name="start"/>); <paramref name="overflow"/> is C's ERANGE.
    /// </summary>
    public static bool StrToULong(string text, int start, out ulong value, out int end, out bool overflow)
    {
        if (!ScanDecimal(text, start, signedRange: false, out var negative, out var magnitude, out end, out overflow))
        {
            value = 0;
            return false;
        }

        value = overflow ? ulong.MaxValue : negative ? unchecked(0 - magnitude) : magnitude;
        return true;
    }

    /// <summary>
    /// Emulates C <c>strtoll</c> with base 10: like <see cref="StrToULong"/> but signed, and out of range means
    /// outside <see cref="long"/>.
    /// </summary>
    public static bool StrToLong(string text, int start, out long value, out int end, out bool overflow)
    {
        if (!ScanDecimal(text, start, signedRange: true, out var negative, out var magnitude, out end, out overflow))
        {
            value = 0;
            return false;
        }

        value = overflow
            ? (negative ? long.MinValue : long.MaxValue)
            : (negative ? unchecked(-(long)magnitude) : (long)magnitude);
        return true;
    }

    /// <summary>
    /// The scan shared by the strto* emulations: C whitespace, an optional sign, then decimal digits accumulated
    /// into <paramref name="magnitude"/> until they pass the range (<see cref="ulong"/>, or <see cref="long"/>'s for
    /// the sign when <paramref name="signedRange"/>), which sets <paramref name="overflow"/>.
    /// </summary>
    private static bool ScanDecimal(
        string text, int start, bool signedRange, out bool negative, out ulong magnitude, out int end, out bool overflow)
    {
        magnitude = 0;
        overflow = false;
        end = start;
        var i = start;
        while (i < text.Length && IsCSpace(text[i]))
        {
            i++;
        }

        negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        var limit = !signedRange ? ulong.MaxValue : negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        var digitsStart = i;
        while (i < text.Length && IsDigit(text[i]))
        {
            var digit = (ulong)(text[i] - '0');
            if (!overflow && magnitude > (limit - digit) / 10)
            {
                overflow = true;
            }

            if (!overflow)
            {
                magnitude = (magnitude * 10) + digit;
            }

            i++;
        }

        if (i == digitsStart)
        {
            magnitude = 0;
            return false;
        }

        end = i;
        return true;
    }
}
