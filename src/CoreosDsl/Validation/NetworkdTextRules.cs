using CoreosDsl.Networkd;
using CoreosDsl.Rules;
using CoreosDsl.Systemd;

namespace CoreosDsl;

/// <summary>
/// The checks of networkd text the typed builders did not write (a <c>.network</c>, <c>.netdev</c> or <c>.link</c>
/// entry of <c>coreos.units</c>, an Ignition file under /etc/systemd/network): sections and directives systemd 252
/// does not read (CDSL241, CDSL240, with "did you mean"), sections of another <c>.netdev</c> kind, and values the
/// networkd schema's value kinds refuse (CDSL214). The text is read with <see cref="UnitFileReader"/>, the values
/// with <see cref="NetworkdDirective.Problem"/>.
/// </summary>
internal static class NetworkdTextRules
{
    /// <summary>
    /// The findings for networkd file <paramref name="fileName"/> with <paramref name="content"/>, each with the
    /// 0-based line of the text it points at; nothing for a name that is no networkd file, or text that cannot be
    /// read (the unit-content check reports that).
    /// </summary>
    public static List<(RuleFinding Finding, int Line)> Check(string fileName, string content)
    {
        var findings = new List<(RuleFinding, int)>();
        if (NetworkdFile.KindOf(fileName) is not { } kind || !UnitFileReader.TryReadSections(content, out var sections, out _))
        {
            return findings;
        }

        var reader = kind == NetworkdFileKind.Link ? "udev" : "systemd-networkd";
        var suffix = NetworkdFile.Suffix(kind);
        var allowed = NetworkdSchema.Sections(kind);
        var where = $"{suffix} files";
        if (kind == NetworkdFileKind.NetDev && NetDevKind(sections) is { } netDevKind && NetworkdSchema.NetDevSections(netDevKind) is { } own)
        {
            allowed = ["Match", "NetDev", .. own];
            where = $"{suffix} files of Kind={netDevKind}";
        }

        var lines = UnitTextLines.Entries(content);
        var index = 0;
        foreach (var section in sections)
        {
            var first = index;
            index += section.Entries.Count;
            if (!allowed.Contains(section.Name))
            {
                var hint = UnitSchema.Suggest(section.Name, allowed) is { } s ? $"; did you mean [{s}]?" : "";
                var other = NetworkdSchema.Directives(kind, section.Name) is not null ? " (it belongs to another Kind=)" : "";
                findings.Add((new RuleFinding(RuleCatalog.UnknownSection, Origin(fileName, section.Name, null),
                    $"[{section.Name}] is not a section of {where}{other}{hint}; {reader} ignores the whole section"), SectionLine(content, section.Name, lines, first)));
                continue;
            }

            var known = NetworkdSchema.Directives(kind, section.Name)!;
            for (var i = 0; i < section.Entries.Count; i++)
            {
                var entry = section.Entries[i];
                var line = first + i < lines.Count ? lines[first + i].Line : 0;
                if (!known.Contains(entry.Key))
                {
                    var hint = UnitSchema.Suggest(entry.Key, known) is { } s ? $"; did you mean {s}=?" : "";
                    findings.Add((new RuleFinding(RuleCatalog.UnknownDirective, Origin(fileName, section.Name, entry.Key),
                        $"[{section.Name}] {entry.Key}= is not a directive of [{section.Name}] in {suffix} files{hint}; {reader} ignores it"), line));
                }
                else if (NetworkdSchema.Typed(kind, section.Name, entry.Key)?.Problem(entry.Value) is { } problem)
                {
                    findings.Add((new RuleFinding(RuleCatalog.InvalidValue, Origin(fileName, section.Name, entry.Key),
                        $"[{section.Name}] {entry.Key}=: {problem}; {reader} ignores the line"), line));
                }
            }
        }

        return findings;
    }

    /// <summary>The last <c>Kind=</c> of [NetDev], as systemd-networkd reads it.</summary>
    private static string? NetDevKind(IReadOnlyList<UnitFileSection> sections) =>
        sections.Where(s => s.Name == "NetDev").SelectMany(s => s.Entries).Where(e => e.Key == "Kind").Select(e => e.Value).LastOrDefault();

    /// <summary>The line of the section's header: the line before its first entry's, or the header found by name.</summary>
    private static int SectionLine(string content, string section, List<(string Section, string Key, int Line)> lines, int first) =>
        first < lines.Count && lines[first].Section == section ? HeaderAbove(content, lines[first].Line) : UnitTextLines.Find(content, section, null);

    private static int HeaderAbove(string content, int line)
    {
        var text = content.Split('\n');
        for (var i = Math.Min(line, text.Length - 1); i >= 0; i--)
        {
            if (text[i].TrimStart().StartsWith('['))
            {
                return i;
            }
        }

        return 0;
    }

    // A string of its own per finding: the origins of validate FILE are told apart by reference.
    private static string Origin(string file, string section, string? key) =>
        key is null ? $"{file} [{section}]" : $"{file} [{section}] {key}=";
}
