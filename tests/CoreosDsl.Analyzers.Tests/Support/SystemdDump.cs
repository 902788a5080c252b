using System.Text;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Analyzers.Tests.Support;

/// <summary>
/// systemd-analyze verify at debug level, which dumps every unit it loaded: the oracle for how systemd read a unit
/// file's lines.
/// </summary>
public sealed class SystemdDump
{
    private readonly string output;

    private SystemdDump(string output) => this.output = output;

    public static SystemdDump Run(IReadOnlyDictionary<string, string> units)
    {
        var directory = TestPaths.NewScratchDirectory("analyzers-dump");
        try
        {
            foreach (var (name, content) in units)
            {
                File.WriteAllText(Path.Combine(directory, name), content, new UTF8Encoding(false));
            }

            var result = ExternalTool.Run(
                "systemd-analyze",
                ["verify", "--man=no", "--generators=no", .. units.Keys.Select(k => Path.Combine(directory, k))],
                environment: new Dictionary<string, string> { ["SYSTEMD_LOG_LEVEL"] = "debug", ["SYSTEMD_COLORS"] = "0" });
            return new SystemdDump(result.StandardOutput);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The Description: line of a unit's dump.</summary>
    public string Description(string unit)
    {
        var header = $"-> Unit {unit}:\n";
        var start = output.IndexOf(header, StringComparison.Ordinal);
        Assert.True(start >= 0, $"systemd dumped no unit {unit}");
        const string Label = "\tDescription: ";
        var line = output.IndexOf(Label, start, StringComparison.Ordinal);
        var end = output.IndexOf('\n', line);
        return output[(line + Label.Length)..end];
    }
}
