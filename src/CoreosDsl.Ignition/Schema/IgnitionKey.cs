namespace CoreosDsl.Ignition.Schema;

/// <summary>The JSON type of an Ignition key.</summary>
public enum IgnitionValueType
{
    /// <summary>A string (or null).</summary>
    String,

    /// <summary>true or false (or null).</summary>
    Bool,

    /// <summary>An integer (or null).</summary>
    Int,

    /// <summary>An array of strings.</summary>
    StringList,

    /// <summary>An object.</summary>
    Object,

    /// <summary>An array of objects.</summary>
    ObjectList,
}

/// <summary>One key of the Ignition spec, from <c>generators/schemas/ignition.schema</c>.</summary>
/// <param name="Path">The dotted path; <c>[]</c> marks list items (<c>storage.files[].path</c>).</param>
/// <param name="Type">The JSON type.</param>
/// <param name="Format">The format the value is checked with, or null.</param>
/// <param name="Values">The values an enumerated string accepts, or null.</param>
/// <param name="Required">Whether the enclosing object needs the key.</param>
/// <param name="ItemKey">For a list of objects: the child that identifies an item.</param>
/// <param name="Since">The spec version that added the key, when later than 3.3.0 (<c>3.4.0</c>), else null.</param>
public sealed record IgnitionKey(
    string Path, IgnitionValueType Type, string? Format, IReadOnlyList<string>? Values, bool Required, string? ItemKey, string? Since = null)
{
    /// <summary>The last segment of the path: the JSON key.</summary>
    public string Name => Path[(Path.LastIndexOf('.') + 1)..];
}
