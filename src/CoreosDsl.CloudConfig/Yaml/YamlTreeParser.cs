using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CoreosDsl.CloudConfig;

/// <summary>
/// Parses the first YAML document of a text into <see cref="YamlTreeNode"/>s with YamlDotNet's parser (Go's
/// <c>yaml.Unmarshal</c> also reads only the first document). Aliases are resolved to their anchored node.
/// </summary>
internal static class YamlTreeParser
{
    /// <summary>The root node, or null for a document with no content (only comments).</summary>
    /// <exception cref="YamlSyntaxException">The text is not well-formed YAML.</exception>
    public static YamlTreeNode? Parse(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YamlTreeNode>(StringComparer.Ordinal);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = parser.Accept<DocumentEnd>(out _) ? null : ReadNode(parser, anchors);
            parser.Consume<DocumentEnd>();
            return root;
        }
        catch (YamlException e)
        {
            var line = e.Start.Line > 0 ? (int)e.Start.Line : 1;
            var column = e.Start.Column > 0 ? (int)e.Start.Column : 1;
            var problem = StripPosition(e.Message);
            if (problem.Contains("could not find expected ':'", StringComparison.Ordinal))
            {
                // YamlDotNet points where it gave up (often the end of the text); libyaml and both Go libraries point
                // at the would-be key, i.e. the last line with content at or before that point.
                (line, column) = LastContentLineAtOrBefore(text, line);
            }

            throw new YamlSyntaxException(line, column, problem);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this on some malformed flow collections ("a: [b\nc: d"); report it at the
            // last position the parser reached.
            var at = parser.Current?.End ?? Mark.Empty;
            throw new YamlSyntaxException(Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column),
                $"malformed YAML near here (YamlDotNet: {e.Message})");
        }
    }

    private static YamlTreeNode ReadNode(IParser parser, Dictionary<string, YamlTreeNode> anchors)
    {
        var current = parser.Current ?? throw new YamlException("unexpected end of the YAML stream");
        switch (current)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                return anchors.TryGetValue(alias.Value.Value, out var target)
                    ? target
                    : throw new YamlException(alias.Start, alias.End, $"unknown anchor '{alias.Value.Value}' referenced");
            case Scalar scalar:
                parser.MoveNext();
                var node = new YamlTreeScalar(scalar.Start, scalar.Value, scalar.Style, ShortTag(scalar.Tag));
                Remember(anchors, scalar.Anchor, node);
                return node;
            case SequenceStart start:
            {
                parser.MoveNext();
                var sequence = new YamlTreeSequence(start.Start);
                Remember(anchors, start.Anchor, sequence);
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    sequence.Items.Add(ReadNode(parser, anchors));
                }

                return sequence;
            }

            case MappingStart start:
            {
                parser.MoveNext();
                var mapping = new YamlTreeMapping(start.Start);
                Remember(anchors, start.Anchor, mapping);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = parser.Current!;
                    var key = ReadNode(parser, anchors) as YamlTreeScalar
                        ?? throw new YamlException(keyEvent.Start, keyEvent.End,
                            "a mapping key is a mapping or sequence; cloud-config keys are plain names");
                    mapping.Entries.Add(new(key, ReadNode(parser, anchors)));
                }

                return mapping;
            }

            default:
                throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }
    }

    private static void Remember(Dictionary<string, YamlTreeNode> anchors, AnchorName anchor, YamlTreeNode node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    private static string? ShortTag(TagName tag)
    {
        if (tag.IsEmpty || tag.IsNonSpecific)
        {
            return null;
        }

        const string prefix = "tag:yaml.org,2002:";
        return tag.Value.StartsWith(prefix, StringComparison.Ordinal) ? "!!" + tag.Value[prefix.Length..] : tag.Value;
    }

    private static (int Line, int Column) LastContentLineAtOrBefore(string text, int line)
    {
        var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        for (var i = Math.Min(line, lines.Length) - 1; i >= 0; i--)
        {
            var content = lines[i].TrimStart(' ');
            if (content.Length > 0 && content[0] != '#')
            {
                return (i + 1, lines[i].Length - content.Length + 1);
            }
        }

        return (line, 1);
    }

    // YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: 20) - (Line: ...): "; the exception carries the position.
    private static string StripPosition(string message)
    {
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && i >= 0 ? message[(i + 3)..] : message;
    }
}
