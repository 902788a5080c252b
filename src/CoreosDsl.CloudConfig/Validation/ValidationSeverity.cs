namespace CoreosDsl.CloudConfig.Validation;

/// <summary>How serious a validation entry is (coreos-cloudinit's entry kinds).</summary>
public enum ValidationSeverity
{
    /// <summary>coreos-cloudinit would fail or do the wrong thing.</summary>
    Error,

    /// <summary>Suspicious: ignored, deprecated or mistyped settings.</summary>
    Warning,

    /// <summary>A hint.</summary>
    Info,
}
