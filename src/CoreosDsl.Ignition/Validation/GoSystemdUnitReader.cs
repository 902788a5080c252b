using System.Text;

namespace CoreosDsl.Ignition.Validation;

/// <summary>One <c>Name=Value</c> line as Ignition's unit reader returns it.</summary>
internal sealed record GoUnitOption(string Section, string Name, string Value);

/// <summary>
/// The unit-file reader Ignition checks unit and drop-in contents with (coreos/go-systemd v22 <c>unit.Deserialize</c>),
/// which is not systemd's: text before the first section is skipped up to any <c>[</c>, a line without <c>=</c>
/// is an error, a section header must end its line, and no line may be 2048 bytes or longer. Its messages are
/// Ignition's (<c>invalid unit content: unable to find end of section</c>).
/// </summary>
internal static class GoSystemdUnitReader
{
    private const int LineMax = 2048;

    /// <summary>The options of <paramref name="content"/>, or the reader's error.</summary>
    public static (IReadOnlyList<GoUnitOption> Options, string? Error) Read(string content)
    {
        var options = new List<GoUnitOption>();
        if (LongLine(content))
        {
            return (options, $"line too long (max {LineMax} bytes)");
        }

        var i = 0;
        string? section = null;
        while (true)
        {
            if (i >= content.Length)
            {
                return (options, null);
            }

            var c = content[i++];
            if (section is null)
            {
                // Before the first section only '[' and comments mean something.
                if (c == '[')
                {
                    if (ReadSection(content, ref i, out section) is { } error)
                    {
                        return (options, error);
                    }
                }
                else if (c is '#' or ';')
                {
                    SkipComment(content, ref i);
                }

                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            if (c == '[')
            {
                if (ReadSection(content, ref i, out section) is { } error)
                {
                    return (options, error);
                }

                continue;
            }

            if (c is '#' or ';')
            {
                SkipComment(content, ref i);
                continue;
            }

            // An option: the name up to '=', then the value with its continuation lines.
            var nameStart = i - 1;
            var equals = nameStart;
            while (true)
            {
                if (equals >= content.Length)
                {
                    return (options, "EOF");
                }

                if (content[equals] is '\n' or '\r')
                {
                    return (options, "unexpected newline encountered while parsing option name");
                }

                if (content[equals] == '=')
                {
                    break;
                }

                equals++;
            }

            var name = content[nameStart..equals].Trim();
            i = equals + 1;
            var value = new StringBuilder();
            while (true)
            {
                var (line, eof) = ToEndOfLine(content, ref i);
                if (line.Trim().Length == 0)
                {
                    break;
                }

                value.Append(line);
                if (!line.EndsWith('\\'))
                {
                    break;
                }

                if (!eof)
                {
                    value.Append('\n');
                }
            }

            var text = value.ToString();
            options.Add(new GoUnitOption(section, name, text.EndsWith('\n') ? text.Trim() + "\n" : text.Trim()));
        }
    }

    private static string? ReadSection(string content, ref int i, out string section)
    {
        var close = content.IndexOf(']', i);
        if (close < 0)
        {
            section = "";
            return "unable to find end of section";
        }

        section = content[i..close];
        i = close + 1;
        var (rest, _) = ToEndOfLine(content, ref i);
        var garbage = rest.Trim();
        return garbage.Length == 0
            ? null
            : $"found garbage after section name : \"{garbage.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
    }

    // A comment line, continued while it ends with a backslash (trailing spaces ignored).
    private static void SkipComment(string content, ref int i)
    {
        while (true)
        {
            var (line, eof) = ToEndOfLine(content, ref i);
            if (eof || !line.TrimEnd(' ').EndsWith('\\'))
            {
                return;
            }
        }
    }

    private static (string Line, bool Eof) ToEndOfLine(string content, ref int i)
    {
        var newline = content.IndexOf('\n', i);
        var eof = newline < 0;
        var end = eof ? content.Length : newline;
        var line = content[i..end];
        i = eof ? content.Length : newline + 1;
        if (line.EndsWith('\r'))
        {
            line = line[..^1];
        }

        return (line, eof);
    }

    // The reader refuses to go on when the next 2048 bytes hold no line break.
    private static bool LongLine(string content) =>
        content.Split('\n').Any(line => Encoding.UTF8.GetByteCount(line) >= LineMax && line.IndexOf('\r', StringComparison.Ordinal) is < 0 or >= LineMax);
}
