using System.Text;

namespace CoreosDsl.Images;

/// <summary>
/// Rewrites a stock <c>isolinux.cfg</c> (or <c>syslinux.cfg</c>) so that its default label boots a worker: the
/// label's <c>KERNEL</c> line takes the worker's kernel and its <c>APPEND</c> line the worker's command line
/// (initrd, arguments, <c>cloud-config-url=</c> or <c>coreos.configdrive=1</c>). Every other line of the stock file
/// (<c>SERIAL</c>, <c>DEFAULT</c>, <c>PROMPT</c>, <c>TIMEOUT</c>, menus, other labels) is kept as the vendor wrote
/// it, since it describes how that image boots.
/// </summary>
public static class IsolinuxConfig
{
    /// <summary>Returns <paramref name="stockText"/> with its default label booting <paramref name="boot"/>.</summary>
    /// <param name="stockText">The stock configuration.</param>
    /// <param name="boot">The worker's boot settings.</param>
    /// <param name="fileName">The file's name in the image, for error messages.</param>
    /// <exception cref="InvalidDataException">The configuration has no <c>LABEL</c> to boot.</exception>
    public static string Rewrite(string stockText, BootSettings boot, string fileName = "isolinux.cfg")
    {
        ArgumentNullException.ThrowIfNull(stockText);
        ArgumentNullException.ThrowIfNull(boot);
        var newline = stockText.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = stockText.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var trailingNewline = lines.Count > 0 && lines[^1].Length == 0;
        if (trailingNewline)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var (start, end) = FindDefaultLabel(lines, fileName);
        var indent = "  ";
        int? kernelLine = null, appendLine = null;
        for (var i = end - 1; i > start; i--)
        {
            var (keyword, _) = Split(lines[i]);
            switch (keyword)
            {
                case "kernel" or "linux":
                    kernelLine = i;
                    indent = Indentation(lines[i]);
                    break;
                case "append":
                    appendLine = i;
                    break;
                case "initrd":
                    // The worker's APPEND carries initrd=; a separate INITRD line would load a second one.
                    lines.RemoveAt(i);
                    end--;
                    appendLine = appendLine is { } a && a > i ? a - 1 : appendLine;
                    kernelLine = kernelLine is { } k && k > i ? k - 1 : kernelLine;
                    break;
            }
        }

        var kernelText = indent + "KERNEL " + boot.Kernel;
        var appendText = indent + "APPEND " + boot.AppendLine();
        if (kernelLine is { } kl)
        {
            lines[kl] = kernelText;
        }
        else
        {
            lines.Insert(start + 1, kernelText);
            kernelLine = start + 1;
            appendLine = appendLine is { } a ? a + 1 : null;
        }

        if (appendLine is { } al)
        {
            lines[al] = appendText;
        }
        else
        {
            lines.Insert(kernelLine.Value + 1, appendText);
        }

        if (boot.SerialPort is { } port && !lines.Any(l => Split(l).Keyword == "serial"))
        {
            lines.Insert(0, $"SERIAL {port} 115200");
        }

        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append(newline);
        }

        return trailingNewline || lines.Count == 0 ? text.ToString() : text.ToString(0, text.Length - newline.Length);
    }

    /// <summary>The label <c>DEFAULT</c> names (or the first label): the line index of its <c>LABEL</c> and where its block ends.</summary>
    private static (int Start, int End) FindDefaultLabel(List<string> lines, string fileName)
    {
        string? defaultName = null;
        var labels = new List<(int Index, string Name)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var (keyword, argument) = Split(lines[i]);
            if (keyword == "default" && defaultName is null)
            {
                defaultName = argument;
            }
            else if (keyword == "label")
            {
                labels.Add((i, argument));
            }
        }

        if (labels.Count == 0)
        {
            throw new InvalidDataException($"{fileName} has no LABEL line, so there is no boot entry to give the worker's kernel line; is this a CoreOS/Flatcar ISO?");
        }

        var chosen = labels.FindIndex(l => string.Equals(l.Name, defaultName, StringComparison.Ordinal));
        chosen = chosen < 0 ? 0 : chosen;
        var start = labels[chosen].Index;
        var end = chosen + 1 < labels.Count ? labels[chosen + 1].Index : lines.Count;
        return (start, end);
    }

    /// <summary>A line's keyword (lower case, as syslinux compares them) and the rest of the line.</summary>
    private static (string Keyword, string Argument) Split(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0 || trimmed[0] == '#')
        {
            return ("", "");
        }

        var space = trimmed.IndexOfAny([' ', '\t']);
        return space < 0
            ? (trimmed.ToLowerInvariant(), "")
            : (trimmed[..space].ToLowerInvariant(), trimmed[(space + 1)..].Trim());
    }

    private static string Indentation(string line) => line[..(line.Length - line.TrimStart().Length)];
}
