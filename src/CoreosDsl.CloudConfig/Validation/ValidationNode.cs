using System.Text;
using CoreosDsl.CloudConfig.Schema;
using YamlDotNet.Core;

namespace CoreosDsl.CloudConfig.Validation;

/// <summary>The Go kind of a value in coreos-cloudinit's validation tree (<c>reflect.Kind</c>).</summary>
internal enum GoKind
{
    /// <summary>No value: a key with a null/empty value (<c>coreos:</c>).</summary>
    Invalid,
    String,
    Int,
    Float,
    Bool,

    /// <summary>A yaml.v3 timestamp, a <c>time.Time</c> struct.</summary>
    Struct,
    Map,
    Slice,
}

/// <summary>
/// A node of the validator's tree, built like coreos-cloudinit builds it: the untyped parse with text-searched
/// lines and normalized names, with leaves then replaced by the typed parse's values where the kinds are compatible.
/// </summary>
internal sealed class ValidationNode
{
    /// <summary>The name after "-" → "_" (<c>reboot_strategy</c>, <c>units[0]</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The name as written (<c>reboot-strategy</c>).</summary>
    public required string RawName { get; init; }

    /// <summary>The line by coreos-cloudinit's text search (0 when not found).</summary>
    public required int Line { get; init; }

    /// <summary>The Go kind of the value.</summary>
    public GoKind Kind { get; set; }

    /// <summary>The scalar's text (for strings after typing: the raw text, as the typed decoder keeps it).</summary>
    public string Text { get; set; } = "";

    /// <summary>The bytes of a string value (differs from UTF-8 of <see cref="Text"/> for <c>!!binary</c>).</summary>
    public byte[]? Bytes { get; set; }

    /// <summary>Children in document order (mapping keys or list items).</summary>
    public List<ValidationNode> Children { get; } = [];

    /// <summary>The key scalar in the document (null for the root and list items).</summary>
    public YamlTreeScalar? KeySource { get; init; }

    /// <summary>The value node in the document.</summary>
    public YamlTreeNode? ValueSource { get; init; }

    /// <summary>Whether the node has a value (Go's <c>reflect.Value.IsValid</c>).</summary>
    public bool IsValid => Kind != GoKind.Invalid;

    /// <summary>The child named <paramref name="name"/> (normalized), or null.</summary>
    public ValidationNode? Child(string name) => Children.FirstOrDefault(c => c.Name == name);

    /// <summary>Go's <c>reflect.Value.String()</c>: the text for strings, <c>&lt;int Value&gt;</c> and so on otherwise.</summary>
    public string GoString => Kind switch
    {
        GoKind.String => Text,
        GoKind.Invalid => "<invalid Value>",
        GoKind.Int => "<int Value>",
        GoKind.Float => "<float64 Value>",
        GoKind.Bool => "<bool Value>",
        GoKind.Struct => "<time.Time Value>",
        GoKind.Map => "<map[interface {}]interface {} Value>",
        _ => "<[]interface {} Value>",
    };

    /// <summary>The bytes Go's <c>c.String()</c> hands to the content decoder.</summary>
    public byte[] GoBytes => Kind == GoKind.String && Bytes is not null ? Bytes : Encoding.UTF8.GetBytes(GoString);

    /// <summary>Go's <c>%v</c> of the value, for "invalid value ..." messages.</summary>
    public string GoValueText => Kind is GoKind.String or GoKind.Int or GoKind.Float or GoKind.Bool ? Text : GoString;

    /// <summary>Whether the value is Go's zero value (skipped by the pattern check).</summary>
    public bool IsZero => Kind switch
    {
        GoKind.String => Text.Length == 0,
        GoKind.Bool => Text == "false",
        GoKind.Int or GoKind.Float => double.TryParse(Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && d == 0,
        _ => false,
    };

    /// <summary>The 1-based column of the key (or of the item) on <paramref name="line"/>, when the parser put it there.</summary>
    public int? KeyColumn(int line)
    {
        var mark = KeySource?.Start ?? ValueSource?.Start;
        return mark is { } m && m.Line == line ? (int)m.Column : null;
    }

    /// <summary>The 1-based column of the value on <paramref name="line"/>, falling back to the key's.</summary>
    public int? ValueColumn(int line) =>
        ValueSource is { } v && v.Start.Line == line ? (int)v.Start.Column : KeyColumn(line);

    /// <summary>How many characters the caret should underline for the value.</summary>
    public int ValueLength => ValueSource is YamlTreeScalar s && !s.Text.Contains('\n', StringComparison.Ordinal)
        ? s.Text.Length + (s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 2 : 0)
        : 1;

    /// <summary>How many characters the caret should underline for the key.</summary>
    public int KeyLength => KeySource?.Text.Length ?? 1;
}

/// <summary>What the typed decoder left at a position of the tree.</summary>
internal enum TypedState
{
    /// <summary>The value was decoded into its field.</summary>
    Decoded,

    /// <summary>The field exists but was not decoded (Flatcar, dash-form key): it holds the zero value.</summary>
    Zero,

    /// <summary>No typed counterpart (an item of a list that was not decoded).</summary>
    Absent,
}

/// <summary>Builds the validator's tree from the parsed document (coreos-cloudinit's <c>parseCloudConfig</c>).</summary>
internal static class ValidationTreeBuilder
{
    /// <summary>The untyped tree: kinds by the dialect's implicit typing, lines by text search, names normalized.</summary>
    public static ValidationNode BuildUntyped(YamlTreeMapping root, string text, CloudConfigDialect dialect)
    {
        var node = new ValidationNode { Name = "", RawName = "", Line = 0, Kind = GoKind.Map, ValueSource = root };
        AddChildren(node, root, LineLocator.Start(text), dialect);
        return node;
    }

    /// <summary>
    /// Replaces leaf values by what the typed decoder stores (coreos-cloudinit's <c>coerceNodes</c>): a string field
    /// keeps the raw text (<c>0644</c>, <c>off</c>). On Flatcar a dash-form key is not decoded: a struct field under it
    /// holds the zero value (so <c>reboot-strategy: best-effort</c> is not pattern-checked), while the items of a
    /// dash-form list (<c>write-files</c>) have no typed counterpart at all and keep their untyped values.
    /// </summary>
    public static void ApplyTypedValues(ValidationNode node, SchemaSlot slot, TypedState state, CloudConfigDialect dialect)
    {
        if (state == TypedState.Absent)
        {
            return;
        }

        if (node.Children.Count == 0)
        {
            if (node.IsValid && slot.Type is CloudConfigValueType.String or CloudConfigValueType.Bool
                    or CloudConfigValueType.Int or CloudConfigValueType.Float)
            {
                var (kind, text, bytes) = state == TypedState.Decoded ? TypedValue(node, slot.Type, dialect) : ZeroValue(slot.Type);
                if (IsCompatible(node.Kind, kind))
                {
                    node.Kind = kind;
                    node.Text = text;
                    node.Bytes = bytes;
                }
            }

            return;
        }

        if (node.Kind == GoKind.Map && slot.Type == CloudConfigValueType.Object)
        {
            foreach (var child in node.Children)
            {
                if (slot.Child(child.Name) is { } childSlot)
                {
                    var childState = state == TypedState.Decoded && (dialect == CloudConfigDialect.CoreOS || child.RawName == child.Name)
                        ? TypedState.Decoded
                        : TypedState.Zero;
                    ApplyTypedValues(child, childSlot, childState, dialect);
                }
            }
        }
        else if (node.Kind == GoKind.Slice && slot.Type is CloudConfigValueType.ObjectList or CloudConfigValueType.StringList)
        {
            // A list that was not decoded is an empty slice: its items have nothing to be replaced by.
            var itemState = state == TypedState.Decoded ? TypedState.Decoded : TypedState.Absent;
            foreach (var item in node.Children)
            {
                ApplyTypedValues(item, slot.Item(), itemState, dialect);
            }
        }
    }

    /// <summary>coreos-cloudinit's <c>isCompatible(n, g)</c>: may a value of kind <paramref name="n"/> stand where <paramref name="g"/> is wanted.</summary>
    public static bool IsCompatible(GoKind n, GoKind g) => g switch
    {
        GoKind.String => n is GoKind.String or GoKind.Int or GoKind.Float or GoKind.Bool,
        GoKind.Struct => n is GoKind.Struct or GoKind.Map,
        GoKind.Float => n is GoKind.Float or GoKind.Int,
        _ => n == g,
    };

    /// <summary>The Go kind of a schema type.</summary>
    public static GoKind KindOf(CloudConfigValueType type) => type switch
    {
        CloudConfigValueType.String => GoKind.String,
        CloudConfigValueType.Bool => GoKind.Bool,
        CloudConfigValueType.Int => GoKind.Int,
        CloudConfigValueType.Float => GoKind.Float,
        CloudConfigValueType.Object => GoKind.Struct,
        _ => GoKind.Slice,
    };

    private static (GoKind, string, byte[]?) TypedValue(ValidationNode node, CloudConfigValueType type, CloudConfigDialect dialect)
    {
        var scalar = node.ValueSource as YamlTreeScalar;
        switch (type)
        {
            case CloudConfigValueType.String:
                return scalar is null ? ZeroValue(type) : (GoKind.String, node.Kind == GoKind.String ? node.Text : scalar.Text, node.Bytes);
            case CloudConfigValueType.Bool:
                if (node.Kind == GoKind.Bool)
                {
                    return (GoKind.Bool, node.Text, null);
                }

                // yaml.v3 accepts the YAML 1.1 words when decoding into a bool field.
                if (dialect == CloudConfigDialect.Flatcar && node.Kind == GoKind.String
                    && PlainScalarResolver.TryParseYaml11Bool(node.Text, out var b))
                {
                    return (GoKind.Bool, b ? "true" : "false", null);
                }

                return ZeroValue(type);
            case CloudConfigValueType.Int:
                return node.Kind == GoKind.Int || (dialect == CloudConfigDialect.Flatcar && node.Kind == GoKind.Float)
                    ? (GoKind.Int, node.Text, null)
                    : ZeroValue(type);
            default:
                return node.Kind is GoKind.Int or GoKind.Float ? (GoKind.Float, node.Text, null) : ZeroValue(type);
        }
    }

    private static (GoKind, string, byte[]?) ZeroValue(CloudConfigValueType type) => type switch
    {
        CloudConfigValueType.String => (GoKind.String, "", null),
        CloudConfigValueType.Bool => (GoKind.Bool, "false", null),
        CloudConfigValueType.Int => (GoKind.Int, "0", null),
        _ => (GoKind.Float, "0", null),
    };

    private static void AddChildren(ValidationNode node, YamlTreeNode source, LineLocator at, CloudConfigDialect dialect)
    {
        switch (source)
        {
            case YamlTreeMapping mapping:
                foreach (var (key, value) in mapping.Entries)
                {
                    var (found, ok) = at.FindKey(key.Text);
                    var child = Create(key.Text, ok ? found.LineNumber : 0, key, value, dialect);
                    AddChildren(child, value, found, dialect);

                    // Go map semantics: a repeated key (go-yaml v1 allows it) replaces the earlier value.
                    var existing = node.Children.FindIndex(c => c.RawName == key.Text);
                    if (existing >= 0)
                    {
                        node.Children[existing] = child;
                    }
                    else
                    {
                        node.Children.Add(child);
                    }
                }

                break;
            case YamlTreeSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    (at, var ok) = at.FindItem();
                    var item = Create($"{node.RawName}[{i}]", ok ? at.LineNumber : 0, null, sequence.Items[i], dialect);
                    AddChildren(item, sequence.Items[i], at, dialect);
                    node.Children.Add(item);
                    at = at.Next();
                }

                break;
        }
    }

    private static ValidationNode Create(string rawName, int line, YamlTreeScalar? key, YamlTreeNode value, CloudConfigDialect dialect)
    {
        var node = new ValidationNode
        {
            Name = rawName.Replace('-', '_'),
            RawName = rawName,
            Line = line,
            KeySource = key,
            ValueSource = value,
        };
        switch (value)
        {
            case YamlTreeMapping:
                node.Kind = GoKind.Map;
                break;
            case YamlTreeSequence:
                node.Kind = GoKind.Slice;
                break;
            case YamlTreeScalar scalar:
                node.Kind = scalar.Resolve(dialect) switch
                {
                    YamlValueKind.Null => GoKind.Invalid,
                    YamlValueKind.Bool => GoKind.Bool,
                    YamlValueKind.Int => GoKind.Int,
                    YamlValueKind.Float => GoKind.Float,
                    YamlValueKind.Timestamp => GoKind.Struct,
                    _ => GoKind.String,
                };
                node.Text = node.Kind == GoKind.Bool
                    ? (PlainScalarResolver.TryParseYaml11Bool(scalar.Text, out var b) && b ? "true" : "false")
                    : scalar.Text;
                if (scalar.Tag == "!!binary")
                {
                    // Checked by the caller: a !!binary that is not base64 fails the whole parse.
                    GoContentDecoder.TryDecodeBase64(Encoding.UTF8.GetBytes(scalar.Text), out var data);
                    node.Bytes = data;
                }

                break;
        }

        return node;
    }
}
