namespace CoreosDsl.CloudConfig.Validation;

/// <summary>When a report counts as a failure (its exit code is 1).</summary>
public enum ValidationFailureMode
{
    /// <summary>Like <c>coreos-cloudinit -validate</c>: any entry, of any severity, fails.</summary>
    AnyEntry,

    /// <summary>Only errors fail; warnings and infos are printed but pass.</summary>
    ErrorsOnly,
}
