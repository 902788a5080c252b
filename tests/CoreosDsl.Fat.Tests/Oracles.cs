using System.Globalization;
using System.Text.RegularExpressions;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Fat.Tests;

/// <summary>The real tools the FAT tests check against: dosfstools (mkfs.fat, fsck.fat) and mtools.</summary>
internal static partial class Oracles
{
    // mtools prints long names in the locale's charset: UTF-8, so that Unicode names survive.
    private static readonly Dictionary<string, string> Utf8 = new() { ["LC_ALL"] = "C.UTF-8" };

    /// <summary>"image" or "image@@offset", the way mtools addresses a volume inside a disk image.</summary>
    public static string Target(string image, long offset) => offset == 0 ? image : $"{image}@@{offset}";

    /// <summary>Runs an mtools command against the volume and returns its result (not checked).</summary>
    public static ToolResult Mtools(string tool, string image, long offset, params string[] arguments) =>
        ExternalTool.Run(tool, ["-i", Target(image, offset), .. arguments], environment: Utf8);

    /// <summary><c>fsck.fat -n</c> (check only, change nothing) with verbose output; returns exit code and output.</summary>
    public static ToolResult Fsck(string partitionImage) => ExternalTool.Run("fsck.fat", ["-n", "-V", partitionImage]);

    /// <summary>Asserts that fsck.fat finds nothing to fix: exit code 0 and none of its complaint phrases.</summary>
    public static void AssertClean(string partitionImage)
    {
        var result = Fsck(partitionImage);
        Assert.True(result.ExitCode == 0, $"fsck.fat -n exited {result.ExitCode}:\n{result.Output}");
        foreach (var line in result.Output.Split('\n'))
        {
            // fsck.fat reports problems as free text; every other line is a banner, a phase, or the summary.
            var benign = line.Length == 0 || line.StartsWith("fsck.fat ", StringComparison.Ordinal)
                || line.StartsWith("Starting ", StringComparison.Ordinal) || line.StartsWith("Checking ", StringComparison.Ordinal)
                || SummaryRegex().IsMatch(line);
            Assert.True(benign, $"fsck.fat -n reported: '{line}'\n{result.Output}");
        }
    }

    /// <summary>One line of <c>mdir -a</c>: the 8.3 name as mdir shows it and the long name (null when there is none).</summary>
    public sealed record MdirLine(string ShortName, string? LongName, long Size, bool IsDirectory);

    /// <summary>Parses <c>mdir -a</c> of one directory.</summary>
    public static List<MdirLine> Mdir(string image, long offset, string directory = "::/")
    {
        var result = Mtools("mdir", image, offset, "-a", directory).EnsureSuccess();
        var lines = new List<MdirLine>();
        foreach (var line in result.StandardOutput.Split('\n'))
        {
            // "CLOUD-~1 YML         2 2026-11-25  19:41  cloud-config.yml" or "coreos       <DIR>     ..."
            var m = MdirRegex().Match(line);
            if (!m.Success)
            {
                continue;
            }

            var name = m.Groups["name"].Value.TrimEnd();
            var ext = m.Groups["ext"].Value.TrimEnd();
            var shortName = ext.Length == 0 ? name : $"{name}.{ext}";
            if (shortName is "." or "..")
            {
                continue;
            }

            var isDir = m.Groups["size"].Value == "<DIR>";
            var size = isDir ? 0 : long.Parse(m.Groups["size"].Value.Replace(" ", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            var longName = m.Groups["long"].Success && m.Groups["long"].Value.Length > 0 ? m.Groups["long"].Value : null;
            lines.Add(new MdirLine(shortName, longName, size, isDir));
        }

        return lines;
    }

    [GeneratedRegex(@": \d+ files, \d+/\d+ clusters$")]
    private static partial Regex SummaryRegex();

    [GeneratedRegex(@"^(?<name>[^ ].{7}) (?<ext>.{3}) +(?<size><DIR>|[\d ]+?) \d{4}-\d\d-\d\d +\d+:\d\d(?: |  (?<long>.+))$")]
    private static partial Regex MdirRegex();
}
