using System.Globalization;

namespace CoreosDsl.Ignition.Validation;

/// <summary>
/// A value of the config as Ignition's Go structs hold it after decoding: keys matched to fields (case-insensitively,
/// as Go's decoder does), a repeated key merged into or replacing the earlier one, null meaning "not set". Each
/// node knows its place as ignition-validate names it (<c>$.storage.files.0</c>) and the JSON it came from.
/// </summary>
internal sealed class ConfigNode
{
    public ConfigNode(string path, JsonValue? json)
    {
        Path = path;
        Json = json;
    }

    /// <summary>ignition-validate's name for the place: <c>$.storage.files.0.path</c>.</summary>
    public string Path { get; }

    /// <summary>The JSON value (the last one, for a repeated key), or null for a struct the config does not write.</summary>
    public JsonValue? Json { get; set; }

    /// <summary>The fields that are set, by their JSON name.</summary>
    public Dictionary<string, ConfigNode> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>The items of a list.</summary>
    public List<ConfigNode> Items { get; } = [];

    /// <summary>A string, an integer's digits or <c>true</c>/<c>false</c>.</summary>
    public string? Text { get; set; }

    /// <summary>Whether the field is set (present and not null).</summary>
    public bool Has(string name) => Fields.ContainsKey(name);

    /// <summary>The string field, or null when it is not set (Go's nil pointer).</summary>
    public string? Str(string name) => Fields.TryGetValue(name, out var f) ? f.Text : null;

    /// <summary>Whether the string field is set to something other than "" (Ignition's <c>util.NotEmpty</c>).</summary>
    public bool NotEmpty(string name) => !string.IsNullOrEmpty(Str(name));

    /// <summary>The integer field, or null.</summary>
    public long? Int(string name) => Str(name) is { } s ? long.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : null;

    /// <summary>Whether the boolean field is set to true.</summary>
    public bool IsTrue(string name) => Str(name) == "true";

    /// <summary>Whether the boolean field is set to false.</summary>
    public bool IsFalse(string name) => Str(name) == "false";

    /// <summary>The object field; an empty one (Go's zero struct) when it is not set.</summary>
    public ConfigNode Obj(string name) => Fields.TryGetValue(name, out var f) ? f : new ConfigNode($"{Path}.{name}", null);

    /// <summary>The items of the list field; none when it is not set.</summary>
    public IReadOnlyList<ConfigNode> List(string name) => Fields.TryGetValue(name, out var f) ? f.Items : [];
}
