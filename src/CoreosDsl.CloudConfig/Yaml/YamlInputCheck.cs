using System.Globalization;

namespace CoreosDsl.CloudConfig;

/// <summary>
/// The byte-level rules of the YAML reader coreos-cloudinit uses (libyaml's reader, as ported to go-yaml): the input
/// must be well-formed UTF-8 (no invalid or overlong sequences, no surrogates) and hold only the characters YAML
/// allows (tab, line breaks, printable ASCII, NEL and the printable rest of Unicode: no NUL, DEL, escape or other
/// control characters, no U+FFFE/U+FFFF). One implementation for bytes and for text, so that a file and a string
/// are refused alike.
/// </summary>
public static class YamlInputCheck
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>The first problem in <paramref name="bytes"/>, or null when the YAML reader accepts every byte.</summary>
    /// <remarks>A leading UTF-8 byte order mark is skipped, as the reader does; a UTF-16 one is a problem.</remarks>
    public static YamlInputProblem? Check(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            return new(0, 1, 1, "UTF-16 text",
                "the file is UTF-16 (it starts with a UTF-16 byte order mark); coreos-cloudinit reads user-data as UTF-8: save it as UTF-8 without a byte order mark");
        }

        var start = bytes.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        var line = 1;
        var column = 1;
        for (var offset = start; offset < bytes.Length;)
        {
            var octet = bytes[offset];
            var width = octet switch
            {
                < 0x80 => 1,
                >= 0xC0 and < 0xE0 => 2,
                >= 0xE0 and < 0xF0 => 3,
                >= 0xF0 and < 0xF8 => 4,
                _ => 0,
            };
            if (width == 0)
            {
                return NotUtf8(offset, line, column, "invalid leading UTF-8 octet", octet);
            }

            if (width > bytes.Length - offset)
            {
                return NotUtf8(offset, line, column, "incomplete UTF-8 octet sequence", null);
            }

            var value = width switch { 1 => octet, 2 => octet & 0x1F, 3 => octet & 0x0F, _ => octet & 0x07 };
            for (var k = 1; k < width; k++)
            {
                var trailing = bytes[offset + k];
                if ((trailing & 0xC0) != 0x80)
                {
                    return NotUtf8(offset + k, line, column, "invalid trailing UTF-8 octet", trailing);
                }

                value = (value << 6) + (trailing & 0x3F);
            }

            var shortest = width switch { 1 => true, 2 => value >= 0x80, 3 => value >= 0x800, _ => value >= 0x10000 };
            if (!shortest)
            {
                return NotUtf8(offset, line, column, "invalid length of a UTF-8 sequence", null, "an overlong encoding");
            }

            if (value is >= 0xD800 and <= 0xDFFF || value > 0x10FFFF)
            {
                return NotUtf8(offset, line, column, "invalid Unicode character", null,
                    string.Create(CultureInfo.InvariantCulture, $"U+{value:X4} is {(value > 0x10FFFF ? "beyond Unicode" : "a surrogate")}"));
            }

            if (!IsAllowed(value))
            {
                return ControlCharacter(offset, line, column, value);
            }

            (line, column) = value == '\n' ? (line + 1, 1) : (line, column + 1);
            offset += width;
        }

        return null;
    }

    /// <summary>The first character of <paramref name="text"/> the YAML reader refuses, or null.</summary>
    /// <remarks>Offsets are UTF-16 code units; a lone surrogate is an invalid Unicode character.</remarks>
    public static YamlInputProblem? Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = 1;
        var column = 1;
        for (var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0; i < text.Length; i++)
        {
            int value = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                value = char.ConvertToUtf32(text[i], text[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return new(i, line, column, "invalid Unicode character",
                    string.Create(CultureInfo.InvariantCulture, $"a lone surrogate (U+{value:X4}) is not a character; UTF-8 cannot encode it: remove it"));
            }

            if (!IsAllowed(value))
            {
                return ControlCharacter(i, line, column, value);
            }

            (line, column) = value == '\n' ? (line + 1, 1) : (line, column + 1);
        }

        return null;
    }

    /// <summary>Whether YAML allows the character in a stream (YAML 1.1 "c-printable", as the reader checks it).</summary>
    public static bool IsAllowed(int codePoint) => codePoint switch
    {
        0x09 or 0x0A or 0x0D or 0x85 => true,
        >= 0x20 and <= 0x7E => true,
        >= 0xA0 and <= 0xD7FF => true,
        >= 0xE000 and <= 0xFFFD => true,
        >= 0x10000 and <= 0x10FFFF => true,
        _ => false,
    };

    private static YamlInputProblem NotUtf8(long offset, int line, int column, string problem, byte? octet, string? what = null)
    {
        var detail = what ?? (octet is { } b ? string.Create(CultureInfo.InvariantCulture, $"byte 0x{b:X2} at offset {offset}") : $"at offset {offset}");
        return new(offset, line, column, problem,
            $"{problem} ({detail}): the file is not valid UTF-8, and coreos-cloudinit refuses the whole user-data; save it as UTF-8");
    }

    private static YamlInputProblem ControlCharacter(long offset, int line, int column, int value)
    {
        var name = value switch
        {
            0 => " (NUL)",
            0x1B => " (ESC)",
            0x7F => " (DEL)",
            0xFEFF => " (a byte order mark inside the text)",
            _ => "",
        };
        var escape = value <= 0xFF
            ? string.Create(CultureInfo.InvariantCulture, $"\\x{value:X2}")
            : string.Create(CultureInfo.InvariantCulture, $"\\u{value:X4}");
        return new(offset, line, column, "control characters are not allowed",
            string.Create(CultureInfo.InvariantCulture,
                $"control characters are not allowed: U+{value:X4}{name}; coreos-cloudinit refuses the whole user-data: remove it, or write it as the escape \"{escape}\" in a double-quoted string"));
    }
}

/// <summary>Where the YAML reader stops and why.</summary>
/// <param name="Offset">The offset of the offending byte (or UTF-16 code unit, for text).</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column, in characters.</param>
/// <param name="Problem">The reader's own words (go-yaml's problem text, e.g. <c>invalid trailing UTF-8 octet</c>).</param>
/// <param name="Message">The full message: what is wrong, what it means, and how to fix it.</param>
public sealed record YamlInputProblem(long Offset, int Line, int Column, string Problem, string Message);
