using CoreosDsl.CloudConfig;
using CoreosDsl.CloudConfig.Validation;
using CoreosDsl.Rules;

namespace CoreosDsl;

/// <summary>
/// The unit rules for a cloud-config file (<c>validate FILE</c>): the units and drop-ins of <c>coreos.units</c> are
/// checked with the rules the analyzers and <c>worker.Validate()</c> use (directive values, unknown directives with
/// "did you mean", the settings systemd refuses, references across units, ordering cycles), each finding at the
/// line of the YAML file where the unit text says it.
/// </summary>
public static class CloudConfigUnitChecks
{
    /// <summary>
    /// <paramref name="report"/> with the unit rules' findings added (CDSL IDs), for a cloud-config whose YAML could
    /// be read; any other report is returned as it is.
    /// </summary>
    public static ValidationReport Check(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Kind != UserDataKind.CloudConfig
            || report.Entries.Any(e => e.RuleId is ValidationRuleIds.YamlSyntax or ValidationRuleIds.YamlCharacters
                || (e.RuleId == ValidationRuleIds.Gzip && e.Severity == ValidationSeverity.Error)))
        {
            return report;
        }

        ConfigMapping document;
        try
        {
            document = CloudConfigYaml.Read(report.Source, report.Dialect);
        }
        catch (FormatException)
        {
            return report; // not a mapping, or not YAML the reader takes: the validator's entries say why
        }

        var origins = new UnitTextOrigins();
        var findings = WorkerRules.CheckUnitsOf(document, report.Dialect, origins);
        var writeFiles = WorkerRules.NetworkdWriteFiles(document).ToList();
        if (findings.Count == 0 && writeFiles.Count == 0)
        {
            return report;
        }

        var locator = new UnitTextLocator(report.Source, document);
        var entries = new List<ValidationEntry>();
        var located = findings.Select(f => (Finding: f, Where: locator.Locate(origins.Find(f.Origin, f.Message, locator.TextOf))))
            .Concat(writeFiles.Select(f => (f.Finding, Where: locator.LocateIn(f.Content, f.Line))));
        foreach (var (finding, (line, column, length)) in located)
        {
            var severity = finding.Rule.Severity == RuleSeverity.Error ? ValidationSeverity.Error : ValidationSeverity.Warning;
            var entry = new ValidationEntry(line, column, severity, finding.Message, finding.Rule.Id) { Length = length };
            if (!entries.Contains(entry))
            {
                entries.Add(entry);
            }
        }

        return report.With(entries.OrderBy(e => e.Line).ThenBy(e => e.Column ?? 0));
    }
}
