using System.Globalization;
using System.Text;

namespace CoreosDsl.Text;

/// <summary>
/// How every validator renders a finding, like a compiler (or Butane): the severity, rule and message, the file,
/// line and column, the source line and a caret under the offending text. One renderer for the cloud-config and
/// the Ignition validators: linked as source (src/Shared), not a library.
/// </summary>
internal static class SourceCaret
{
    /// <summary>Appends one finding to <paramref name="sb"/>.</summary>
    /// <param name="sb">Where to write.</param>
    /// <param name="heading">The first line without its newline (<c>error[rule]: message</c>).</param>
    /// <param name="fileName">The file name for the <c>--&gt;</c> line.</param>
    /// <param name="sourceLines">The source, split at <c>\n</c>.</param>
    /// <param name="line">The 1-based line, or 0 when the finding has none.</param>
    /// <param name="column">The 1-based column, or null.</param>
    /// <param name="length">How many characters the caret underlines.</param>
    public static void Append(StringBuilder sb, string heading, string fileName, string[] sourceLines, int line, int? column, int length)
    {
        sb.Append(heading).Append('\n');
        if (line <= 0 || line > sourceLines.Length)
        {
            sb.Append(" --> ").Append(fileName).Append("\n\n");
            return;
        }

        var lineText = Printable(sourceLines[line - 1].TrimEnd('\r'));
        var number = line.ToString(CultureInfo.InvariantCulture);
        var gutter = new string(' ', number.Length);
        sb.Append(gutter).Append("--> ").Append(fileName).Append(':').Append(number);
        if (column is { } c)
        {
            sb.Append(':').Append(c.ToString(CultureInfo.InvariantCulture));
        }

        sb.Append('\n').Append(gutter).Append(" |\n");
        sb.Append(number).Append(" | ").Append(lineText).Append('\n');
        if (column is { } at && at >= 1)
        {
            var width = Math.Clamp(length, 1, Math.Max(1, lineText.Length - at + 1));
            sb.Append(gutter).Append(" | ").Append(new string(' ', at - 1)).Append('^', width).Append('\n');
        }

        sb.Append('\n');
    }

    /// <summary>
    /// A source line as it may be echoed to a terminal: control characters (an escape sequence, a NUL) are shown, not
    /// sent, one character each so that the caret stays under its column.
    /// </summary>
    /// <param name="line">The line.</param>
    /// <returns>The printable line.</returns>
    public static string Printable(string line)
    {
        if (!line.Any(c => char.IsControl(c) || char.IsSurrogate(c)))
        {
            return line;
        }

        var sb = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]))
            {
                sb.Append(c).Append(line[++i]);
            }
            else
            {
                sb.Append(c switch
                {
                    '\t' => '\u2192',
                    _ when char.IsControl(c) || char.IsSurrogate(c) => '\uFFFD',
                    _ => c,
                });
            }
        }

        return sb.ToString();
    }
}
