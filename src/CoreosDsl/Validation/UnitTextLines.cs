namespace CoreosDsl;

/// <summary>
/// The line each directive of unit text starts on, read as <see cref="Systemd.UnitFileReader"/> reads the text
/// (comments, continuation lines ending in a backslash), so that the n-th entry the reader returns is the n-th here.
/// </summary>
internal static class UnitTextLines
{
    private const string Whitespace = " \t\n\r";

    /// <summary>Each <c>KEY=VALUE</c> entry inside a section: its section, key and 0-based first line, in order.</summary>
    public static List<(string Section, string Key, int Line)> Entries(string text)
    {
        var result = new List<(string, string, int)>();
        string? section = null;
        var lines = text.Split('\n');
        var start = -1; // the first line of a logical line continued with a backslash
        var logical = new System.Text.StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = i == 0 ? lines[i].TrimStart('\uFEFF') : lines[i];
            if (start >= 0 && IsComment(raw))
            {
                continue;
            }

            if (start < 0)
            {
                start = i;
                logical.Clear();
            }

            logical.Append(raw);
            if (EndsInEscape(raw))
            {
                logical.Length--;
                logical.Append(' ');
                continue;
            }

            var line = logical.ToString().Trim(Whitespace.ToCharArray());
            var first = start;
            start = -1;
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                section = line.Length >= 3 && line[^1] == ']' ? line[1..^1] : null;
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (section is not null && eq > 0)
            {
                result.Add((section, line[..eq].Trim(Whitespace.ToCharArray()), first));
            }
        }

        return result;
    }

    /// <summary>
    /// The 0-based line of the first <paramref name="key"/> of <paramref name="section"/> (or of the section's header
    /// when <paramref name="key"/> is null); 0 when there is none.
    /// </summary>
    public static int Find(string text, string section, string? key)
    {
        if (key is not null)
        {
            return Entries(text).FirstOrDefault(e => e.Section == section && e.Key == key) is { Key: not null } found ? found.Line : 0;
        }

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim(Whitespace.ToCharArray()) == $"[{section}]")
            {
                return i;
            }
        }

        return 0;
    }

    private static bool IsComment(string line)
    {
        var trimmed = line.TrimStart(Whitespace.ToCharArray());
        return trimmed.Length > 0 && trimmed[0] is '#' or ';';
    }

    /// <summary>An odd number of backslashes at the end continues the line.</summary>
    private static bool EndsInEscape(string line)
    {
        var count = 0;
        for (var i = line.Length - 1; i >= 0 && line[i] == '\\'; i--)
        {
            count++;
        }

        return count % 2 == 1;
    }
}
