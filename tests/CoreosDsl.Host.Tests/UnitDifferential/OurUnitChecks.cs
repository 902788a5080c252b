using System.Text;
using CoreosDsl.CloudConfig;
using CoreosDsl.CloudConfig.Validation;

namespace CoreosDsl.Host.Tests.UnitDifferential;

/// <summary>What CoreosDsl says of one line of a case: the file, the line (0: the unit as a whole), error or not.</summary>
internal sealed record OurFinding(string File, int Line, bool IsError, string RuleId, string Message);

/// <summary>
/// Runs CoreosDsl's unit checks on a case the way <c>validate FILE</c> does (the cloud-config validator, then
/// <see cref="CloudConfigUnitChecks"/>): the unit is the content of a <c>coreos.units</c> entry, its drop-ins
/// the entry's <c>drop_ins</c>. Each finding's YAML line is mapped back to the line of the unit file it is on.
/// </summary>
internal static class OurUnitChecks
{
    /// <summary>The generated builders whose directive syntaxes the checks read (the host loads a definitions project's).</summary>
    private static readonly System.Reflection.Assembly Builders = typeof(Fleet.FleetWorkers).Assembly;

    /// <summary>
    /// The rules about references between the units of one config (a timer's service that is not there, ordering
    /// cycles, ...): systemd-analyze verify sees one unit, and what it says of units missing on this machine is left
    /// out of its verdicts likewise.
    /// </summary>
    private static readonly HashSet<string> AcrossUnits = ["CDSL220", "CDSL221", "CDSL223", "CDSL225", "CDSL229", "CDSL230", "CDSL261"];

    public static IReadOnlyList<OurFinding> Check(UnitCase unitCase)
    {
        GC.KeepAlive(Builders);
        var yaml = new StringBuilder("#cloud-config\ncoreos:\n  units:\n");
        var line = 4;
        var ranges = new List<(string File, int First, int Count)>();
        yaml.Append("  - name: ").Append(unitCase.Name).Append('\n');
        line++;
        var (unitFile, unitText) = unitCase.Files[0];
        if (unitText.Length > 0)
        {
            AppendContent(yaml, "    ", unitText, ref line, unitFile, ranges);
        }

        if (unitCase.Files.Count > 1)
        {
            yaml.Append("    drop_ins:\n");
            line++;
            foreach (var (file, text) in unitCase.Files.Skip(1))
            {
                yaml.Append("    - name: ").Append(file[(file.LastIndexOf('/') + 1)..]).Append('\n');
                line++;
                AppendContent(yaml, "      ", text, ref line, file, ranges);
            }
        }

        var report = CloudConfigUnitChecks.Check(CloudConfigValidator.Validate(Encoding.UTF8.GetBytes(yaml.ToString()), CloudConfigDialect.Flatcar));
        var findings = new List<OurFinding>();
        foreach (var entry in report.Entries.Where(e => !AcrossUnits.Contains(e.RuleId)))
        {
            var range = ranges.FirstOrDefault(r => entry.Line >= r.First && entry.Line < r.First + r.Count);
            findings.Add(range.File is null
                ? new OurFinding(unitFile, 0, entry.Severity == ValidationSeverity.Error, entry.RuleId, entry.Message)
                : new OurFinding(range.File, entry.Line - range.First + 1, entry.Severity == ValidationSeverity.Error, entry.RuleId, entry.Message));
        }

        return findings;
    }

    /// <summary>
    /// <c>content: |2</c> (its indentation given, so a first line that starts with spaces stays the unit's), each line
    /// indented two more than the key; <c>|2-</c> when the text has no final line break.
    /// </summary>
    private static void AppendContent(StringBuilder yaml, string keyIndent, string text, ref int line, string file, List<(string, int, int)> ranges)
    {
        var finalBreak = text.EndsWith('\n');
        yaml.Append(keyIndent).Append(finalBreak ? "content: |2\n" : "content: |2-\n");
        line++;
        var lines = (finalBreak ? text[..^1] : text).Split('\n');
        ranges.Add((file, line, lines.Length));
        foreach (var l in lines)
        {
            yaml.Append(l.Length == 0 ? "" : keyIndent + "  " + l).Append('\n');
            line++;
        }
    }
}
