using System.Globalization;
using CoreosDsl.Ignition.Schema;

namespace CoreosDsl.Ignition.Validation;

/// <summary>A value of the wrong JSON type: Go's decoder stops the whole config at the first one.</summary>
internal sealed class IgnitionTypeException(string message, JsonValue value, string path) : Exception(message)
{
    public JsonValue Value { get; } = value;

    public string Path { get; } = path;
}

/// <summary>
/// Decodes a JSON document into <see cref="ConfigNode"/>s the way <c>encoding/json</c> decodes it into Ignition's
/// structs for one spec version: keys match fields exactly or else case-insensitively, unknown keys are skipped,
/// a repeated object key merges into the earlier value, null leaves a field unset, and the first value of the
/// wrong type fails the document.
/// </summary>
internal sealed class IgnitionDecoder
{
    private readonly Dictionary<string, List<IgnitionKey>> children = new(StringComparer.Ordinal);

    public IgnitionDecoder(string version)
    {
        foreach (var key in IgnitionSchema.Keys.Where(k => IgnitionSpecVersions.Has(k.Path, version)))
        {
            var parent = ParentOf(key.Path);
            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }

            list.Add(key);
        }
    }

    /// <summary>The keys an object at <paramref name="schemaPath"/> has (<c>""</c> for the root, <c>storage.files[]</c>).</summary>
    public IReadOnlyList<IgnitionKey> ChildrenOf(string schemaPath) => children.TryGetValue(schemaPath, out var list) ? list : [];

    /// <summary>Decodes the root object.</summary>
    public ConfigNode DecodeRoot(JsonValue root) => DecodeObject(root, "", "$", null) ?? new ConfigNode("$", root);

    /// <summary>The key a JSON member of an object at <paramref name="schemaPath"/> fills, as Go matches it.</summary>
    public IgnitionKey? Match(string schemaPath, string jsonKey)
    {
        var keys = ChildrenOf(schemaPath);
        return keys.FirstOrDefault(k => k.Name == jsonKey) ?? keys.FirstOrDefault(k => FoldEquals(jsonKey, k.Name));
    }

    /// <summary>
    /// Whether Go's decoder matches the JSON key <paramref name="jsonKey"/> to the field <paramref name="field"/>
    /// (an ASCII name): the same letters in any case, where the Kelvin sign stands for k and the long s for s.
    /// </summary>
    public static bool FoldEquals(string jsonKey, string field)
    {
        if (jsonKey.Length != field.Length)
        {
            return false;
        }

        for (var i = 0; i < field.Length; i++)
        {
            var (c, f) = (jsonKey[i], char.ToLowerInvariant(field[i]));
            var folded = c switch
            {
                '\u212A' => 'k',
                '\u017F' => 's',
                < '\u0080' => char.ToLowerInvariant(c),
                _ => c,
            };
            if (folded != f)
            {
                return false;
            }
        }

        return true;
    }

    private static string ParentOf(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? "" : path[..dot];
    }

    private ConfigNode? DecodeObject(JsonValue value, string schemaPath, string path, ConfigNode? into)
    {
        if (value.Kind == JsonKind.Null)
        {
            return into; // null into a struct changes nothing
        }

        if (value.Kind != JsonKind.Object)
        {
            throw TypeError(value, schemaPath, "struct", path);
        }

        var node = into ?? new ConfigNode(path, value);
        node.Json = value;
        foreach (var member in value.Members)
        {
            if (Match(schemaPath, member.Key) is not { } key)
            {
                continue;
            }

            var childPath = $"{path}.{key.Name}";
            node.Fields.TryGetValue(key.Name, out var existing);
            ConfigNode? decoded;
            switch (key.Type)
            {
                case IgnitionValueType.Object:
                    decoded = DecodeObject(member.Value, key.Path, childPath, existing);
                    break;
                case IgnitionValueType.ObjectList or IgnitionValueType.StringList:
                    decoded = DecodeList(member.Value, key, childPath);
                    break;
                default:
                    decoded = DecodeScalar(member.Value, key, childPath);
                    break;
            }

            if (decoded is null)
            {
                node.Fields.Remove(key.Name);
            }
            else
            {
                node.Fields[key.Name] = decoded;
            }
        }

        return node;
    }

    private ConfigNode? DecodeList(JsonValue value, IgnitionKey key, string path)
    {
        if (value.Kind == JsonKind.Null)
        {
            return null;
        }

        if (value.Kind != JsonKind.Array)
        {
            throw TypeError(value, key.Path, key.Type == IgnitionValueType.StringList ? "[]string" : "[]struct", path);
        }

        var list = new ConfigNode(path, value);
        for (var i = 0; i < value.Items.Count; i++)
        {
            var item = value.Items[i];
            var itemPath = $"{path}.{i.ToString(CultureInfo.InvariantCulture)}";
            if (key.Type == IgnitionValueType.ObjectList)
            {
                // A null item is a zero struct, which is validated like any other.
                list.Items.Add(DecodeObject(item, key.Path + "[]", itemPath, null) ?? new ConfigNode(itemPath, item));
            }
            else if (item.Kind == JsonKind.Null)
            {
                list.Items.Add(new ConfigNode(itemPath, item) { Text = "" });
            }
            else if (item.Kind != JsonKind.String)
            {
                throw TypeError(item, key.Path, "string", itemPath);
            }
            else
            {
                list.Items.Add(new ConfigNode(itemPath, item) { Text = item.Text });
            }
        }

        return list;
    }

    private static ConfigNode? DecodeScalar(JsonValue value, IgnitionKey key, string path)
    {
        if (value.Kind == JsonKind.Null)
        {
            return null;
        }

        var ok = key.Type switch
        {
            IgnitionValueType.String => value.Kind == JsonKind.String,
            IgnitionValueType.Bool => value.Kind == JsonKind.Bool,
            _ => value.Kind == JsonKind.Number,
        };
        var goType = key.Type switch { IgnitionValueType.String => "string", IgnitionValueType.Bool => "bool", _ => "int" };
        if (!ok)
        {
            throw TypeError(value, key.Path, goType, path);
        }

        if (key.Type == IgnitionValueType.Int && !long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            throw new IgnitionTypeException(
                $"json: cannot unmarshal number {value.Text} into Go struct field {GoFieldPath(key.Path)} of type int", value, path);
        }

        return new ConfigNode(path, value) { Text = value.Text };
    }

    private static IgnitionTypeException TypeError(JsonValue value, string schemaPath, string goType, string path) =>
        new(schemaPath.Length == 0
                ? $"json: cannot unmarshal {value.GoKindName} into Go value of type types.Config"
                : $"json: cannot unmarshal {value.GoKindName} into Go struct field {GoFieldPath(schemaPath)} of type {goType}",
            value, path);

    private static string GoFieldPath(string schemaPath) => schemaPath.Replace("[]", "", StringComparison.Ordinal);
}
