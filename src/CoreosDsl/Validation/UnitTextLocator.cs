using System.Text.RegularExpressions;
using CoreosDsl.CloudConfig;

namespace CoreosDsl;

/// <summary>
/// Finds the YAML lines of the entries of <c>coreos.units</c> in a cloud-config's text: each entry's <c>name:</c>
/// line, and where its content and drop-ins start when they are block scalars (<c>content: |</c>, the usual form),
/// whose lines are the unit text's lines one for one. Entries are searched in document order.
/// </summary>
internal sealed partial class UnitTextLocator
{
    private readonly string[] source;
    private readonly List<Entry> entries = [];

    /// <param name="source">The validated text, carriage returns removed.</param>
    /// <param name="document">The same text read as a cloud-config.</param>
    public UnitTextLocator(string source, ConfigMapping document)
    {
        this.source = source.Split('\n');
        if (!document.TryGet("coreos", out var coreos) || coreos is not ConfigMapping c || !c.TryGet("units", out var units)
            || units is not ConfigSequence list)
        {
            return;
        }

        var cursor = 0;
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i] as ConfigMapping;
            var entry = new Entry(Text(item, "content"));
            var name = Text(item, "name");
            entry.NameLine = name is null ? null : FindName(name, cursor);
            entry.ContentStart = entry.Content is null ? null : FindBlock(entry.Content, cursor);
            if (item is not null && item.TryGet("drop_ins", out var dropIns) && dropIns is ConfigSequence dropInList)
            {
                foreach (var dropIn in dropInList)
                {
                    var text = Text(dropIn as ConfigMapping, "content");
                    entry.DropIns.Add((text, text is null ? null : FindBlock(text, cursor)));
                }
            }

            var last = new[] { entry.NameLine, entry.ContentStart }.Concat(entry.DropIns.Select(d => d.Start)).Max();
            cursor = last is { } l ? l + 1 : cursor;
            entries.Add(entry);
        }
    }

    /// <summary>The text of an entry's content (<paramref name="dropIn"/> null) or drop-in, or null.</summary>
    public string? TextOf(int entry, int? dropIn) =>
        entry < entries.Count
            ? dropIn is { } d ? (d < entries[entry].DropIns.Count ? entries[entry].DropIns[d].Text : null) : entries[entry].Content
            : null;

    /// <summary>The 1-based line, column and width a position stands for; line 0 when it cannot be found.</summary>
    public (int Line, int? Column, int Length) Locate(UnitTextPosition? position)
    {
        if (position is not { } p || p.Entry >= entries.Count)
        {
            return (0, null, 1);
        }

        var entry = entries[p.Entry];
        var start = p.DropIn is { } d ? (d < entry.DropIns.Count ? entry.DropIns[d].Start : null) : entry.ContentStart;
        var index = p.Line is { } line && start is { } s ? s + line : entry.NameLine;
        if (index is not { } at || at >= source.Length)
        {
            return (0, null, 1);
        }

        var text = source[at];
        var trimmed = text.TrimStart(' ', '-');
        return (at + 1, text.Length - trimmed.Length + 1, Math.Max(1, trimmed.TrimEnd().Length));
    }

    /// <summary>
    /// The 1-based line, column and width of line <paramref name="line"/> (0-based) of <paramref name="text"/>, a
    /// block scalar elsewhere in the file (a <c>write_files</c> content); line 0 when the block cannot be found.
    /// </summary>
    public (int Line, int? Column, int Length) LocateIn(string text, int line)
    {
        if (FindBlock(text, 0) is not { } start || start + line >= source.Length)
        {
            return (0, null, 1);
        }

        var at = source[start + line];
        var trimmed = at.TrimStart(' ');
        return (start + line + 1, at.Length - trimmed.Length + 1, Math.Max(1, trimmed.TrimEnd().Length));
    }

    private static string? Text(ConfigMapping? mapping, string key) =>
        mapping is not null && mapping.TryGet(key, out var node) && node is ConfigScalar { Value.Length: > 0 } scalar ? scalar.Value : null;

    private int? FindName(string name, int from)
    {
        for (var i = from; i < source.Length; i++)
        {
            if (NameLine().Match(source[i]) is { Success: true } m && m.Groups["value"].Value == name)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>The 0-based line where a block scalar holding <paramref name="text"/> starts, at or after <paramref name="from"/>.</summary>
    private int? FindBlock(string text, int from)
    {
        var lines = text.Split('\n');
        var count = text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        var first = Array.FindIndex(lines, 0, count, l => l.Length > 0);
        if (first < 0)
        {
            return null;
        }

        for (var i = from + first; i < source.Length; i++)
        {
            var candidate = source[i];
            var indent = candidate.Length - lines[first].Length;
            if (indent <= 0 || !candidate.EndsWith(lines[first], StringComparison.Ordinal) || candidate[..indent].Any(c => c != ' '))
            {
                continue;
            }

            var start = i - first;
            var all = true;
            for (var j = 0; j < count && all; j++)
            {
                var k = start + j;
                all = k < source.Length && (lines[j].Length == 0
                    ? string.IsNullOrWhiteSpace(source[k])
                    : source[k].Length == indent + lines[j].Length && source[k].EndsWith(lines[j], StringComparison.Ordinal) && source[k][..indent].All(c => c == ' '));
            }

            if (all)
            {
                return start;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s*(?:-\s+)?name:\s*(?<q>[""']?)(?<value>.*?)\k<q>\s*(?:#.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NameLine();

    private sealed class Entry(string? content)
    {
        public string? Content { get; } = content;

        public int? NameLine { get; set; }

        public int? ContentStart { get; set; }

        public List<(string? Text, int? Start)> DropIns { get; } = [];
    }
}
