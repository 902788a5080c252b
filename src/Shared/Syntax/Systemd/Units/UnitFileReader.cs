using System.Text;

namespace CoreosDsl.Systemd;

/// <summary>
/// Reads unit-file text back into sections and <c>KEY=VALUE</c> lines the way systemd's <c>config_parse()</c>
/// does: <c>#</c> and <c>;</c> start comment lines, a line ending in an odd number of backslashes continues on
/// the next line (the backslash becomes a space, and comment lines inside a continuation are skipped), keys and
/// values are trimmed of systemd's whitespace, and a line without <c>=</c> or before the first section is
/// ignored, as systemd ignores it with a warning. Values are kept as written (no unquoting).
/// </summary>
public static class UnitFileReader
{
    private const string Whitespace = " \t\n\r";

    /// <summary>Reads a unit file named <paramref name="name"/>.</summary>
    /// <exception cref="FormatException">The name is not a unit name, or a section header is malformed (systemd
    /// refuses such a file); the message names the line.</exception>
    public static UnitFile Read(string name, string text) => new(UnitName.Parse(name), ReadSections(text));

    /// <summary>Reads the sections of unit-file text, in order (a section written twice appears twice).</summary>
    /// <exception cref="FormatException">A section header is malformed (<c>[Service</c>); the message names the line.</exception>
    public static IReadOnlyList<UnitFileSection> ReadSections(string text) =>
        TryReadSections(text, out var sections, out var reason) ? sections : throw new FormatException(reason);

    /// <summary>
    /// Reads the sections of unit-file text, in order; false with the reason (naming the line) when a section header
    /// is malformed. The analyzers read unit text with this form, which does not throw.
    /// </summary>
    public static bool TryReadSections(string text, out IReadOnlyList<UnitFileSection> sections, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        sections = [];
        reason = null;
        var read = new List<UnitFileSection>();
        string? section = null;
        var entries = new List<UnitFileEntry>();
        StringBuilder? continuation = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i];
            if (i == 0 && raw.Length > 0 && raw[0] == '\uFEFF')
            {
                raw = raw.Substring(1);
            }

            if (continuation is not null && IsComment(raw))
            {
                continue;
            }

            var line = continuation is null ? raw : continuation.Append(raw).ToString();
            if (EndsInEscape(line))
            {
                continuation = new StringBuilder(line, 0, line.Length - 1, line.Length).Append(' ');
                continue;
            }

            continuation = null;
            var l = line.Trim(Whitespace.ToCharArray());
            if (l.Length == 0 || l[0] is '#' or ';')
            {
                continue;
            }

            if (l[0] == '[')
            {
                if (l.Length < 3 || l[l.Length - 1] != ']')
                {
                    reason = $"line {i + 1}: '{l}' is not a section header; write [Section]";
                    return false;
                }

                if (section is not null)
                {
                    read.Add(new UnitFileSection(section, entries));
                }

                section = l.Substring(1, l.Length - 2);
                entries = [];
                continue;
            }

            var eq = l.IndexOf('=');
            if (section is null || eq <= 0)
            {
                continue; // systemd: "Assignment outside of section" / "Missing '='", ignored
            }

            entries.Add(new UnitFileEntry(
                l.Substring(0, eq).Trim(Whitespace.ToCharArray()),
                l.Substring(eq + 1).Trim(Whitespace.ToCharArray())));
        }

        if (section is not null)
        {
            read.Add(new UnitFileSection(section, entries));
        }

        sections = read;
        return true;
    }

    private static bool IsComment(string line)
    {
        var l = line.TrimStart(Whitespace.ToCharArray());
        return l.Length > 0 && l[0] is '#' or ';';
    }

    /// <summary>True when the line ends in an unescaped backslash (an odd number of trailing backslashes).</summary>
    private static bool EndsInEscape(string line)
    {
        var escaped = false;
        foreach (var c in line)
        {
            escaped = !escaped && c == '\\';
        }

        return escaped;
    }
}
