using CoreosDsl.CloudConfig.Schema;

namespace CoreosDsl.CloudConfig.Validation;

/// <summary>
/// What yaml.v3 reports when Flatcar's coreos-cloudinit decodes the document into its typed structs: the
/// "cannot unmarshal !!int `4` into bool" type errors that make Flatcar reject the whole user-data. Only exact
/// (underscore) key names are decoded; unknown keys and nulls are ignored; a bool field also takes the YAML 1.1 words.
/// </summary>
internal static class FlatcarTypedDecoder
{
    /// <summary>The type errors, in document order, as <c>(line, "cannot unmarshal ...")</c>.</summary>
    public static List<(int Line, string Message)> Check(YamlTreeMapping root)
    {
        var errors = new List<(int, string)>();
        Decode(root, SchemaSlot.Root, errors);
        return errors;
    }

    private static void Decode(YamlTreeNode node, SchemaSlot slot, List<(int, string)> errors)
    {
        if (node is YamlTreeScalar s && s.Resolve(CloudConfigDialect.Flatcar) == YamlValueKind.Null)
        {
            return;
        }

        switch (slot.Type)
        {
            case CloudConfigValueType.Object when node is YamlTreeMapping mapping:
                foreach (var (key, value) in mapping.Entries)
                {
                    if (slot.Child(key.Text) is { } child)
                    {
                        Decode(value, child, errors);
                    }
                }

                return;
            case CloudConfigValueType.ObjectList or CloudConfigValueType.StringList when node is YamlTreeSequence sequence:
                foreach (var item in sequence.Items)
                {
                    Decode(item, slot.Item(), errors);
                }

                return;
            case CloudConfigValueType.String when node is YamlTreeScalar:
                return;
            case CloudConfigValueType.Bool when node is YamlTreeScalar b && Accepts(b, slot.Type):
            case CloudConfigValueType.Int when node is YamlTreeScalar i && Accepts(i, slot.Type):
            case CloudConfigValueType.Float when node is YamlTreeScalar f && Accepts(f, slot.Type):
                return;
        }

        errors.Add(((int)node.Start.Line, $"cannot unmarshal {Describe(node)} into {slot.GoTypeName}"));
    }

    private static bool Accepts(YamlTreeScalar scalar, CloudConfigValueType type)
    {
        var kind = scalar.Resolve(CloudConfigDialect.Flatcar);
        return type switch
        {
            // yaml.v3's compatibility list for bool fields: the 1.1 words, but not a quoted "true"/"false".
            CloudConfigValueType.Bool => kind == YamlValueKind.Bool
                || (kind == YamlValueKind.String && scalar.Text is "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON"
                    or "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF"),
            CloudConfigValueType.Int => kind is YamlValueKind.Int or YamlValueKind.Float,
            _ => kind is YamlValueKind.Int or YamlValueKind.Float,
        };
    }

    // yaml.v3's terror text: the tag, then the value in backquotes (cut to 7 characters and "..." past 10).
    private static string Describe(YamlTreeNode node)
    {
        switch (node)
        {
            case YamlTreeMapping:
                return "!!map";
            case YamlTreeSequence:
                return "!!seq";
            default:
                var scalar = (YamlTreeScalar)node;
                var tag = scalar.Tag ?? scalar.Resolve(CloudConfigDialect.Flatcar) switch
                {
                    YamlValueKind.Bool => "!!bool",
                    YamlValueKind.Int => "!!int",
                    YamlValueKind.Float => "!!float",
                    YamlValueKind.Timestamp => "!!timestamp",
                    YamlValueKind.Null => "!!null",
                    _ => "!!str",
                };
                var value = scalar.Text.Length > 10 ? scalar.Text[..7] + "..." : scalar.Text;
                return $"{tag} `{value}`";
        }
    }
}
