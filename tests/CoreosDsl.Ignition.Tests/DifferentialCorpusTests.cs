using System.Globalization;
using System.Text.RegularExpressions;
using CoreosDsl.Ignition.Validation;
using CoreosDsl.Tests.Shared;
using Xunit.Abstractions;

namespace CoreosDsl.Ignition.Tests;

/// <summary>
/// The Ignition differential corpora: base configs in the shapes of Flatcar's documentation and Butane's output, and
/// their systematic mutations, with an ignition-validate's verdict and messages for each (recorded by generate.py):
/// tests/TestData/ignition-differential for specs 3.0.0 to 3.3.0 (ignition-validate 2.14, installed in CI), and
/// tests/TestData/ignition-differential-34 for 3.4.0 (ignition-validate 2.17, built from the public repository for the
/// recording). <see cref="IgnitionValidator"/> (what <c>validate FILE.json</c> runs before the unit-content rules)
/// must reach the same verdict (ok, warnings only, or errors) on at least 95%, and every difference must be listed
/// and explained in DIFFERENCES.md beside the data.
/// </summary>
public sealed partial class DifferentialCorpusTests(ITestOutputHelper output)
{
    private const string Spec33 = "ignition-differential";
    private const string Spec34 = "ignition-differential-34";

    [Theory]
    [InlineData(Spec33)]
    [InlineData(Spec34)]
    public void Verdicts_agree_with_ignition_validate(string corpus)
    {
        var folder = Path.Combine(TestPaths.TestData, corpus);
        var knownDifferences = LoadKnownDifferences(folder);
        var cases = LoadVerdicts(folder);
        Assert.True(cases.Count >= 150, $"only {cases.Count} cases");

        var differences = new List<string>();
        var messagesAgreed = 0;
        foreach (var (file, expected, lines) in cases)
        {
            var report = IgnitionValidator.Validate(File.ReadAllBytes(Path.Combine(folder, "cases", file)));
            if (report.Verdict != expected)
            {
                differences.Add($"{file}: ignition-validate {expected}, ours {report.Verdict} ({string.Join(" | ", report.Entries)})");
                continue;
            }

            messagesAgreed += SameMessages(lines, report) ? 1 : 0;
        }

        var agreed = cases.Count - differences.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verdicts: {agreed}/{cases.Count} agree ({100.0 * agreed / cases.Count:F1}%); the same entries (severity, path, message): {messagesAgreed}/{agreed}"));
        differences.ForEach(output.WriteLine);
        var unexplained = differences.Where(d => !knownDifferences.ContainsKey(d[..d.IndexOf(':', StringComparison.Ordinal)])).ToList();
        Assert.True(unexplained.Count == 0, "differences not explained in DIFFERENCES.md:\n" + string.Join('\n', unexplained));
        Assert.True(agreed * 100 >= cases.Count * 95, $"{agreed}/{cases.Count} agree");

        // Entries differ only in wording ignition-validate takes from Go's JSON decoder (syntax and type errors) and
        // a few messages of its libraries; the rules' own messages are word for word. Measured when recorded: 641 of 738 (87%).
        Assert.True(messagesAgreed * 100 >= agreed * 85, $"the same entries in {messagesAgreed}/{agreed}");
    }

    [Theory]
    [InlineData(Spec33)]
    [InlineData(Spec34)]
    public void Every_known_difference_still_differs(string corpus)
    {
        var folder = Path.Combine(TestPaths.TestData, corpus);
        var cases = LoadVerdicts(folder).ToDictionary(c => c.File, c => c.Verdict);
        foreach (var (file, _) in LoadKnownDifferences(folder))
        {
            Assert.True(cases.TryGetValue(file, out var expected), $"{file} is not in verdicts.tsv");
            var report = IgnitionValidator.Validate(File.ReadAllBytes(Path.Combine(folder, "cases", file)));
            Assert.True(report.Verdict != expected, $"{file} now agrees: remove it from DIFFERENCES.md");
        }
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void The_recorded_verdicts_are_the_installed_ignition_validates()
    {
        // CI installs Debian's ignition (2.14): the data must still be what it says, for a sample of every base.
        var folder = Path.Combine(TestPaths.TestData, Spec33);
        var cases = LoadVerdicts(folder);
        var sample = cases.Where((_, i) => i % 9 == 0).ToList();
        foreach (var (file, expected, lines) in sample)
        {
            var result = ExternalTool.Run("ignition-validate", [Path.Combine(folder, "cases", file)]);
            // Entries found by walking Go maps (unused keys) come in a random order: compare them as sets.
            var printed = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).ToList();
            var recorded = lines.Split(" | ", StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
            var verdict = result.ExitCode != 0 ? "error" : printed.Count > 0 ? "warning" : "ok";
            Assert.True(verdict == expected && printed.SequenceEqual(recorded), $"{file}: recorded {expected} [{lines}], now {verdict} [{string.Join(" | ", printed)}]");
        }
    }

    // ignition-validate prints "error at $.path, line L col C: message" (or, without a path, "error at line L col C:",
    // or "couldn't parse config: message" for the version); ours are compared without line and column.
    private static bool SameMessages(string lines, IgnitionValidationReport report)
    {
        var theirs = lines.Length == 0 ? [] : lines.Split(" | ").Select(Normalize).Order(StringComparer.Ordinal).ToList();
        var ours = report.Entries.Select(e => $"{e.SeverityText} at {e.JsonPath}: {e.Message}").Order(StringComparer.Ordinal).ToList();
        return theirs.SequenceEqual(ours);
    }

    private static string Normalize(string line)
    {
        var text = LineColumn().Replace(line, "");
        text = NoPath().Replace(text, "$1 at $$:");
        const string Parse = "couldn't parse config: ";
        return !text.StartsWith(Parse, StringComparison.Ordinal) ? text
            : text.EndsWith("(empty)", StringComparison.Ordinal) ? "error at $: " + text[Parse.Length..]
            : "error at $.ignition.version: " + text[Parse.Length..];
    }

    [GeneratedRegex(", line [0-9]+ col [0-9]+")]
    private static partial Regex LineColumn();

    [GeneratedRegex("^(error|warning) at line [0-9]+ col [0-9]+:")]
    private static partial Regex NoPath();

    private static List<(string File, string Verdict, string Lines)> LoadVerdicts(string folder) =>
        [.. File.ReadLines(Path.Combine(folder, "verdicts.tsv"))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t'))
            .Select(f => (f[0], f[1], f.Length > 2 ? f[2] : ""))];

    // DIFFERENCES.md lists each file as "- `NAME`: reason".
    private static Dictionary<string, string> LoadKnownDifferences(string folder) =>
        File.ReadLines(Path.Combine(folder, "DIFFERENCES.md"))
            .Where(l => l.StartsWith("- `", StringComparison.Ordinal))
            .Select(l => (Name: l[3..l.IndexOf('`', 3)], Reason: l[(l.IndexOf('`', 3) + 1)..].TrimStart(':', ' ')))
            .ToDictionary(x => x.Name, x => x.Reason, StringComparer.Ordinal);
}
