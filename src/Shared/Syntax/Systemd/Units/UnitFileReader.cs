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
    public static bool TryReadSections(string text, out IReadOnlyList<UnitFileSection> sections, out string? reason) =>
        TryReadSections(text, out sections, out reason, ignored: null);

    /// <summary>
    /// The lines of unit-file text that systemd ignores for their shape, each with its 0-based first line and why: an
    /// assignment before the first section header, a line without <c>=</c>, a line with nothing before <c>=</c>
    /// (systemd warns "Assignment outside of section", "Missing '='", "Missing key name before '='"). Empty when a
    /// section header is malformed: then the whole text is refused.
    /// </summary>
    public static IReadOnlyList<(int Line, string Reason)> IgnoredLines(string text)
    {
        var ignored = new List<(int, string)>();
        return TryReadSections(text, out _, out _, ignored) ? ignored : [];
    }

    private static bool TryReadSections(string text, out IReadOnlyList<UnitFileSection> sections, out string? reason, List<(int, string)>? ignored)
    {
        ArgumentNullException.ThrowIfNull(text);
        sections = [];
        reason = null;
        var read = new List<UnitFileSection>();
        string? section = null;
        var entries = new List<UnitFileEntry>();
        StringBuilder? continuation = null;
        var first = 0; // the first line of the logical line
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

            first = continuation is null ? i : first;
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
                ignored?.Add((first, section is null ? "it is before the first section header ([Unit], [Service] ...)"
                    : eq < 0 ? "it has no '=' (write KEY=VALUE)" : "it has no key before '='"));
                continue;
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
