using System.Collections.Frozen;
using System.Reflection;

namespace CoreosDsl.Networkd;

/// <summary>
/// What systemd 252 reads in networkd files, for checking text the typed builders did not write: every section
/// and directive systemd-networkd (<c>.network</c>, <c>.netdev</c>) and udev (<c>.link</c>) know (networkd-252-names.txt,
/// taken from their own tables and confirmed by them), and for the directives the builders have, the value kind
/// of generators/schemas/networkd (<see cref="NetworkdDirective"/>).
/// </summary>
public static class NetworkdSchema
{
    private static readonly Lazy<Names> Known = new(ReadNames);

    private static readonly FrozenDictionary<(NetworkdFileKind, string, string), NetworkdDirective> TypedDirectives =
        NetworkdSchemaTable.Directives.ToFrozenDictionary(
            d => (KindOf(d.File), d.Section, d.Directive),
            d => new NetworkdDirective(d.Section, d.Directive, d.Kind, d.Repeat, d.Min, d.Max));

    private static readonly FrozenDictionary<(NetworkdFileKind, string), bool> TypedSections =
        NetworkdSchemaTable.Sections.ToFrozenDictionary(s => (KindOf(s.File), s.Section), s => s.Repeat);

    /// <summary>
    /// The sections systemd reads in files of <paramref name="kind"/>. For <c>.netdev</c> these are [Match], [NetDev]
    /// and every kind's own section; <see cref="NetDevSections"/> tells which a given <c>Kind=</c> reads.
    /// </summary>
    public static IReadOnlyCollection<string> Sections(NetworkdFileKind kind) => Known.Value.Directives[kind].Keys;

    /// <summary>The directives systemd reads in <c>[<paramref name="section"/>]</c> of files of <paramref name="kind"/>, or null for a section it does not read.</summary>
    public static IReadOnlyCollection<string>? Directives(NetworkdFileKind kind, string section) =>
        Known.Value.Directives[kind].TryGetValue(section, out var names) ? names : null;

    /// <summary>
    /// The sections a <c>.netdev</c> of <c>Kind=</c><paramref name="netDevKind"/> reads besides [Match] and [NetDev]
    /// (<c>bond</c>: [Bond]); null for a kind systemd-networkd does not know.
    /// </summary>
    public static IReadOnlyCollection<string>? NetDevSections(string netDevKind) =>
        Known.Value.NetDevKinds.TryGetValue(netDevKind, out var sections) ? sections : null;

    /// <summary>The directive as the typed builders know it (its value kind), or null when they write it only with <c>Raw(...)</c>.</summary>
    public static NetworkdDirective? Typed(NetworkdFileKind kind, string section, string directive) =>
        TypedDirectives.TryGetValue((kind, section, directive), out var found) ? found : null;

    /// <summary>Whether the typed builders have <c>[<paramref name="section"/>]</c> for files of <paramref name="kind"/>, and whether each call adds one (<c>[Address]</c>).</summary>
    public static bool IsTypedSection(NetworkdFileKind kind, string section, out bool repeat) =>
        TypedSections.TryGetValue((kind, section), out repeat);

    /// <summary>The values of a generated networkd enum, as systemd reads them.</summary>
    internal static IReadOnlyList<string> EnumValues(string name) => NetworkdSchemaTable.Enums[name];

    private static NetworkdFileKind KindOf(string file) => file switch
    {
        "network" => NetworkdFileKind.Network,
        "netdev" => NetworkdFileKind.NetDev,
        "link" => NetworkdFileKind.Link,
        _ => throw new InvalidOperationException($"the networkd schema names an unknown file type '{file}'"),
    };

    private sealed record Names(
        Dictionary<NetworkdFileKind, FrozenDictionary<string, IReadOnlyCollection<string>>> Directives,
        FrozenDictionary<string, IReadOnlyCollection<string>> NetDevKinds);

    private static Names ReadNames()
    {
        using var stream = typeof(NetworkdSchema).Assembly.GetManifestResourceStream("CoreosDsl.Networkd.networkd-252-names.txt")
            ?? throw new InvalidOperationException("the networkd names resource is missing from CoreosDsl.CloudConfig");
        using var reader = new StreamReader(stream);
        var directives = Enum.GetValues<NetworkdFileKind>().ToDictionary(k => k, _ => new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal));
        var kinds = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var head = line[..colon].Split(' ');
            var words = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
            if (head[0] == "kind")
            {
                kinds[head[1]] = words;
            }
            else
            {
                directives[KindOf(head[0])][head[1]] = words;
            }
        }

        return new Names(directives.ToDictionary(p => p.Key, p => p.Value.ToFrozenDictionary(StringComparer.Ordinal)), kinds.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
