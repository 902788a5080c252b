namespace CoreosDsl.CloudConfig.Schema;

/// <summary>The value type of a cloud-config key, as coreos-cloudinit's Go structs declare it.</summary>
public enum CloudConfigValueType
{
    /// <summary><c>string</c>: accepts any scalar (the raw text is kept).</summary>
    String,
    /// <summary><c>bool</c>.</summary>
    Bool,
    /// <summary><c>int</c>.</summary>
    Int,
    /// <summary><c>float64</c>: accepts ints and floats.</summary>
    Float,
    /// <summary><c>[]string</c>.</summary>
    StringList,
    /// <summary>A struct: a mapping of further keys.</summary>
    Object,
    /// <summary><c>[]struct</c>: a sequence of mappings.</summary>
    ObjectList,
}

/// <summary>
/// One key of the cloud-config schema (<c>generators/schemas/cloud-config.schema</c>).
/// </summary>
/// <param name="Path">Dotted path; <c>[]</c> marks list items (<c>coreos.units[].name</c>).</param>
/// <param name="Type">The value type.</param>
/// <param name="DashForm">The dash spelling coreos (not Flatcar) also accepts, if any.</param>
/// <param name="ValidPattern">The validator's regular expression (Go RE2 syntax), if any.</param>
/// <param name="Deprecated">The deprecation text the validator prints, if the key is deprecated.</param>
/// <param name="Format">A refinement the builders and analyzers check (<c>url</c>, <c>file-mode</c>, …), if any.</param>
/// <param name="Enum">The generated enum the typed builder takes, if any.</param>
/// <param name="Required">coreos-cloudinit skips the item at apply time when this key is empty.</param>
/// <param name="Default">The value used when the key is absent, if documented.</param>
/// <param name="Documentation">What coreos-cloudinit does with the key.</param>
public sealed record CloudConfigKey(
    string Path,
    CloudConfigValueType Type,
    string? DashForm,
    string? ValidPattern,
    string? Deprecated,
    string? Format,
    string? Enum,
    bool Required,
    string? Default,
    string? Documentation)
{
    /// <summary>The last segment of the path (<c>name</c> for <c>coreos.units[].name</c>).</summary>
    public string Name => Path[(Path.LastIndexOf('.') + 1)..];

    /// <summary>The parent path (<c>coreos.units[]</c>), or the empty string for a top-level key.</summary>
    public string ParentPath => Path.LastIndexOf('.') is var i and >= 0 ? Path[..i] : "";
}
