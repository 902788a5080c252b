using CoreosDsl.Ignition.Validation;
using CoreosDsl.Rules;

namespace CoreosDsl;

/// <summary>
/// <c>validate FILE.json</c>: an Ignition config checked with ignition-validate's rules
/// (<see cref="IgnitionValidator"/>), then its units with the analyzers' rules for unit text, as a worker's units
/// are checked (<c>WorkerDefinition.Validate</c>): values of directives by the syntax of their builder
/// methods, sections and directives no builder knows (CDSL240/241), settings systemd refuses at load time, and
/// references between the units against the units Flatcar ships. These findings carry their <c>CDSL…</c> ID.
/// </summary>
public static class IgnitionFileValidation
{
    /// <summary>Validates the Ignition config in <paramref name="json"/>.</summary>
    /// <param name="json">The file's bytes.</param>
    /// <returns>ignition-validate's findings, then those of the units, the networkd files and <see cref="FlatcarBootFailures"/>.</returns>
    public static IgnitionValidationReport Validate(byte[] json)
    {
        var report = IgnitionValidator.Validate(json);
        return report.HasErrors ? report : report.WithEntries(CheckUnits(report.Units).Concat(CheckNetworkdFiles(report.Files))
            .Concat(FlatcarBootFailures.Check(report)));
    }

    /// <summary>
    /// The networkd files under /etc/systemd/network (<c>.network</c>, <c>.netdev</c>, <c>.link</c>) checked as
    /// systemd-networkd and udev read them (<see cref="NetworkdTextRules"/>); each finding points at the file's
    /// <c>contents.source</c> and names the line of the file's text.
    /// </summary>
    private static IEnumerable<IgnitionValidationEntry> CheckNetworkdFiles(IReadOnlyList<IgnitionFileText> files)
    {
        const string directory = Networkd.NetworkdFile.Directory + "/";
        foreach (var file in files.Where(f => f.Path.StartsWith(directory, StringComparison.Ordinal) && f.Path.IndexOf('/', directory.Length) < 0))
        {
            foreach (var (finding, line) in NetworkdTextRules.Check(file.Path[directory.Length..], file.Contents))
            {
                yield return new IgnitionValidationEntry(
                    finding.Rule.Severity == RuleSeverity.Error ? IgnitionSeverity.Error : IgnitionSeverity.Warning,
                    finding.Rule.Id, file.Where.JsonPath, file.Where.Line, file.Where.Column,
                    $"{file.Path}:{line + 1}: {finding.Message}") { Length = file.Where.Length };
            }
        }
    }

    private static IEnumerable<IgnitionValidationEntry> CheckUnits(IReadOnlyList<IgnitionUnitText> units)
    {
        var schema = LoadedDirectiveSyntax.Schema();
        var facts = new List<UnitFacts>();
        var findings = new List<(RuleFinding Finding, IgnitionLocation Where)>();
        foreach (var unit in units)
        {
            var fact = new UnitFacts(unit.Name, null, unit.Name)
            {
                WrittenAsText = true,
                // Ignition enables the unit through a preset: it starts at boot, as cloud-config's command: start.
                Command = unit.Enabled == true ? "start" : null,
                HasContent = !string.IsNullOrEmpty(unit.Contents),
                ContentText = unit.Contents,
            };
            if (unit.Mask)
            {
                continue; // a masked unit is linked to /dev/null: its text is never loaded
            }

            if (fact.HasContent)
            {
                Check(unit.Contents!, unit.Name, unit.Name, unit.Where, fact, dropIn: false);
            }

            foreach (var dropIn in unit.DropIns.Where(d => !string.IsNullOrEmpty(d.Contents)))
            {
                Check(dropIn.Contents!, unit.Name, $"{unit.Name}.d/{dropIn.Name}", dropIn.Where, fact, dropIn: true);
            }

            facts.Add(fact);
            findings.AddRange(UnitRules.Check(fact).Concat(UnitRules.CheckDropIns(fact)).Select(f => (f, Locate(unit, f.Origin))));
        }

        var stock = StockUnits.For(TargetOs.Flatcar);
        findings.AddRange(WorkerUnitRules.Check(facts, stock).Select(f => (f, units.Count > 0 ? Locate(units, f.Origin) : new IgnitionLocation("$", 1, 1, 1))));
        return findings.Select(x => new IgnitionValidationEntry(
            x.Finding.Rule.Severity == RuleSeverity.Error ? IgnitionSeverity.Error : IgnitionSeverity.Warning,
            x.Finding.Rule.Id, x.Where.JsonPath, x.Where.Line, x.Where.Column,
            x.Finding.Origin is string where ? $"{where}: {x.Finding.Message}" : x.Finding.Message) { Length = x.Where.Length });

        void Check(string content, string unitName, string file, IgnitionLocation where, UnitFacts fact, bool dropIn)
        {
            var local = new List<RuleFinding>();
            if (LiteralChecks.CheckCloudConfig("unit-content", null, content, file) is { } unreadable)
            {
                local.Add(unreadable);
                fact.ContentKnown = false;
            }
            else
            {
                local.AddRange(LiteralChecks.CheckUnitContent(content, LoadedDirectiveSyntax.Of, file));
                WorkerRules.CheckNames(schema, unitName, file, content, local);
                WorkerRules.AddLines(fact, file, content, dropIn);
            }

            findings.AddRange(local.Select(f => (f, where)));
        }
    }

    // A finding of one unit points at its contents, or at the drop-in its origin names.
    private static IgnitionLocation Locate(IgnitionUnitText unit, object? origin) =>
        origin is string text && unit.DropIns.FirstOrDefault(d => text.StartsWith($"{unit.Name}.d/{d.Name}", StringComparison.Ordinal)) is { } dropIn
            ? dropIn.Where
            : unit.Where;

    private static IgnitionLocation Locate(IReadOnlyList<IgnitionUnitText> units, object? origin) =>
        origin is string text && units.Where(u => u.Name.Length > 0 && text.StartsWith(u.Name, StringComparison.Ordinal)).OrderByDescending(u => u.Name.Length).FirstOrDefault() is { } unit
            ? Locate(unit, origin)
            : units[0].Where;
}
