using System.Globalization;
using CoreosDsl.Host.Tests.UnitDifferential;
using Xunit.Abstractions;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// The unit differential corpus (tests/TestData/unit-differential): unit files and drop-ins in the shape of
/// real-world CoreOS/Flatcar units and their mutations, with what <c>systemd-analyze verify</c> (systemd 252) said
/// of each line. CoreosDsl's unit checks (as <c>validate FILE</c> runs them) must catch every line systemd ignores
/// or refuses (a miss otherwise) and refuse no line systemd accepts (a false refusal otherwise), except the
/// differences listed in DIFFERENCES.md beside the data.
/// </summary>
public sealed class UnitDifferentialTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> KnownDifferences = LoadKnownDifferences();

    [Fact]
    public void Unit_checks_agree_with_systemd()
    {
        var cases = UnitCase.LoadAll();
        var verdicts = UnitOracle.Load();
        Assert.True(cases.Count >= 500, $"only {cases.Count} cases");
        var unrecorded = cases.Where(c => !verdicts.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        Assert.True(unrecorded.Count == 0, "cases without a verdict (record them: see DIFFERENCES.md):\n" + string.Join('\n', unrecorded));

        var differing = new List<string>();
        int ignoredLines = 0, caught = 0, errorLines = 0, falseRefusals = 0;
        foreach (var unitCase in cases)
        {
            var comparison = Compare(unitCase, verdicts[unitCase.Name]);
            ignoredLines += comparison.IgnoredLines;
            caught += comparison.IgnoredLines - comparison.Misses.Count(m => m.Contains(" ignored by systemd", StringComparison.Ordinal));
            errorLines += comparison.ErrorLines;
            falseRefusals += comparison.FalseRefusals.Count;
            if (comparison.Misses.Count + comparison.FalseRefusals.Count > 0)
            {
                differing.Add(unitCase.Name);
                output.WriteLine($"{unitCase.Name}:");
                foreach (var difference in comparison.Misses.Concat(comparison.FalseRefusals))
                {
                    output.WriteLine("  " + difference);
                }
            }
        }

        var agreed = cases.Count - differing.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cases: {agreed}/{cases.Count} agree ({100.0 * agreed / cases.Count:F1}%); lines systemd ignores or refuses: {caught}/{ignoredLines} caught; our error lines: {errorLines - falseRefusals}/{errorLines} also refused by systemd"));
        var unexplained = differing.Where(d => !KnownDifferences.ContainsKey(d)).ToList();
        Assert.True(unexplained.Count == 0, "differences not explained in DIFFERENCES.md:\n" + string.Join('\n', unexplained));
        // Measured: 524/536 (97.8%); 87.5% before the fixes this corpus led to.
        Assert.True(agreed * 100 >= cases.Count * 97, $"{agreed}/{cases.Count} agree");
    }

    [Fact]
    public void Every_listed_difference_still_differs()
    {
        var verdicts = UnitOracle.Load();
        foreach (var (name, _) in KnownDifferences)
        {
            Assert.True(verdicts.ContainsKey(name), $"{name} is not in verdicts.tsv");
            var comparison = Compare(UnitCase.Load(name), verdicts[name]);
            Assert.True(comparison.Misses.Count + comparison.FalseRefusals.Count > 0, $"{name} now agrees with systemd: remove it from DIFFERENCES.md");
        }
    }

    /// <summary>
    /// The committed verdicts are systemd's today: a sample of the cases (every 12th) is verified again. With
    /// <c>COREOSDSL_RECORD_UNIT_VERDICTS=1</c> every case is verified and verdicts.tsv written anew instead.
    /// </summary>
    [Fact]
    [Trait("Category", "Oracle")]
    public void Recorded_verdicts_are_what_systemd_says()
    {
        var cases = UnitCase.LoadAll();
        if (Environment.GetEnvironmentVariable("COREOSDSL_RECORD_UNIT_VERDICTS") == "1")
        {
            UnitOracle.Save(UnitOracle.Verify(cases));
            return;
        }

        var sample = cases.Where((_, i) => i % 12 == 0).ToList();
        var recorded = UnitOracle.Load();
        var live = UnitOracle.Verify(sample).GroupBy(v => UnitOracle.CaseOf(v.File)).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var unitCase in sample)
        {
            Assert.Equal(
                recorded[unitCase.Name].Select(v => v.ToRow()).Order(StringComparer.Ordinal),
                live[unitCase.Name].Select(v => v.ToRow()).Order(StringComparer.Ordinal));
        }
    }

    private sealed record Comparison(List<string> Misses, List<string> FalseRefusals, int IgnoredLines, int ErrorLines);

    /// <summary>
    /// A miss: a line systemd ignores with no finding of ours on it (any severity: ours may only warn where systemd
    /// only ignores), or a unit systemd refuses with no error of ours. A false refusal: an error of ours on a line
    /// systemd neither ignores nor refuses the unit over. Lines are compared by the logical line they belong to.
    /// </summary>
    private static Comparison Compare(UnitCase unitCase, List<OracleVerdict> verdicts)
    {
        var starts = unitCase.Files.ToDictionary(f => f.File, f => UnitCase.LogicalStarts(f.Text), StringComparer.Ordinal);
        int Start(string file, int line) => line <= 0 ? 0 : starts[file] is var s && line < s.Length ? s[line] : line;

        var ours = OurUnitChecks.Check(unitCase);
        var ourLines = ours.Select(f => (f.File, Line: Start(f.File, f.Line))).ToHashSet();
        var ignored = verdicts.Where(v => v.Class == "ignored").ToList();
        var ignoredLines = ignored.Select(v => (v.File, Line: Start(v.File, v.Line))).ToHashSet();
        var refused = verdicts.FirstOrDefault(v => v.Class == "refused");

        var misses = new List<string>();
        foreach (var v in ignored.DistinctBy(v => (v.File, Start(v.File, v.Line))))
        {
            if (!ourLines.Contains((v.File, Start(v.File, v.Line))))
            {
                misses.Add($"miss: {v.File}:{v.Line} ignored by systemd ({v.Message}); ours: nothing");
            }
        }

        if (refused is not null && !ours.Any(f => f.IsError))
        {
            misses.Add($"miss: {unitCase.Name} refused by systemd ({refused.Message}); ours: no error");
        }

        var errors = ours.Where(f => f.IsError).DistinctBy(f => (f.File, Start(f.File, f.Line))).ToList();
        var falseRefusals = new List<string>();
        foreach (var error in errors)
        {
            var line = Start(error.File, error.Line);
            var accepted = refused is null && (line == 0 ? ignored.Count == 0 : !ignoredLines.Contains((error.File, line)));
            if (accepted)
            {
                falseRefusals.Add($"false refusal: {error.File}:{error.Line} {error.RuleId} {error.Message}; systemd: accepted");
            }
        }

        return new Comparison(misses, falseRefusals, ignoredLines.Count, errors.Count);
    }

    // DIFFERENCES.md lists each case as "- `NAME`: reason".
    private static Dictionary<string, string> LoadKnownDifferences() =>
        File.ReadLines(Path.Combine(UnitCase.Folder, "DIFFERENCES.md"))
            .Where(l => l.StartsWith("- `", StringComparison.Ordinal))
            .Select(l => (Name: l[3..l.IndexOf('`', 3)], Reason: l[(l.IndexOf('`', 3) + 1)..].TrimStart(':', ' ')))
            .ToDictionary(x => x.Name, x => x.Reason, StringComparer.Ordinal);
}
