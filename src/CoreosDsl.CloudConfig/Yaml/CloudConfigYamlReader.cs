using System.Text;

namespace CoreosDsl.CloudConfig;

/// <summary>Turns a parsed document into the <see cref="ConfigNode"/> model, typing scalars as the dialect's library does.</summary>
internal static class CloudConfigYamlReader
{
    public static ConfigMapping Read(string text, CloudConfigDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = YamlTreeParser.Parse(text);
        YamlTagRules.Check(root, dialect);
        return root switch
        {
            null => new ConfigMapping { Line = 1, Column = 1 },
            YamlTreeMapping m => (ConfigMapping)Convert(m, dialect),
            YamlTreeScalar { IsImplicit: true } s when s.Resolve(dialect) == YamlValueKind.Null => new ConfigMapping { Line = 1, Column = 1 },
            _ => throw new YamlSyntaxException((int)root.Start.Line, (int)root.Start.Column,
                $"the document is a {Describe(root)}; a cloud-config is a mapping of keys (\"coreos:\", \"write_files:\", ...)"),
        };
    }

    private static ConfigNode Convert(YamlTreeNode node, CloudConfigDialect dialect)
    {
        var line = (int)node.Start.Line;
        var column = (int)node.Start.Column;
        switch (node)
        {
            case YamlTreeMapping mapping:
            {
                var result = new ConfigMapping { Line = line, Column = column };
                foreach (var (key, value) in mapping.Entries)
                {
                    if (result.TryGet(key.Text, out _) && dialect == CloudConfigDialect.Flatcar)
                    {
                        // yaml.v3 rejects duplicate keys; go-yaml v1 lets the last one win.
                        throw new YamlSyntaxException((int)key.Start.Line, (int)key.Start.Column,
                            $"mapping key \"{key.Text}\" already defined at line {result.KeyLine(key.Text)}");
                    }

                    result.Set(key.Text, Convert(value, dialect), (int)key.Start.Line);
                }

                return result;
            }

            case YamlTreeSequence sequence:
                return new ConfigSequence(sequence.Items.Select(i => Convert(i, dialect))) { Line = line, Column = column };
            case YamlTreeScalar scalar:
                return ToScalar(scalar, dialect, line, column);
            default:
                throw new InvalidOperationException($"unknown node {node.GetType().Name}");
        }
    }

    private static ConfigScalar ToScalar(YamlTreeScalar scalar, CloudConfigDialect dialect, int line, int column)
    {
        if (scalar.Tag == "!!binary")
        {
            return new ConfigScalar(scalar.Text, ScalarKind.String) { Tag = scalar.Tag, Line = line, Column = column };
        }

        var (value, kind) = scalar.Resolve(dialect) switch
        {
            YamlValueKind.Null => ("", ScalarKind.Null),
            YamlValueKind.Bool => (ParseBool(scalar.Text) ? "true" : "false", ScalarKind.Bool),
            YamlValueKind.Int => (scalar.Text, ScalarKind.Int),
            YamlValueKind.Float => (scalar.Text, ScalarKind.Float),
            _ => (scalar.Text, ScalarKind.String),
        };
        return new ConfigScalar(value, kind) { Line = line, Column = column };
    }

    private static bool ParseBool(string text) =>
        PlainScalarResolver.TryParseYaml11Bool(text, out var b) ? b : throw new FormatException($"\"{text}\" is not a boolean");

    private static string Describe(YamlTreeNode node) => node switch
    {
        YamlTreeSequence => "sequence",
        YamlTreeScalar s => $"scalar (\"{Shorten(s.Text)}\")",
        _ => "mapping",
    };

    private static string Shorten(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.Take(40))
        {
            sb.Append(char.IsControl(c) ? ' ' : c);
        }

        return text.Length > 40 ? sb + "…" : sb.ToString();
    }
}
