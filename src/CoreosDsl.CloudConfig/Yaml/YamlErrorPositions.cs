namespace CoreosDsl.CloudConfig;

/// <summary>
/// Where a YAML syntax error really is, for the errors whose position YamlDotNet reports elsewhere (the end of the
/// text, the line before, line 1): found from the text, so the message points at what the user has to change.
/// </summary>
internal static class YamlErrorPositions
{
    /// <summary>The last line with content (not blank, not a comment) at or before <paramref name="line"/>, and its indentation.</summary>
    public static (int Line, int Column) LastContentLineAtOrBefore(string text, int line)
    {
        var lines = Lines(text);
        for (var i = Math.Min(line, lines.Length) - 1; i >= 0; i--)
        {
            var content = lines[i].TrimStart(' ');
            if (content.Length > 0 && content[0] != '#')
            {
                return (i + 1, lines[i].Length - content.Length + 1);
            }
        }

        return (line, 1);
    }

    /// <summary>
    /// The first tab in the indentation of a line with content, searched from <paramref name="line"/> on (YamlDotNet
    /// reports tab errors at or before the tab's line), else from the start.
    /// </summary>
    public static (int Line, int Column)? IndentationTab(string text, int line)
    {
        var lines = Lines(text);
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = pass == 0 ? Math.Max(0, line - 1) : 0; i < lines.Length; i++)
            {
                var indentation = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
                var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
                if (tab >= 0 && tab < indentation && indentation < lines[i].Length)
                {
                    return (i + 1, tab + 1);
                }
            }
        }

        return null;
    }

    /// <summary>A document end marker (<c>...</c> alone on a line) followed by content without a new <c>---</c>.</summary>
    public static (int Line, int Column)? ContentAfterDocumentEnd(string text)
    {
        var lines = Lines(text);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd(' ', '\t') != "...")
            {
                continue;
            }

            for (var j = i + 1; j < lines.Length; j++)
            {
                var content = lines[j].Trim(' ', '\t');
                if (content.StartsWith("---", StringComparison.Ordinal) || content.StartsWith('%'))
                {
                    break;
                }

                if (content.Length > 0 && content[0] != '#')
                {
                    return (i + 1, 1);
                }
            }
        }

        return null;
    }

    private static string[] Lines(string text) => text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
}
