namespace CoreosDsl.CloudConfig;

/// <summary>
/// A node of a cloud-config document: what the typed builders produce, what the YAML writer emits and what the
/// reader and validator work on. Mappings keep their keys in insertion order, so output is deterministic.
/// </summary>
public abstract class ConfigNode
{
    /// <summary>The 1-based line the node starts on when it was read from text; 0 when built in code.</summary>
    public int Line { get; init; }

    /// <summary>The 1-based column the node starts at when it was read from text; 0 when built in code.</summary>
    public int Column { get; init; }

    /// <summary>Structural equality: same shape, same keys in any order, same scalar kinds and texts.</summary>
    public abstract bool DeepEquals(ConfigNode? other);
}
