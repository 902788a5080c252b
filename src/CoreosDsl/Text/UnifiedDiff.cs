using System.Text;

namespace CoreosDsl.Text;

/// <summary>
/// Unified diffs of two texts, in the format of <c>diff -u</c> and <c>git diff</c>: <c>---</c>/<c>+++</c> headers,
/// <c>@@ -l,s +l,s @@</c> hunks with context lines, and <c>\ No newline at end of file</c> markers, so the output
/// can be read by people and applied by <c>patch</c>.
/// </summary>
public static class UnifiedDiff
{
    /// <summary>Unchanged lines shown around each change, as in <c>diff -u</c>.</summary>
    public const int DefaultContextLines = 3;

    private const string NoNewlineMarker = "\\ No newline at end of file\n";

    /// <summary>
    /// The unified diff that turns <paramref name="oldText"/> into <paramref name="newText"/>, or an empty string
    /// when they are equal. Lines end at <c>\n</c>; the edit script is minimal (Myers' algorithm).
    /// </summary>
    /// <param name="oldText">The expected text (shown with <c>-</c>).</param>
    /// <param name="newText">The actual text (shown with <c>+</c>).</param>
    /// <param name="oldLabel">The name after <c>---</c>, for example the verified file's path or <c>/dev/null</c>.</param>
    /// <param name="newLabel">The name after <c>+++</c>.</param>
    /// <param name="contextLines">Unchanged lines shown before and after each change.</param>
    public static string Create(string oldText, string newText, string oldLabel, string newLabel,
        int contextLines = DefaultContextLines)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        ArgumentNullException.ThrowIfNull(oldLabel);
        ArgumentNullException.ThrowIfNull(newLabel);
        ArgumentOutOfRangeException.ThrowIfNegative(contextLines);
        if (string.Equals(oldText, newText, StringComparison.Ordinal))
        {
            return "";
        }

        var oldLines = SplitLines(oldText);
        var newLines = SplitLines(newText);
        var script = LineDiff.Compare(oldLines, newLines);

        var output = new StringBuilder();
        output.Append("--- ").Append(oldLabel).Append('\n');
        output.Append("+++ ").Append(newLabel).Append('\n');
        foreach (var hunk in GroupIntoHunks(FindChanges(script), contextLines))
        {
            WriteHunk(output, hunk, oldLines, newLines, contextLines);
        }

        return output.ToString();
    }

    /// <summary>Splits after each <c>\n</c>; every line keeps its terminator, a last line may have none.</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            var next = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..next]);
            start = next;
        }

        return lines;
    }

    /// <summary>A run of deleted old lines [OldStart, OldEnd) replaced by inserted new lines [NewStart, NewEnd).</summary>
    private readonly record struct Change(int OldStart, int OldEnd, int NewStart, int NewEnd);

    private static List<Change> FindChanges(LineDiff script)
    {
        var changes = new List<Change>();
        int i = 0, j = 0, n = script.Deleted.Length, m = script.Inserted.Length;
        while (i < n || j < m)
        {
            if (i < n && j < m && !script.Deleted[i] && !script.Inserted[j])
            {
                i++;
                j++;
                continue;
            }

            int oldStart = i, newStart = j;
            while (i < n && script.Deleted[i])
            {
                i++;
            }

            while (j < m && script.Inserted[j])
            {
                j++;
            }

            changes.Add(new Change(oldStart, i, newStart, j));
        }

        return changes;
    }

    /// <summary>Changes whose context would touch or overlap share a hunk, as in <c>diff -u</c>.</summary>
    private static List<List<Change>> GroupIntoHunks(List<Change> changes, int contextLines)
    {
        var hunks = new List<List<Change>>();
        foreach (var change in changes)
        {
            if (hunks.Count > 0 && change.OldStart - hunks[^1][^1].OldEnd <= 2 * contextLines)
            {
                hunks[^1].Add(change);
            }
            else
            {
                hunks.Add([change]);
            }
        }

        return hunks;
    }

    private static void WriteHunk(StringBuilder output, List<Change> hunk, List<string> oldLines,
        List<string> newLines, int contextLines)
    {
        var first = hunk[0];
        var last = hunk[^1];
        var leading = Math.Min(contextLines, first.OldStart);
        var trailing = Math.Min(contextLines, oldLines.Count - last.OldEnd);
        int oldFrom = first.OldStart - leading, oldTo = last.OldEnd + trailing;
        int newFrom = first.NewStart - leading, newTo = last.NewEnd + trailing;

        output.Append("@@ -").Append(Range(oldFrom, oldTo - oldFrom))
            .Append(" +").Append(Range(newFrom, newTo - newFrom)).Append(" @@\n");

        var oldIndex = oldFrom;
        foreach (var change in hunk)
        {
            for (; oldIndex < change.OldStart; oldIndex++)
            {
                WriteLine(output, ' ', oldLines[oldIndex]);
            }

            for (var i = change.OldStart; i < change.OldEnd; i++)
            {
                WriteLine(output, '-', oldLines[i]);
            }

            for (var j = change.NewStart; j < change.NewEnd; j++)
            {
                WriteLine(output, '+', newLines[j]);
            }

            oldIndex = change.OldEnd;
        }

        for (; oldIndex < oldTo; oldIndex++)
        {
            WriteLine(output, ' ', oldLines[oldIndex]);
        }
    }

    /// <summary>
    /// "start,count" with a 1-based start; GNU conventions: a count of 1 is omitted, and an empty range names the
    /// line before it (0 at the top of the file).
    /// </summary>
    private static string Range(int from, int count) => count switch
    {
        0 => $"{from},0",
        1 => $"{from + 1}",
        _ => $"{from + 1},{count}",
    };

    private static void WriteLine(StringBuilder output, char prefix, string line)
    {
        output.Append(prefix).Append(line);
        if (!line.EndsWith('\n'))
        {
            output.Append('\n').Append(NoNewlineMarker);
        }
    }
}
