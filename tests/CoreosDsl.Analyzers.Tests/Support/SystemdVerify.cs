using System.Text;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Analyzers.Tests.Support;

/// <summary>
/// systemd 252's <c>systemd-analyze verify</c> as the oracle for the settings systemd refuses at load time: writes
/// unit files to a scratch directory, verifies them in one run and returns, per file, the lines it logged.
/// </summary>
public static class SystemdVerify
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Run(IReadOnlyDictionary<string, string> units)
    {
        var directory = TestPaths.NewScratchDirectory("analyzers-verify");
        try
        {
            foreach (var (name, content) in units)
            {
                File.WriteAllText(Path.Combine(directory, name), content, new UTF8Encoding(false));
            }

            var result = ExternalTool.Run(
                "systemd-analyze",
                ["verify", "--man=no", "--generators=no", .. units.Keys.Select(k => Path.Combine(directory, k))],
                environment: new Dictionary<string, string> { ["SYSTEMD_COLORS"] = "0" });
            var lines = result.Output.Split('\n');
            return units.Keys.ToDictionary(
                k => k,
                k => (IReadOnlyList<string>)[.. lines.Where(l => l.StartsWith(k + ":", StringComparison.Ordinal) || l.StartsWith(Path.Combine(directory, k) + ":", StringComparison.Ordinal))
                    .Select(l => l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..])],
                StringComparer.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
