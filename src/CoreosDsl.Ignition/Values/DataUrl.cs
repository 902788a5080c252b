using System.Text;

namespace CoreosDsl.Ignition;

/// <summary>
/// RFC 2397 <c>data:</c> URLs for inline contents, as Butane writes them: text as <c>data:,</c> with every byte
/// outside the unreserved set percent-encoded; other bytes as <c>data:;base64,</c>.
/// </summary>
public static class DataUrl
{
    /// <summary>A data URL holding the UTF-8 bytes of <paramref name="text"/>.</summary>
    /// <param name="text">The contents.</param>
    /// <returns>The URL.</returns>
    public static string FromText(string text) => FromBytes(Encoding.UTF8.GetBytes(text));

    /// <summary>A data URL holding <paramref name="data"/>: percent-encoded when that is shorter, else base64.</summary>
    /// <param name="data">The contents.</param>
    /// <returns>The URL.</returns>
    public static string FromBytes(ReadOnlySpan<byte> data)
    {
        var escaped = new StringBuilder("data:,", data.Length + 6);
        foreach (var b in data)
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~' or (byte)'/')
            {
                escaped.Append((char)b);
            }
            else
            {
                escaped.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 15]);
            }
        }

        var base64 = "data:;base64," + Convert.ToBase64String(data);
        return base64.Length < escaped.Length ? base64 : escaped.ToString();
    }

    /// <summary>The bytes of a <c>data:</c> URL, or null when <paramref name="url"/> is not one Ignition can read.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The decoded contents, or null.</returns>
    public static byte[]? TryDecode(string url)
    {
        if (!url.StartsWith("data:", StringComparison.Ordinal))
        {
            return null;
        }

        var comma = url.IndexOf(',');
        if (comma < 0)
        {
            return null;
        }

        var meta = url[5..comma];
        var body = url[(comma + 1)..];
        var unescaped = Unescape(body);
        if (unescaped is null)
        {
            return null;
        }

        if (!meta.EndsWith(";base64", StringComparison.Ordinal))
        {
            return unescaped;
        }

        try
        {
            return Convert.FromBase64String(Encoding.Latin1.GetString(unescaped));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[]? Unescape(string body)
    {
        var bytes = new List<byte>(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '%')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(body[i].ToString()));
                continue;
            }

            if (i + 2 >= body.Length || !Uri.IsHexDigit(body[i + 1]) || !Uri.IsHexDigit(body[i + 2]))
            {
                return null;
            }

            bytes.Add(Convert.ToByte(body.Substring(i + 1, 2), 16));
            i += 2;
        }

        return bytes.ToArray();
    }

    /// <summary>
    /// Why Ignition refuses <paramref name="url"/> as a data URL (the RFC 2397 reader it uses,
    /// vincent-petithory/dataurl 1.0: its message, such as <c>invalid data character</c>), or null when it reads it.
    /// </summary>
    /// <param name="url">The whole URL, starting with <c>data:</c>.</param>
    /// <returns>The reader's message, or null.</returns>
    public static string? Problem(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.StartsWith("data:", StringComparison.Ordinal))
        {
            return "missing data prefix";
        }

        var i = 5;
        var base64 = false;
        int Next() => i < url.Length ? url[i++] : -1;

        // The media type: "type/subtype", or none.
        var first = Next();
        if (first == -1)
        {
            return "missing comma before data";
        }

        if (first is not (';' or ','))
        {
            if (!IsToken(first))
            {
                return "invalid character after data prefix";
            }

            var typeStart = i - 1;
            var extension = (first is 'x' or 'X') && i < url.Length && url[i] == '-';
            int c;
            while ((c = Next()) != '/')
            {
                if (c == -1)
                {
                    return "missing media type slash";
                }

                if (!IsToken(c))
                {
                    return "invalid character for media type";
                }
            }

            var type = url[typeStart..(i - 1)];
            if (!extension && !new[] { "text", "image", "audio", "video", "application", "message", "multipart" }.Any(t => type.StartsWith(t, StringComparison.Ordinal)))
            {
                return "invalid media type";
            }

            while ((c = Next()) is not (';' or ','))
            {
                if (c == -1)
                {
                    return "incomplete media type";
                }

                if (!IsToken(c))
                {
                    return "invalid character for media subtype";
                }
            }

            first = c;
        }

        // Parameters: ";attribute=value" (value a token or a quoted string), or ";base64" just before the comma.
        while (first == ';')
        {
            var attrStart = i;
            var c = Next();
            if (c is -1 or '=' or ',')
            {
                return "unterminated parameter sequence";
            }

            if (!IsToken(c))
            {
                return "invalid character for parameter attribute";
            }

            while ((c = Next()) is not ('=' or ','))
            {
                if (c == -1)
                {
                    return "unterminated parameter sequence";
                }

                if (!IsToken(c))
                {
                    return "invalid character for parameter attribute";
                }
            }

            if (c == ',')
            {
                var attribute = url[attrStart..(i - 1)];
                if (attribute != "base64")
                {
                    return $"expected base64, got {attribute}";
                }

                base64 = true;
                first = ',';
                break;
            }

            c = Next();
            if (c == '"')
            {
                var valueStart = i;
                while ((c = Next()) != '"')
                {
                    if (c == -1)
                    {
                        return "unclosed quoted string";
                    }

                    if (c == '\\')
                    {
                        c = Next();
                        if (c == -1)
                        {
                            return "unclosed quoted string";
                        }

                        if (c > 127)
                        {
                            return "invalid escaped character";
                        }
                    }
                    else if (c > 127)
                    {
                        return "invalid character for parameter value";
                    }
                }

                if (!IsGoQuotable(url[valueStart..(i - 1)]))
                {
                    return "invalid syntax";
                }

                c = Next();
            }
            else
            {
                if (c == -1)
                {
                    return "missing comma before data";
                }

                if (!IsToken(c))
                {
                    return "invalid character for parameter value";
                }

                var valueStart = i - 1;
                while ((c = Next()) is not (';' or ','))
                {
                    if (c == -1)
                    {
                        return "missing comma before data";
                    }

                    if (!IsToken(c))
                    {
                        return "invalid character for parameter value";
                    }
                }

                if (EscapeProblem(url[valueStart..(i - 1)]) is { } escape)
                {
                    return escape;
                }
            }

            if (c == -1)
            {
                return "missing comma before data";
            }

            if (c is not (';' or ','))
            {
                return "expected semicolon or comma";
            }

            first = c;
        }

        if (first != ',')
        {
            return "missing comma before data";
        }

        var data = url[i..];
        if (base64)
        {
            if (data.Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch is '+' or '/' or '=' or '\n')))
            {
                return "invalid data character";
            }

            return IsGoBase64(data) ? null : "illegal base64 data";
        }

        return data.Any(ch => ch > 127 || ch < 0x20 || ch == 0x7F || " <>#\"{}|\\^[]`".Contains(ch, StringComparison.Ordinal))
            ? "invalid data character"
            : EscapeProblem(data);
    }

    // RFC 2045 token characters: printable ASCII except the tspecials.
    private static bool IsToken(int c) => c is > 32 and < 127 && "()<>@,;:\\\"/[]?=".IndexOf((char)c, StringComparison.Ordinal) < 0;

    // rfc2396.Unescape: a '%' needs two hexadecimal digits.
    private static string? EscapeProblem(string s)
    {
        for (var k = 0; k < s.Length; k++)
        {
            if (s[k] != '%')
            {
                continue;
            }

            if (k + 1 >= s.Length)
            {
                return "rfc2396: unexpected end of unescape sequence";
            }

            if (!Uri.IsHexDigit(s[k + 1]))
            {
                return "rfc2396: invalid char 0x25 in unescape sequence";
            }

            if (k + 2 >= s.Length)
            {
                return "rfc2396: unexpected end of unescape sequence";
            }

            if (!Uri.IsHexDigit(s[k + 2]))
            {
                return "rfc2396: invalid char 0x25 in unescape sequence";
            }

            k += 2;
        }

        return null;
    }

    // Go's base64.StdEncoding: padded, newlines ignored, a length that is a multiple of four.
    private static bool IsGoBase64(string data)
    {
        var text = data.Replace("\n", "", StringComparison.Ordinal);
        try
        {
            _ = Convert.FromBase64String(text);
            return text.Length % 4 == 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // strconv.Unquote of a quoted parameter value: its escapes must be Go escapes.
    private static bool IsGoQuotable(string inner)
    {
        for (var k = 0; k < inner.Length; k++)
        {
            if (inner[k] != '\\')
            {
                continue;
            }

            var e = k + 1 < inner.Length ? inner[k + 1] : '\0';
            if (!"abfnrtv\\\"'xuU01234567".Contains(e, StringComparison.Ordinal))
            {
                return false;
            }

            k++;
        }

        return true;
    }
}
