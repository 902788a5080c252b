using YamlDotNet.Core;

namespace CoreosDsl.CloudConfig;

/// <summary>A node of a parsed YAML document before any typing: styles, tags and positions as written.</summary>
internal abstract class YamlTreeNode
{
    protected YamlTreeNode(Mark start) => Start = start;

    /// <summary>Where the node starts (1-based line and column).</summary>
    public Mark Start { get; }
}

/// <summary>A scalar exactly as written.</summary>
internal sealed class YamlTreeScalar : YamlTreeNode
{
    public YamlTreeScalar(Mark start, string text, ScalarStyle style, string? tag)
        : base(start)
    {
        Text = text;
        Style = style;
        Tag = tag;
    }

    /// <summary>The scalar's content after unescaping and folding.</summary>
    public string Text { get; }

    /// <summary>Plain, quoted, literal or folded.</summary>
    public ScalarStyle Style { get; }

    /// <summary>The explicit tag in short form (<c>!!binary</c>), or null.</summary>
    public string? Tag { get; }

    /// <summary>Whether the type comes from the text (plain and untagged); quoted and block scalars are strings.</summary>
    public bool IsImplicit => Tag is null && Style == ScalarStyle.Plain;

    /// <summary>The kind the scalar gets under <paramref name="dialect"/>.</summary>
    public YamlValueKind Resolve(CloudConfigDialect dialect) => Tag switch
    {
        null when Style == ScalarStyle.Plain => PlainScalarResolver.Resolve(Text, dialect),
        null => YamlValueKind.String,
        "!!str" or "!!binary" => YamlValueKind.String,
        "!!bool" => YamlValueKind.Bool,
        "!!int" => YamlValueKind.Int,
        "!!float" => YamlValueKind.Float,
        "!!null" => YamlValueKind.Null,
        "!!timestamp" when dialect == CloudConfigDialect.Flatcar => YamlValueKind.Timestamp,
        _ => YamlValueKind.String,
    };
}

/// <summary>A mapping entry: the key scalar and its value.</summary>
internal sealed record YamlTreeEntry(YamlTreeScalar Key, YamlTreeNode Value);

/// <summary>A mapping in document order.</summary>
internal sealed class YamlTreeMapping(Mark start) : YamlTreeNode(start)
{
    public List<YamlTreeEntry> Entries { get; } = [];
}

/// <summary>A sequence.</summary>
internal sealed class YamlTreeSequence(Mark start) : YamlTreeNode(start)
{
    public List<YamlTreeNode> Items { get; } = [];
}
