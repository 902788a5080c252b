using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CoreosDsl.CloudConfig;

/// <summary>
/// Parses the first YAML document of a text into <see cref="YamlTreeNode"/>s with YamlDotNet's parser (Go's
/// <c>yaml.Unmarshal</c> also reads only the first document). Aliases are resolved to their anchored node; alias
/// expansion and nesting depth are bounded by <see cref="YamlExpansionBudget"/>.
/// </summary>
internal static class YamlTreeParser
{
    /// <summary>The root node, or null for a document with no content (only comments).</summary>
    /// <exception cref="YamlSyntaxException">The text is not well-formed YAML.</exception>
    public static YamlTreeNode? Parse(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, Anchored>(StringComparer.Ordinal);
        var budget = new YamlExpansionBudget();
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = parser.Accept<DocumentEnd>(out _) ? null : ReadNode(parser, anchors, budget);
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
                (line, column) = YamlErrorPositions.LastContentLineAtOrBefore(text, line);
            }
            else if (problem.Contains("tab", StringComparison.OrdinalIgnoreCase) && YamlErrorPositions.IndentationTab(text, line) is { } tab)
            {
                // YamlDotNet points at the start of the text or the line before; the tab is what the user must change.
                (line, column) = tab;
                problem = "found a tab character that violates indentation; YAML indents with spaces only: replace the tab with spaces";
            }

            throw new YamlSyntaxException(line, column, problem);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (with a message about its own state) on content after a document end
            // marker and on some malformed flow collections ("a: [b\nc: d"); say which, in the YAML's terms.
            if (YamlErrorPositions.ContentAfterDocumentEnd(text) is { } marker)
            {
                throw new YamlSyntaxException(marker.Line, marker.Column,
                    "did not find expected node content: a lone '...' ends the document, and coreos-cloudinit's YAML library refuses what follows it; remove the '...' line");
            }

            var at = parser.Current?.End ?? Mark.Empty;
            throw new YamlSyntaxException(Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column),
                "did not find expected ',' or ']': a flow collection ('[...]' or '{...}') opened before here is not closed, or holds a misplaced key");
        }
    }

    private static YamlTreeNode ReadNode(IParser parser, Dictionary<string, Anchored> anchors, YamlExpansionBudget budget)
    {
        var (node, _) = ReadNode(parser, anchors, budget, depth: 0);
        return node;
    }

    // Returns the node and how many nodes it stands for once its aliases are expanded (what yaml.v3 decodes).
    private static (YamlTreeNode Node, long Size) ReadNode(IParser parser, Dictionary<string, Anchored> anchors, YamlExpansionBudget budget, int depth)
    {
        var current = parser.Current ?? throw new YamlException("unexpected end of the YAML stream");
        switch (current)
        {
            case AnchorAlias alias:
            {
                parser.MoveNext();
                var name = alias.Value.Value;
                if (!anchors.TryGetValue(name, out var target))
                {
                    throw new YamlException(alias.Start, alias.End, $"unknown anchor '{name}' referenced");
                }

                if (target.Size < 0)
                {
                    throw new YamlException(alias.Start, alias.End, $"anchor '{name}' value contains itself");
                }

                if (!budget.TryAdd(1 + target.Size, target.Size))
                {
                    throw new YamlException(alias.Start, alias.End,
                        $"document contains excessive aliasing ('*{name}' expands it past what coreos-cloudinit's YAML library decodes: an alias bomb); write the repeated values out or use fewer aliases");
                }

                return (target.Node, 1 + target.Size);
            }

            case Scalar scalar:
            {
                parser.MoveNext();
                var node = new YamlTreeScalar(scalar.Start, scalar.Value, scalar.Style, ShortTag(scalar.Tag));
                Count(budget, current);
                Remember(anchors, scalar.Anchor, node, 1);
                return (node, 1);
            }

            case SequenceStart start:
            {
                CheckDepth(start, depth);
                parser.MoveNext();
                Count(budget, current);
                var sequence = new YamlTreeSequence(start.Start);
                Remember(anchors, start.Anchor, sequence, -1);
                long size = 1;
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    var (item, itemSize) = ReadNode(parser, anchors, budget, depth + 1);
                    sequence.Items.Add(item);
                    size += itemSize;
                }

                Remember(anchors, start.Anchor, sequence, size);
                return (sequence, size);
            }

            case MappingStart start:
            {
                CheckDepth(start, depth);
                parser.MoveNext();
                Count(budget, current);
                var mapping = new YamlTreeMapping(start.Start);
                Remember(anchors, start.Anchor, mapping, -1);
                long size = 1;
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = parser.Current!;
                    var (keyNode, keySize) = ReadNode(parser, anchors, budget, depth + 1);
                    var key = keyNode as YamlTreeScalar
                        ?? throw new YamlException(keyEvent.Start, keyEvent.End,
                            "a mapping key is a mapping or sequence; cloud-config keys are plain names");
                    var (value, valueSize) = ReadNode(parser, anchors, budget, depth + 1);
                    mapping.Entries.Add(new(key, value));
                    size += keySize + valueSize;
                }

                Remember(anchors, start.Anchor, mapping, size);
                return (mapping, size);
            }

            default:
                throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }
    }

    private static void CheckDepth(ParsingEvent start, int depth)
    {
        if (depth >= YamlExpansionBudget.MaxDepth)
        {
            throw new YamlException(start.Start, start.End,
                $"exceeded max depth of {YamlExpansionBudget.MaxDepth} nested mappings and sequences; a cloud-config needs a few levels, so flatten it");
        }
    }

    private static void Count(YamlExpansionBudget budget, ParsingEvent at)
    {
        if (!budget.TryAdd(1, 0))
        {
            throw new YamlException(at.Start, at.End, "document contains excessive aliasing");
        }
    }

    // An anchor is known from its node's start (size -1 until the node ends), so that an alias inside the node it
    // names is reported as yaml.v3 reports it rather than building a cycle.
    private static void Remember(Dictionary<string, Anchored> anchors, AnchorName anchor, YamlTreeNode node, long size)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = new(node, size);
        }
    }

    private readonly record struct Anchored(YamlTreeNode Node, long Size);

    private static string? ShortTag(TagName tag)
    {
        if (tag.IsEmpty || tag.IsNonSpecific)
        {
            return null;
        }

        const string prefix = "tag:yaml.org,2002:";
        return tag.Value.StartsWith(prefix, StringComparison.Ordinal) ? "!!" + tag.Value[prefix.Length..] : tag.Value;
    }

    // YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: 20) - (Line: ...): "; the exception carries the position.
    private static string StripPosition(string message)
    {
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && i >= 0 ? message[(i + 3)..] : message;
    }
}
