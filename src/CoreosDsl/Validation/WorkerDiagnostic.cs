namespace CoreosDsl;

/// <summary>How serious a finding is.</summary>
public enum WorkerDiagnosticSeverity
{
    /// <summary>Worth knowing; nothing breaks.</summary>
    Info,
    /// <summary>Works today but is outdated or suspicious.</summary>
    Warning,
    /// <summary>The machine would not come up as defined.</summary>
    Error,
}

/// <summary>
/// One finding about a worker: the same IDs the compiler reports for literals (<c>CDSL…</c>, see
/// docs/diagnostics.md), found at run time in values the analyzers could not see, plus the findings of the
/// cloud-config validator on the emitted YAML.
/// </summary>
/// <param name="Id">The diagnostic ID (<c>CDSL301</c>) or the validator rule (<c>checkValidity</c>).</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
/// <param name="Where">Where: a unit and directive (<c>locksmithd.service [Service] Restart=</c>) or a YAML line.</param>
public sealed record WorkerDiagnostic(string Id, WorkerDiagnosticSeverity Severity, string Message, string Where)
{
    /// <inheritdoc />
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()} {Id}: {Where}: {Message}";
}
