namespace CoreosDsl.CloudConfig;

/// <summary>What a YAML library makes of a scalar after implicit typing (a superset of <see cref="ScalarKind"/>).</summary>
internal enum YamlValueKind
{
    Null,
    Bool,
    Int,
    Float,

    /// <summary>yaml.v3 only: a plain <c>2001-12-14</c> decodes to a Go <c>time.Time</c> (a struct).</summary>
    Timestamp,

    String,
}
