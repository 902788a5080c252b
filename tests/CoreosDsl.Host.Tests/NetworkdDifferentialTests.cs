using System.Globalization;
using System.Text;
using CoreosDsl.CloudConfig;
using CoreosDsl.CloudConfig.Validation;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// Our verdicts on networkd text the builders did not write, against systemd-networkd's and udev's (252), line by
/// line: tests/TestData/networkd-differential holds files of our own in the patterns of real networkd files
/// (cases/p*, cases.txt names each) and one-line mutations of them (cases/m*: bad values of each kind, unknown
/// keys, wrong sections), and the oracle's verdicts as data (verdicts.txt). Each case is checked as
/// <c>validate FILE</c> checks a <c>coreos.units</c> entry. Deliberate differences are listed in
/// <see cref="Differences"/> and in the folder's DIFFERENCES.md.
/// </summary>
public sealed class NetworkdDifferentialTests
{
    private static readonly string Folder = Path.Combine(TestPaths.TestData, "networkd-differential");

    /// <summary>The cases where our verdict differs from the oracle's on purpose, and why (DIFFERENCES.md says more).</summary>
    private static readonly Dictionary<string, string> Differences = new(StringComparer.Ordinal)
    {
        ["m21.network"] = "IPv6HopLimit=256: networkd 252 parses any int here and fails later writing the sysctl; the schema's range 1-255 refuses it now",
        ["m22.network"] = "IPv6HopLimit=0: as m21",
        ["m23.network"] = "IPv6HopLimit=-1: as m21",
        ["m69.netdev"] = "[WireGuard] PrivateKey=: the WireGuard sections are not typed, so their values are not checked",
    };

    /// <summary>Every case: the oracle's lines, and whether it refused the file as a whole.</summary>
    private static readonly Lazy<Dictionary<string, Verdict>> Oracle = new(ReadVerdicts);

    [Fact]
    public void OurVerdictsAgreeWithTheOraclesLineByLine()
    {
        var cases = Oracle.Value;
        Assert.True(cases.Count >= 100, $"{cases.Count} cases");
        var differing = new Dictionary<string, string>(StringComparer.Ordinal);
        var sameLines = 0;
        foreach (var (name, verdict) in cases)
        {
            var ours = OurLines(name);
            var agrees = ours.SetEquals(verdict.RefusedLines) || (verdict.RefusedLines.Count == 0 && verdict.FileRefused && ours.Count > 0);
            if (agrees)
            {
                sameLines++;
            }
            else
            {
                differing[name] = $"ours: [{string.Join(", ", ours.Order())}], oracle: [{string.Join(", ", verdict.RefusedLines.Order())}]{(verdict.FileRefused ? " and the file" : "")}";
            }
        }

        // A correct real-world file is never refused, whatever the oracle merely notes about it.
        var refusedPatterns = differing.Where(d => d.Key.StartsWith('p')).Select(d => $"{d.Key}: {d.Value}").ToList();
        Assert.True(refusedPatterns.Count == 0, "correct files refused:\n" + string.Join("\n", refusedPatterns));
        Assert.True(
            differing.Keys.Order(StringComparer.Ordinal).SequenceEqual(Differences.Keys.Order(StringComparer.Ordinal)),
            "differences other than the documented ones:\n" + string.Join("\n", differing.Where(d => !Differences.ContainsKey(d.Key)).Select(d => $"{d.Key}: {d.Value}"))
            + "\ndocumented but now agreeing: " + string.Join(", ", Differences.Keys.Where(k => !differing.ContainsKey(k))));
        Assert.True(sameLines * 100 >= cases.Count * 95, $"{sameLines} of {cases.Count} agree");
    }

    [Fact]
    public void EveryCaseSaysWhatItStandsFor()
    {
        var described = File.ReadAllLines(Path.Combine(Folder, "cases.txt")).Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(Oracle.Value.Keys.Order(StringComparer.Ordinal), described.Keys.Order(StringComparer.Ordinal));
        Assert.All(described, d => Assert.Matches("^(pattern|mutation): ", d.Value));
    }

    /// <summary>The committed verdicts are still what systemd-networkd and udev 252 say (their line-level messages).</summary>
    [Fact]
    [Trait("Category", "Oracle")]
    public void TheCommittedVerdictsAreTheOraclesOwn()
    {
        var files = Directory.GetFiles(Path.Combine(Folder, "cases")).ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
        var live = NetworkdCheck.Messages(files)
            .Select(m => m.Split(':', 3))
            .Where(p => p.Length == 3 && p[1].All(char.IsAsciiDigit) && p[1].Length > 0)
            .Select(p => $"{p[0]}\t{p[1]}\t{p[2].Trim()}")
            .Order(StringComparer.Ordinal);
        var committed = Oracle.Value.SelectMany(c => c.Value.Lines.Select(l => $"{c.Key}\t{l.Line}\t{l.Message}")).Order(StringComparer.Ordinal);
        Assert.Equal(committed, live);
    }

    /// <summary>The 1-based lines of the case's text that <c>validate FILE</c> flags, the case being a coreos.units entry.</summary>
    private static HashSet<int> OurLines(string name)
    {
        const int header = 5; // #cloud-config, coreos:, units:, - name:, content: |
        var yaml = new StringBuilder($"#cloud-config\ncoreos:\n  units:\n  - name: {name}\n    content: |\n");
        foreach (var line in File.ReadAllText(Path.Combine(Folder, "cases", name)).TrimEnd('\n').Split('\n'))
        {
            yaml.Append(line.Length == 0 ? "" : "      " + line).Append('\n');
        }

        var report = CloudConfigUnitChecks.Check(CloudConfigValidator.Validate(Encoding.UTF8.GetBytes(yaml.ToString()), CloudConfigDialect.Flatcar));
        return [.. report.Entries.Where(e => e.RuleId.StartsWith("CDSL", StringComparison.Ordinal)).Select(e => e.Line - header)];
    }

    private static Dictionary<string, Verdict> ReadVerdicts()
    {
        var cases = new Dictionary<string, Verdict>(StringComparer.Ordinal);
        foreach (var row in File.ReadAllLines(Path.Combine(Folder, "verdicts.txt")).Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')))
        {
            var verdict = cases.TryGetValue(row[0], out var known) ? known : cases[row[0]] = new Verdict();
            if (row[2] == "ok")
            {
                continue;
            }

            var line = int.Parse(row[1], CultureInfo.InvariantCulture);
            if (line > 0)
            {
                verdict.Lines.Add((line, row[3]));
                if (row[2] == "refused")
                {
                    verdict.RefusedLines.Add(line);
                }
            }
            else if (row[2] == "refused")
            {
                verdict.FileRefused = true;
            }
        }

        return cases;
    }

    private sealed class Verdict
    {
        public List<(int Line, string Message)> Lines { get; } = [];

        public HashSet<int> RefusedLines { get; } = [];

        public bool FileRefused { get; set; }
    }
}
