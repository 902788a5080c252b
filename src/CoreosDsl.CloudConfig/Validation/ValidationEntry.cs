using System.Globalization;

namespace CoreosDsl.CloudConfig.Validation;

/// <summary>One finding of the validator.</summary>
/// <param name="Line">
/// The 1-based line as coreos-cloudinit reports it (the <c>#cloud-config</c> header is line 1; keys are found by its
/// text search), or 0 when it finds none (flow-style mappings, quoted keys).
/// </param>
/// <param name="Column">The 1-based column of the key or value on that line when known.</param>
/// <param name="Severity">Error, warning or info.</param>
/// <param name="Message">The message, word for word as coreos-cloudinit prints it for its own rules.</param>
/// <param name="RuleId">Which rule (<see cref="ValidationRuleIds"/>).</param>
public sealed record ValidationEntry(int Line, int? Column, ValidationSeverity Severity, string Message, string RuleId)
{
    /// <summary>The length of the text the entry points at (for the caret underline); 1 when unknown.</summary>
    public int Length { get; init; } = 1;

    /// <summary>coreos-cloudinit's text form: <c>line 4: error: invalid value lol</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"line {Line}: {SeverityText(Severity)}: {Message}");

    internal static string SeverityText(ValidationSeverity severity) => severity switch
    {
        ValidationSeverity.Error => "error",
        ValidationSeverity.Warning => "warning",
        _ => "info",
    };
}
