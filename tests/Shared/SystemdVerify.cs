using System.Text;

namespace CoreosDsl.Tests.Shared;

/// <summary>
/// <c>systemd-analyze verify</c> as an oracle for unit-file values. It loads unit files without a running systemd
/// (as root or not) and, at debug log level, dumps each loaded unit: <c>Environment:</c>, <c>Command Line:</c>,
/// <c>LimitCORE:</c>, <c>CPUQuotaPerSecSec:</c> … show what systemd made of each value, and every value it refuses
/// is logged as <c>FILE:LINE: message</c>.
/// </summary>
public sealed class SystemdVerify
{
    private SystemdVerify(string directory, ToolResult result)
    {
        Directory = directory;
        Result = result;
    }

    /// <summary>Where the unit files were written (deleted after the run; messages still name it).</summary>
    public string Directory { get; }

    /// <summary>The raw run.</summary>
    public ToolResult Result { get; }

    /// <summary>
    /// Writes <paramref name="units"/> (file name → content; <c>NAME.d/FILE.conf</c> is a drop-in of NAME) to a new
    /// directory and verifies all the units in one call. <paramref name="logLevel"/> <c>info</c> keeps only what
    /// systemd says about the files (no unit dumps).
    /// </summary>
    public static SystemdVerify Run(IReadOnlyDictionary<string, string> units, string logLevel = "debug")
    {
        var directory = TestPaths.NewScratchDirectory("verify");
        foreach (var (name, content) in units)
        {
            var path = Path.Combine(directory, name);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content, new UTF8Encoding(false));
        }

        try
        {
            var result = RunExactly(
                ["verify", "--man=no", "--generators=no", .. units.Keys.Where(k => !k.Contains('/', StringComparison.Ordinal)).Select(k => Path.Combine(directory, k))],
                new Dictionary<string, string> { ["SYSTEMD_LOG_LEVEL"] = logLevel, ["SYSTEMD_COLORS"] = "0", ["LC_ALL"] = "C" });
            return new SystemdVerify(directory, result);
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Runs systemd-analyze and keeps its output byte for byte (ExternalTool reads line by line, which turns a
    /// carriage return inside a dumped value into a line break).
    /// </summary>
    private static ToolResult RunExactly(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new System.Diagnostics.ProcessStartInfo(ExternalTool.Require("systemd-analyze"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment)
        {
            start.Environment[k] = v;
        }

        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("could not start systemd-analyze");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("systemd-analyze verify did not finish within 2 minutes");
        }

        return new ToolResult($"systemd-analyze {string.Join(' ', arguments)}", process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The lines systemd logged about a unit file (<c>/path/NAME:LINE: …</c>), in order.</summary>
    public IReadOnlyList<string> Messages(string unitFile)
    {
        var prefix = Path.Combine(Directory, unitFile) + ":";
        return [.. Result.StandardError.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[(prefix.Length - unitFile.Length - 1)..])];
    }

    /// <summary>The messages about line <paramref name="line"/> of a unit file.</summary>
    public IReadOnlyList<string> MessagesAbout(string unitFile, int line) =>
        [.. Messages(unitFile).Where(m => m.StartsWith($"{unitFile}:{line}:", StringComparison.Ordinal))];

    /// <summary>The debug dump of one unit (the lines after <c>-> Unit NAME:</c> up to the next unit).</summary>
    public string Dump(string unitName)
    {
        var header = $"\t-> Unit {unitName}:\n";
        var start = Result.StandardOutput.IndexOf(header, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"systemd-analyze verify dumped no unit {unitName}:\n{Result.Output}");
        }

        start += header.Length;
        var end = Result.StandardOutput.IndexOf("\t-> Unit ", start, StringComparison.Ordinal);
        return end < 0 ? Result.StandardOutput[start..] : Result.StandardOutput[start..end];
    }

    /// <summary>The value of every dump line <c>KEY: VALUE</c> of a unit, in order.</summary>
    public IReadOnlyList<string> DumpValues(string unitName, string key)
    {
        var label = key + ": ";
        return [.. Dump(unitName).Split('\n').Select(l => l.TrimStart('\t')).Where(l => l.StartsWith(label, StringComparison.Ordinal)).Select(l => l[label.Length..])];
    }

    /// <summary>
    /// Splits a dumped <c>Command Line:</c> back into argv. systemd writes each word as is, or in double quotes
    /// with <c>\"</c> <c>\\</c> <c>\`</c> <c>\$</c> and C escapes (<c>\n</c>, <c>\001</c>) for control characters.
    /// </summary>
    public static IReadOnlyList<string> SplitCommandLine(string line)
    {
        var words = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] == ' ')
            {
                i++;
                continue;
            }

            var word = new StringBuilder();
            if (line[i] != '"')
            {
                while (i < line.Length && line[i] != ' ')
                {
                    word.Append(line[i++]);
                }

                words.Add(word.ToString());
                continue;
            }

            i++;
            while (line[i] != '"')
            {
                if (line[i] != '\\')
                {
                    word.Append(line[i++]);
                    continue;
                }

                var e = line[i + 1];
                if (e is >= '0' and <= '7')
                {
                    word.Append((char)Convert.ToInt32(line.Substring(i + 1, 3), 8));
                    i += 4;
                    continue;
                }

                word.Append(e switch
                {
                    'a' => '\a', 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', 'v' => '\v',
                    _ => e,
                });
                i += 2;
            }

            i++;
            words.Add(word.ToString());
        }

        return words;
    }
}
