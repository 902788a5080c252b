namespace CoreosDsl.Systemd;

/// <summary>How a unit file spells booleans; systemd reads both, <c>yes</c>/<c>no</c> is the default.</summary>
public enum BooleanSpelling
{
    /// <summary><c>yes</c> / <c>no</c>.</summary>
    YesNo,
    /// <summary><c>true</c> / <c>false</c>, for units that must match existing text byte for byte.</summary>
    TrueFalse,
}
