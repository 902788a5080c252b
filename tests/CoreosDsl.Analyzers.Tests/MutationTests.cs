using System.Collections.Concurrent;
using System.Text.Json;
using CoreosDsl.Analyzers.Tests.Support;
using CoreosDsl.Tests.Shared;
using Microsoft.CodeAnalysis;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>
/// The proof of issue 16: single-line edits of the examples (tests/TestData/mutations/mutations.jsonl), inline units,
/// units in properties and shared classes (examples/Fleet/SharedUnits.cs), URLs in fields, SSH keys in constants.
/// Each row was judged first by a real tool (systemd-analyze verify/calendar/timespan, ssh-keygen, URL parsing;
/// verdicts.tsv, written by verify.py). Every mistake the tool refuses must be reported AT the edited line; every
/// variant the tool accepts must build exactly as the unedited example does.
/// </summary>
public class MutationTests
{
    private static readonly string Folder = Path.Combine(TestPaths.TestData, "mutations");

    /// <summary>One row of mutations.jsonl.</summary>
    public sealed record Mutation(string Id, string Kind, string File, string Find, string Replace, string Tool, string Note);

    private static readonly Lazy<IReadOnlyList<Mutation>> Rows = new(() => [.. File.ReadLines(Path.Combine(Folder, "mutations.jsonl"))
        .Where(l => l.Length > 0)
        .Select(l => JsonDocument.Parse(l).RootElement)
        .Select(e => new Mutation(e.GetProperty("id").GetString()!, e.GetProperty("kind").GetString()!, e.GetProperty("file").GetString()!,
            e.GetProperty("find").GetString()!, e.GetProperty("replace").GetString()!, e.GetProperty("tool").GetString()!,
            e.GetProperty("note").GetString() ?? ""))]);

    private static Dictionary<string, string> Verdicts() => File.ReadLines(Path.Combine(Folder, "verdicts.tsv"))
        .Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t')).ToDictionary(r => r[0], r => r[1], StringComparer.Ordinal);

    [Fact]
    public void EveryRowWasJudgedByItsToolAsItsKindSays()
    {
        var rows = Rows.Value;
        var verdicts = Verdicts();
        Assert.True(rows.Count(r => r.Kind == "mistake") >= 80, "fewer than 80 mistakes");
        Assert.True(rows.Count(r => r.Kind == "valid") >= 40, "fewer than 40 valid variants");
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(rows, r => Assert.Equal(r.Kind == "mistake" ? "refused" : "ok", verdicts[r.Id]));
        Assert.Contains(rows, r => r.File.EndsWith("SharedUnits.cs", StringComparison.Ordinal) && r.Kind == "mistake");
    }

    [Fact]
    public void EveryMistakeIsReportedAtItsLineAndEveryValidVariantBuildsAsTheExample()
    {
        var examples = Rows.Value.Select(r => r.File.Split('/')[1]).Distinct(StringComparer.Ordinal)
            .ToDictionary(n => n, ExampleProject.Load, StringComparer.Ordinal);
        var baselines = examples.ToDictionary(e => e.Key, e => Findings(e.Value, e.Value.Compile()), StringComparer.Ordinal);

        var failures = new ConcurrentBag<string>();
        var caught = 0;
        var clean = 0;
        Parallel.ForEach(Rows.Value, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, row =>
        {
            var example = examples[row.File.Split('/')[1]];
            var original = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, row.File));
            var at = original.IndexOf(row.Find, StringComparison.Ordinal);
            if (at < 0 || original.IndexOf(row.Find, at + 1, StringComparison.Ordinal) >= 0 || row.Replace.Contains('\n', StringComparison.Ordinal))
            {
                failures.Add($"{row.Id}: '{row.Find}' is not on exactly one line of {row.File}");
                return;
            }

            var line = original.AsSpan(0, at).Count('\n');
            var compiled = example.Compile(row.File, string.Concat(original.AsSpan(0, at), row.Replace, original.AsSpan(at + row.Find.Length)));
            if (compiled.CompilerErrors.FirstOrDefault() is { } error)
            {
                failures.Add($"{row.Id}: the edited example does not compile: {error}");
                return;
            }

            var findings = Findings(example, compiled);
            var added = findings.Except(baselines[example.Name]).ToList();
            if (row.Kind == "mistake")
            {
                if (added.Any(f => f.File == row.File && f.Line == line))
                {
                    Interlocked.Increment(ref caught);
                }
                else
                {
                    failures.Add($"{row.Id} mistake not reported at {row.File}:{line + 1} ({row.Replace.Trim()}); reported: {Describe(added)}");
                }
            }
            else if (added.Count == 0 && findings.Count == baselines[example.Name].Count)
            {
                Interlocked.Increment(ref clean);
            }
            else
            {
                failures.Add($"{row.Id} valid variant flagged ({row.Replace.Trim()}): {Describe(added)}");
            }
        });

        Assert.True(failures.IsEmpty, $"caught {caught}, clean {clean}:\n" + string.Join("\n", failures.OrderBy(f => f, StringComparer.Ordinal)));
    }

    /// <summary>The CDSL2xx findings of a build: ID, file, line (0-based) and message.</summary>
    private static List<(string Id, string File, int Line, string Message)> Findings(ExampleProject example, CompiledSnippet compiled) =>
        [.. compiled.AnalyzerDiagnostics.Where(d => d.Id.StartsWith("CDSL2", StringComparison.Ordinal) && d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => (d.Id, example.FileOf(d), d.Location.GetLineSpan().StartLinePosition.Line, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))];

    private static string Describe(IEnumerable<(string Id, string File, int Line, string Message)> findings) =>
        findings.Any() ? string.Join("; ", findings.Select(f => $"{f.Id} at {f.File}:{f.Line + 1}: {f.Message}")) : "nothing";
}
