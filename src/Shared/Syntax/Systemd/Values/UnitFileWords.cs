using System.Globalization;
using System.Text;

namespace CoreosDsl.Systemd;

/// <summary>
/// Reads and writes the quoted, C-escaped words of directives such as <c>Exec…=</c> and <c>Environment=</c>
/// (<c>value-grammars.md</c> §2; systemd's <c>extract_first_word</c> with <c>EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE</c>).
/// </summary>
/// <remarks>
/// Reading is strict where systemd only warns: an unknown escape such as <c>\q</c> is an error here, because
/// systemd keeps the backslash and logs "Ignoring unknown escape sequences", which is never what was meant.
/// Writing quotes a whole word only when it has to, and escapes what the reader would otherwise change.
/// </remarks>
internal static class UnitFileWords
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads the next word starting at <paramref name="position"/>. Returns false at the end of the text (no
    /// word and no error) or on an error. On success <paramref name="position"/> is past the word and the
    /// whitespace after it, and <paramref name="start"/> is where the word began.
    /// </summary>
    public static bool TryRead(string text, ref int position, out string word, out int start, out string? error)
    {
        word = "";
        error = null;
        var i = position;
        while (i < text.Length && ValueText.IsWhitespace(text[i]))
        {
            i++;
        }

        start = i;
        if (i >= text.Length)
        {
            position = i;
            return false;
        }

        var bytes = new List<byte>(text.Length - i);
        var quote = '\0';
        var quoteStart = -1;
        while (true)
        {
            if (i >= text.Length)
            {
                if (quote != '\0')
                {
                    error = $"the quote {quote} at column {quoteStart + 1} is never closed";
                    return false;
                }

                break;
            }

            var c = text[i];
            if (quote == '\0' && ValueText.IsWhitespace(c))
            {
                while (i < text.Length && ValueText.IsWhitespace(text[i]))
                {
                    i++;
                }

                break;
            }

            if (c == '\\')
            {
                if (!TryUnescape(text, i, bytes, out var length, out error))
                {
                    return false;
                }

                i += length;
                continue;
            }

            if (quote == '\0' && c is '"' or '\'')
            {
                quote = c;
                quoteStart = i;
                i++;
                continue;
            }

            if (quote != '\0' && c == quote)
            {
                quote = '\0';
                i++;
                continue;
            }

            if (!TryAppendUtf8(text, i, bytes, out var consumed))
            {
                error = $"a lone UTF-16 surrogate at column {i + 1} is not valid Unicode";
                return false;
            }

            i += consumed;
        }

        try
        {
            word = StrictUtf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            error = $"the escapes in the word at column {start + 1} produce bytes that are not valid UTF-8";
            return false;
        }

        position = i;
        return true;
    }

    /// <summary>
    /// Decodes the C escape that starts with the backslash at <paramref name="index"/> (systemd's
    /// <c>cunescape_one</c>): <c>\a \b \f \n \r \t \v \\ \" \' \s \xHH \NNN \uHHHH \UHHHHHHHH</c>. NUL is refused.
    /// </summary>
    private static bool TryUnescape(string text, int index, List<byte> output, out int length, out string? error)
    {
        error = null;
        length = 2;
        var column = index + 1;
        if (index + 1 >= text.Length)
        {
            error = $"the backslash at column {column} ends the text; write a literal backslash as \\\\";
            return false;
        }

        var e = text[index + 1];
        switch (e)
        {
            case 'a': output.Add(0x07); return true;
            case 'b': output.Add(0x08); return true;
            case 'f': output.Add(0x0c); return true;
            case 'n': output.Add(0x0a); return true;
            case 'r': output.Add(0x0d); return true;
            case 't': output.Add(0x09); return true;
            case 'v': output.Add(0x0b); return true;
            case '\\': output.Add((byte)'\\'); return true;
            case '"': output.Add((byte)'"'); return true;
            case '\'': output.Add((byte)'\''); return true;
            case 's': output.Add((byte)' '); return true;
            case 'x':
                {
                    if (!TryHex(text, index + 2, 2, out var value))
                    {
                        error = $"the escape at column {column} needs two hex digits after \\x";
                        return false;
                    }

                    if (value == 0)
                    {
                        error = $"the escape at column {column} is a NUL byte, which systemd refuses";
                        return false;
                    }

                    output.Add((byte)value);
                    length = 4;
                    return true;
                }

            case 'u':
            case 'U':
                {
                    var digits = e == 'u' ? 4 : 8;
                    if (!TryHex(text, index + 2, digits, out var value))
                    {
                        error = $"the escape at column {column} needs {digits} hex digits after \\{e}";
                        return false;
                    }

                    if (value == 0)
                    {
                        error = $"the escape at column {column} is a NUL character, which systemd refuses";
                        return false;
                    }

                    if (value > 0x10FFFF || value is >= 0xD800 and <= 0xDFFF)
                    {
                        error = $"the escape at column {column} is not a Unicode scalar value";
                        return false;
                    }

                    output.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32((int)value)));
                    length = 2 + digits;
                    return true;
                }

            case >= '0' and <= '7':
                {
                    var value = 0;
                    for (var k = 0; k < 3; k++)
                    {
                        var p = index + 1 + k;
                        if (p >= text.Length || text[p] is < '0' or > '7')
                        {
                            error = $"the escape at column {column} needs three octal digits";
                            return false;
                        }

                        value = (value * 8) + (text[p] - '0');
                    }

                    if (value == 0)
                    {
                        error = $"the escape at column {column} is a NUL byte, which systemd refuses";
                        return false;
                    }

                    if (value > 255)
                    {
                        error = $"the octal escape at column {column} is larger than \\377";
                        return false;
                    }

                    output.Add((byte)value);
                    length = 4;
                    return true;
                }

            default:
                error = $"unknown escape \\{e} at column {column}; write a literal backslash as \\\\";
                return false;
        }
    }

    private static bool TryHex(string text, int index, int count, out uint value)
    {
        value = 0;
        if (index + count > text.Length)
        {
            return false;
        }

        for (var k = 0; k < count; k++)
        {
            var d = HexValue(text[index + k]);
            if (d < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)d;
        }

        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static bool TryAppendUtf8(string text, int index, List<byte> output, out int consumed)
    {
        if (System.Text.Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out consumed) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[4];
        var n = rune.EncodeToUtf8(buffer);
        for (var k = 0; k < n; k++)
        {
            output.Add(buffer[k]);
        }

        return true;
    }

    /// <summary>
    /// Checks that <paramref name="value"/> can be written at all: valid Unicode (no lone surrogates) and no NUL,
    /// which no escape can express.
    /// </summary>
    public static string? CheckWritable(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                return $"it contains a NUL character at index {i}, which a unit file cannot express";
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return $"it contains a lone UTF-16 surrogate at index {i}, which is not valid Unicode";
            }
        }

        return null;
    }

    /// <summary>
    /// Writes one word so that <see cref="TryRead"/> (and systemd) reads back exactly <paramref name="word"/>:
    /// unchanged when it has no whitespace, quotes, backslashes or control characters, otherwise wrapped in
    /// double quotes with <c>"</c>, <c>\</c> and control characters C-escaped. The empty word becomes <c>""</c>.
    /// </summary>
    public static string Write(string word)
    {
        if (word.Length > 0 && !NeedsQuotes(word))
        {
            return word;
        }

        var sb = new StringBuilder(word.Length + 8).Append('"');
        foreach (var c in word)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (ValueText.IsControl(c))
                    {
                        sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsControl(c))
                    {
                        // C1 controls (U+0080-U+009F, NEL among them) as \uHHHH: the line checks refuse them raw,
                        // and YAML 1.1 reads a raw NEL as a line break.
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
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

    private static bool NeedsQuotes(string word)
    {
        foreach (var c in word)
        {
            if (ValueText.IsWhitespace(c) || char.IsControl(c) || c is '"' or '\'' or '\\')
            {
                return true;
            }
        }

        return false;
    }
}
