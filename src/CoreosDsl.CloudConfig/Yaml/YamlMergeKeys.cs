using YamlDotNet.Core;

namespace CoreosDsl.CloudConfig;

/// <summary>
/// YAML 1.1 merge keys, as both Go YAML libraries apply them: <c>&lt;&lt;: *defaults</c> (or a sequence of such
/// mappings) copies the keys of those mappings into the mapping that holds it. Keys written in the mapping win, then
/// the first mapping of the sequence that has the key (yaml.v3's order; go-yaml v1 lets a key written before the
/// <c>&lt;&lt;</c> be replaced by a merged one, which no real cloud-config relies on).
/// </summary>
internal static class YamlMergeKeys
{
    /// <summary>
    /// A plain <c>&lt;&lt;</c> or one tagged <c>!!merge</c>; a quoted <c>"&lt;&lt;"</c> is an ordinary key.
    /// </summary>
    public static bool IsMergeKey(YamlTreeScalar key) =>
        key.Text == "<<" && (key.Tag is null && key.Style == ScalarStyle.Plain || key.Tag is "!" or "!!merge");

    /// <summary>Replaces the merge keys of <paramref name="mapping"/> by the entries they merge.</summary>
    /// <exception cref="YamlException">The value of <c>&lt;&lt;</c> is not a mapping or a sequence of mappings.</exception>
    public static void Apply(YamlTreeMapping mapping)
    {
        var entries = mapping.Entries;
        var at = entries.FindLastIndex(e => IsMergeKey(e.Key));
        if (at < 0)
        {
            return;
        }

        // yaml.v3 keeps only the last '<<' of a mapping.
        var value = entries[at].Value;
        var sources = value switch
        {
            YamlTreeMapping m => [m],
            YamlTreeSequence s => s.Items.Select(item => item as YamlTreeMapping ?? throw WantMap(item)).ToList(),

            // Point at the '<<' itself: an aliased value's position is where its anchor was defined.
            _ => throw WantMap(entries[at].Key),
        };

        var taken = entries.Where(e => !IsMergeKey(e.Key)).Select(e => e.Key.Text).ToHashSet(StringComparer.Ordinal);
        var merged = new List<YamlTreeEntry>();
        foreach (var entry in sources.SelectMany(source => source.Entries))
        {
            if (taken.Add(entry.Key.Text))
            {
                merged.Add(entry);
            }
        }

        var position = entries.Take(at).Count(e => !IsMergeKey(e.Key));
        entries.RemoveAll(e => IsMergeKey(e.Key));
        entries.InsertRange(position, merged);
    }

    private static YamlException WantMap(YamlTreeNode value) => new(value.Start, value.Start,
        "map merge requires map or sequence of maps as the value: '<<' copies the keys of a mapping (usually an alias such as *defaults) into this one");
}
