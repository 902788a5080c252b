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

    /// <summary>
    /// The bracket that opens the flow collection left open at or before <paramref name="line"/> (libyaml reports
    /// an unclosed flow collection there; YamlDotNet where it gave up): the last <c>[</c> or <c>{</c> outside quotes and
    /// comments whose line does not close it.
    /// </summary>
    public static (int Line, int Column)? OpenFlowCollection(string text, int line)
    {
        var lines = Lines(text);
        for (var i = Math.Min(line, lines.Length) - 1; i >= 0; i--)
        {
            var depth = 0;
            var open = -1;
            var quote = '\0';
            for (var c = 0; c < lines[i].Length; c++)
            {
                var ch = lines[i][c];
                if (quote != '\0')
                {
                    quote = ch == quote ? '\0' : quote;
                }
                else if (ch is '"' or '\'')
                {
                    quote = ch;
                }
                else if (ch == '#' && (c == 0 || lines[i][c - 1] is ' ' or '\t'))
                {
                    break;
                }
                else if (ch is '[' or '{')
                {
                    depth++;
                    open = open < 0 || depth == 1 ? c : open;
                }
                else if (ch is ']' or '}')
                {
                    depth--;
                    open = depth <= 0 ? -1 : open;
                }
            }

            if (depth > 0 && open >= 0)
            {
                return (i + 1, open + 1);
            }
        }

        return null;
    }

    /// <summary>The first line that starts with the directive <paramref name="name"/> (<c>%YAML</c>).</summary>
    public static (int Line, int Column)? Directive(string text, string name)
    {
        var lines = Lines(text);
        var i = Array.FindIndex(lines, l => l.StartsWith(name, StringComparison.Ordinal));
        return i < 0 ? null : (i + 1, 1);
    }

    private static string[] Lines(string text) => text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
}
