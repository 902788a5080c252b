namespace CoreosDsl.CloudConfig;

/// <summary>
/// Explicitly tagged scalars the dialect's YAML library refuses: <c>!!int abc</c> is not an int, so both go-yaml v1
/// and yaml.v3 fail the whole document ("cannot decode !!str `abc` as a !!int"), where YamlDotNet would keep the text.
/// </summary>
internal static class YamlTagRules
{
    /// <summary>Throws at the first scalar whose tag its text cannot be decoded as.</summary>
    /// <exception cref="YamlSyntaxException">Names the scalar's line and column.</exception>
    public static void Check(YamlTreeNode? root, CloudConfigDialect dialect)
    {
        var seen = new HashSet<YamlTreeNode>(ReferenceEqualityComparer.Instance);
        Walk(root, dialect, seen);
    }

    private static void Walk(YamlTreeNode? node, CloudConfigDialect dialect, HashSet<YamlTreeNode> seen)
    {
        // Aliases share nodes: each is checked once.
        if (node is null || !seen.Add(node))
        {
            return;
        }

        switch (node)
        {
            case YamlTreeScalar scalar:
                Check(scalar, dialect);
                break;
            case YamlTreeMapping mapping:
                foreach (var (key, value) in mapping.Entries)
                {
                    Walk(key, dialect, seen);
                    Walk(value, dialect, seen);
                }

                break;
            case YamlTreeSequence sequence:
                foreach (var item in sequence.Items)
                {
                    Walk(item, dialect, seen);
                }

                break;
        }
    }

    private static void Check(YamlTreeScalar scalar, CloudConfigDialect dialect)
    {
        var wanted = (scalar.Tag, dialect) switch
        {
            ("!!bool", _) => YamlValueKind.Bool,
            ("!!int", _) => YamlValueKind.Int,
            ("!!float", _) => YamlValueKind.Float,
            ("!!null", _) => YamlValueKind.Null,
            ("!!timestamp", CloudConfigDialect.Flatcar) => YamlValueKind.Timestamp,
            _ => (YamlValueKind?)null,
        };
        if (wanted is not { } kind)
        {
            return;
        }

        var resolved = PlainScalarResolver.Resolve(scalar.Text, dialect);

        // yaml.v3 turns an int into a float for !!float; go-yaml v1 does not.
        if (resolved == kind || kind == YamlValueKind.Float && resolved == YamlValueKind.Int && dialect == CloudConfigDialect.Flatcar)
        {
            return;
        }

        throw new YamlSyntaxException((int)scalar.Start.Line, (int)scalar.Start.Column,
            $"cannot decode {TagOf(resolved)} `{scalar.Text}` as a {scalar.Tag}: the tag says {scalar.Tag}, the text is not one; fix the value or remove the tag");
    }

    private static string TagOf(YamlValueKind kind) => kind switch
    {
        YamlValueKind.Null => "!!null",
        YamlValueKind.Bool => "!!bool",
        YamlValueKind.Int => "!!int",
        YamlValueKind.Float => "!!float",
        YamlValueKind.Timestamp => "!!timestamp",
        _ => "!!str",
    };
}
