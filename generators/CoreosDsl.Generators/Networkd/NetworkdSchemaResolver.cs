using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CoreosDsl.Generators.Infrastructure;
using CoreosDsl.Generators.Schema;

namespace CoreosDsl.Generators.Networkd;

/// <summary>
/// Reads the statements of the networkd schema files (<c>schema networkd</c>) into one model: file types with
/// their section order, sections with their directives, and enums. Problems become diagnostics with the file and
/// line; nothing here throws on bad input.
/// </summary>
internal static class NetworkdSchemaResolver
{
    /// <summary>The value kinds a directive may take (generators/schemas/README.md, "networkd").</summary>
    public static readonly HashSet<string> Kinds = new(StringComparer.Ordinal)
    {
        "bool", "uint", "string", "timespan", "bytes", "mac", "list:mac", "address", "list:address", "prefix", "gateway",
        "dns", "ifname", "list:ifname", "list:glob", "list:string",
    };

    public static NetworkdModel Resolve(IReadOnlyList<ParsedSchemaFile> files)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var fileSpecs = new List<NetworkdFileSpec>();
        var sections = new List<(string File, string Name, bool Repeat, string? Doc, List<NetworkdDirectiveSpec> Directives, SchemaStatement Where)>();
        var enums = new List<NetworkdEnumSpec>();

        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            diagnostics.AddRange(file.Diagnostics);
            List<NetworkdDirectiveSpec>? current = null;
            foreach (var statement in file.Statements)
            {
                var words = statement.Tokens.Select(t => t.Text).ToArray();
                switch (statement.Keyword)
                {
                    case "file" when words.Length >= 3:
                        fileSpecs.Add(new NetworkdFileSpec(words[1], words.Skip(2).ToEquatableArray(), statement.Doc));
                        break;
                    case "enum" when words.Length >= 3:
                        enums.Add(new NetworkdEnumSpec(words[1], words.Skip(2).Select(EnumValue).ToEquatableArray(), statement.Doc));
                        break;
                    case "section" when words.Length >= 3:
                        current = [];
                        sections.Add((words[1], words[2], words.Skip(3).Contains("repeat"), statement.Doc, current, statement));
                        break;
                    case "file" or "enum" or "section":
                        diagnostics.Add(Malformed(statement, $"'{statement.Keyword}' needs more words: file TYPE SECTION... | enum NAME VALUE... | section TYPE NAME [repeat]"));
                        break;
                    default:
                        if (current is null)
                        {
                            diagnostics.Add(Malformed(statement, "a directive line must follow a 'section' line"));
                        }
                        else if (ReadDirective(statement, words, diagnostics) is { } directive)
                        {
                            current.Add(directive);
                        }

                        break;
                }
            }
        }

        var resolved = new List<NetworkdSectionSpec>();
        foreach (var s in sections)
        {
            if (!fileSpecs.Any(f => f.Type == s.File && f.Sections.Any(n => n.TrimEnd('*') == s.Name)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownSchemaReference, s.Where.Location,
                    $"section {s.File} {s.Name} is not listed on a 'file {s.File} ...' line"));
                continue;
            }

            resolved.Add(new NetworkdSectionSpec(s.File, s.Name, s.Repeat, s.Doc, s.Directives.ToEquatableArray()));
        }

        foreach (var d in resolved.SelectMany(s => s.Directives).Where(d => d.EnumName is { } e && !enums.Any(x => x.Name == e)).Select(d => d.EnumName).Distinct())
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownSchemaReference, null, $"the networkd enum {d} is used but not declared"));
        }

        return new NetworkdModel(fileSpecs.ToEquatableArray(), resolved.ToEquatableArray(), enums.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    // "802.3ad" needs a member name of its own: Ieee802_3ad=802.3ad.
    private static NetworkdEnumValueSpec EnumValue(string word)
    {
        var eq = word.IndexOf('=');
        return eq > 0 ? new NetworkdEnumValueSpec(word.Substring(eq + 1), word.Substring(0, eq)) : new NetworkdEnumValueSpec(word, Naming.Pascal(word));
    }

    private static NetworkdDirectiveSpec? ReadDirective(SchemaStatement statement, string[] words, List<DiagnosticInfo> diagnostics)
    {
        if (words.Length < 2)
        {
            diagnostics.Add(Malformed(statement, "a directive line is NAME KIND [repeat] [range=MIN-MAX] [-- doc]"));
            return null;
        }

        var kind = words[1];
        var isEnum = kind.StartsWith("enum:", StringComparison.Ordinal) || kind.StartsWith("list:enum:", StringComparison.Ordinal);
        if (!isEnum && !Kinds.Contains(kind))
        {
            diagnostics.Add(Malformed(statement, $"unknown networkd kind '{kind}' (one of {string.Join(", ", Kinds.OrderBy(k => k, StringComparer.Ordinal))}, enum:NAME, list:enum:NAME)"));
            return null;
        }

        ulong? min = null, max = null;
        foreach (var attribute in words.Skip(2))
        {
            if (attribute == "repeat")
            {
                continue;
            }

            var range = attribute.StartsWith("range=", StringComparison.Ordinal) ? attribute.Substring(6).Split('-') : null;
            if (range is { Length: 2 } && kind == "uint"
                && ulong.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low)
                && ulong.TryParse(range[1], NumberStyles.None, CultureInfo.InvariantCulture, out var high) && low <= high)
            {
                (min, max) = (low, high);
                continue;
            }

            diagnostics.Add(Malformed(statement, $"unknown attribute '{attribute}' (repeat, or range=MIN-MAX on a uint)"));
            return null;
        }

        return new NetworkdDirectiveSpec(words[0], kind, words.Skip(2).Contains("repeat"), min, max, statement.Doc);
    }

    private static DiagnosticInfo Malformed(SchemaStatement statement, string message) =>
        DiagnosticInfo.Create(DiagnosticDescriptors.MalformedSchemaLine, statement.Location, message);
}
