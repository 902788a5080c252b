using System.Globalization;

namespace CoreosDsl.Ignition.Validation;

/// <summary>How serious an Ignition validation entry is (ignition-validate's kinds).</summary>
public enum IgnitionSeverity
{
    /// <summary>Ignition refuses the config (ignition-validate exits 1).</summary>
    Error,

    /// <summary>Ignition applies the config, but something in it does nothing or is suspicious.</summary>
    Warning,
}

/// <summary>One finding about an Ignition config.</summary>
/// <param name="Severity">Error or warning, as ignition-validate reports it.</param>
/// <param name="Rule">The rule that found it (<c>path</c>, <c>unused-key</c>, ...; see docs/diagnostics.md).</param>
/// <param name="JsonPath">Where, as ignition-validate names places: <c>$.storage.files.0.path</c>; <c>$</c> for the document.</param>
/// <param name="Line">The 1-based line of the offending key or value.</param>
/// <param name="Column">The 1-based column.</param>
/// <param name="Message">ignition-validate's message, word for word where it has one for the rule.</param>
public sealed record IgnitionValidationEntry(IgnitionSeverity Severity, string Rule, string JsonPath, int Line, int Column, string Message)
{
    /// <summary>How to fix it, or null when the message says it all.</summary>
    public string? Fix { get; init; }

    /// <summary>The length of the text the entry points at (for the caret underline).</summary>
    public int Length { get; init; } = 1;

    /// <summary>The severity as ignition-validate prints it.</summary>
    public string SeverityText => Severity == IgnitionSeverity.Error ? "error" : "warning";

    /// <summary>The message with the fix.</summary>
    public string FullMessage => Fix is null ? Message : $"{Message}; {Fix}";

    /// <summary>ignition-validate's line form: <c>error at $.storage.files.0.path, line 4 col 15: path not absolute</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{SeverityText} at {JsonPath}, line {Line} col {Column}: {FullMessage}");
}
