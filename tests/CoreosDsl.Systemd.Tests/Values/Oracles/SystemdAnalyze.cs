using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Systemd.Tests.Values.Oracles;

/// <summary>What <c>systemd-analyze calendar</c> says about one expression.</summary>
public sealed record CalendarVerdict(string Expression, bool Valid, string? Normalized, DateTimeOffset? NextElapse, string? Error);

/// <summary>What <c>systemd-analyze timespan</c> says about one time span.</summary>
public sealed record TimeSpanVerdict(string Text, bool Valid, ulong Microseconds, string? Error);

/// <summary>
/// Runs systemd-analyze (systemd 252 on these machines) as the oracle, many values per call, and reads back its
/// verdict for each.
/// </summary>
public static partial class SystemdAnalyze
{
    /// <summary>The base time for "Next elapse": 2023-11-14 22:13:20 UTC.</summary>
    public static readonly DateTimeOffset BaseTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    /// <summary>
    /// Runs <c>systemd-analyze calendar --base-time=@… -- EXPR...</c> once for all <paramref name="expressions"/> with
    /// <c>TZ</c> set to <paramref name="timeZone"/>. The verb prints one block per valid expression and a blank line
    /// between expressions, so the blocks can be matched to the expressions in order.
    /// </summary>
    public static IReadOnlyList<CalendarVerdict> Calendar(IReadOnlyList<string> expressions, string timeZone = "UTC")
    {
        var baseTime = BaseTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var result = ExternalTool.Run("systemd-analyze",
            ["calendar", $"--base-time=@{baseTime}", "--", .. expressions],
            environment: new Dictionary<string, string> { ["TZ"] = timeZone, ["SYSTEMD_COLORS"] = "0" });

        var lines = result.StandardOutput.Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var errors = result.StandardError.Split('\n')
            .Where(l => l.StartsWith("Failed to parse calendar specification", StringComparison.Ordinal))
            .ToList();
        var verdicts = new List<CalendarVerdict>();
        var j = 0;
        var failures = 0;
        foreach (var expression in expressions)
        {
            if (j >= lines.Count || lines[j].Length == 0)
            {
                verdicts.Add(new CalendarVerdict(expression, false, null, null, failures < errors.Count ? errors[failures] : null));
                failures++;
                j++;
                continue;
            }

            var block = new List<string>();
            while (j < lines.Count && lines[j].Length > 0)
            {
                block.Add(lines[j++]);
            }

            j++;
            var normalized = Field(block, "Normalized form:") ?? throw new InvalidOperationException(
                $"no 'Normalized form:' for {expression}:\n{string.Join('\n', block)}");
            var next = Field(block, "(in UTC):") ?? Field(block, "Next elapse:");
            verdicts.Add(new CalendarVerdict(expression, true, normalized, ParseTimestamp(next), null));
        }

        if (failures != errors.Count)
        {
            throw new InvalidOperationException(
                $"matched {failures} failures to the output but systemd-analyze reported {errors.Count}:\n{result.Output}");
        }

        return verdicts;
    }

    private static string? Field(List<string> block, string label)
    {
        foreach (var line in block)
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith(label, StringComparison.Ordinal))
            {
                return trimmed[label.Length..].Trim();
            }
        }

        return null;
    }

    /// <summary>Reads <c>Tue 2023-11-14 22:15:00 UTC</c>; null for <c>never</c>.</summary>
    private static DateTimeOffset? ParseTimestamp(string? text)
    {
        if (text is null || text == "never")
        {
            return null;
        }

        var parts = text.Split(' ');
        if (parts.Length != 4 || parts[3] != "UTC")
        {
            throw new FormatException($"unexpected timestamp '{text}'");
        }

        return DateTimeOffset.ParseExact($"{parts[1]} {parts[2]}", "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal);
    }

    /// <summary>
    /// Runs <c>systemd-analyze timespan -- SPAN...</c>. The verb stops at the first span it cannot parse, so the
    /// spans after a failure are given again in a new call: one call per invalid span plus one.
    /// </summary>
    public static IReadOnlyList<TimeSpanVerdict> TimeSpans(IReadOnlyList<string> spans)
    {
        // Four chunks in parallel: the restarts after each invalid span dominate the running time.
        var chunkSize = Math.Max(1, (spans.Count + 3) / 4);
        var chunks = spans.Chunk(chunkSize).ToList();
        var results = new IReadOnlyList<TimeSpanVerdict>[chunks.Count];
        Parallel.For(0, chunks.Count, i => results[i] = TimeSpansInOrder(chunks[i]));
        return [.. results.SelectMany(r => r)];
    }

    private static IReadOnlyList<TimeSpanVerdict> TimeSpansInOrder(IReadOnlyList<string> spans)
    {
        var verdicts = new List<TimeSpanVerdict>();
        var next = 0;
        while (next < spans.Count)
        {
            var batch = spans.Skip(next).ToList();
            var result = ExternalTool.Run("systemd-analyze", ["timespan", "--", .. batch],
                environment: new Dictionary<string, string> { ["SYSTEMD_COLORS"] = "0" });
            var values = MicrosecondsLine().Matches(result.StandardOutput).Select(m => ulong.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            for (var i = 0; i < values.Count; i++)
            {
                verdicts.Add(new TimeSpanVerdict(batch[i], true, values[i], null));
            }

            next += values.Count;
            if (result.ExitCode == 0)
            {
                if (values.Count != batch.Count)
                {
                    throw new InvalidOperationException($"expected {batch.Count} results, found {values.Count}:\n{result.Output}");
                }

                break;
            }

            var error = result.StandardError.Trim();
            if (!error.StartsWith($"Failed to parse time span '{batch[values.Count]}'", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"expected systemd-analyze to refuse '{batch[values.Count]}', but it said: {error}");
            }

            verdicts.Add(new TimeSpanVerdict(batch[values.Count], false, 0, error));
            next++;
        }

        return verdicts;
    }

    // The label is "μs:" in a UTF-8 locale and "us:" in the C locale.
    [GeneratedRegex(@"^\s*(?:\u03bcs|us): (\d+)$", RegexOptions.Multiline)]
    private static partial Regex MicrosecondsLine();

    /// <summary>Reads a corpus file of <c>tests/…/Values/Corpus</c>: one JSON string per line, <c>#</c> comments.</summary>
    public static IReadOnlyList<string> ReadCorpus(string fileName)
    {
        var path = Path.Combine(TestPaths.RepoRoot, "tests", "CoreosDsl.Systemd.Tests", "Values", "Corpus", fileName);
        return [.. File.ReadAllLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => JsonSerializer.Deserialize<string>(l) ?? throw new FormatException($"{path}: not a JSON string: {l}"))];
    }
}
