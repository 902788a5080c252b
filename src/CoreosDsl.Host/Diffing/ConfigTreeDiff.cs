using CoreosDsl.Text;
using CoreosDsl.CloudConfig;
using CoreosDsl.CloudConfig.Schema;

namespace CoreosDsl.Host;

/// <summary>What kind of difference a <see cref="TreeChange"/> is.</summary>
internal enum ChangeKind
{
    /// <summary>The worker emits something the deployed file lacks.</summary>
    Added,

    /// <summary>The deployed file has something the worker no longer emits.</summary>
    Removed,

    /// <summary>Both have it, with different values.</summary>
    Changed,

    /// <summary>The deployed file spells a key in its dash form (<c>reboot-strategy</c>); the worker emits the underscore form.</summary>
    Renamed,

    /// <summary>Both have the same named items in a different order (units are started in list order).</summary>
    Reordered,
}

/// <summary>One difference between a deployed cloud-config and what a worker emits now.</summary>
/// <param name="Path">Where: <c>coreos.update.group</c>, <c>coreos.units[locksmithd.service].content</c>.</param>
/// <param name="Kind">What kind of difference.</param>
/// <param name="Deployed">The deployed value, shortened for display, or null.</param>
/// <param name="Emitted">The worker's value, shortened for display, or null.</param>
/// <param name="TextDiff">For multi-line text (unit contents, files): a unified diff from deployed to emitted.</param>
internal sealed record TreeChange(string Path, ChangeKind Kind, string? Deployed, string? Emitted, string? TextDiff);

/// <summary>
/// Compares two cloud-config trees the way a person reads them: mappings by key (dash-form keys matched to their
/// underscore names), lists of named items (<c>units</c>, <c>drop_ins</c>, <c>users</c>, <c>write_files</c>) by
/// name or path, other lists as collections, and multi-line text line by line.
/// </summary>
internal static class ConfigTreeDiff
{
    /// <summary>Every difference from <paramref name="deployed"/> to <paramref name="emitted"/>, in document order.</summary>
    public static IReadOnlyList<TreeChange> Compare(ConfigMapping deployed, ConfigMapping emitted)
    {
        var changes = new List<TreeChange>();
        CompareNodes("", deployed, emitted, changes);
        return changes;
    }

    private static void CompareNodes(string path, ConfigNode deployed, ConfigNode emitted, List<TreeChange> changes)
    {
        switch (deployed, emitted)
        {
            case (ConfigMapping d, ConfigMapping e):
                CompareMappings(path, d, e, changes);
                break;
            case (ConfigSequence d, ConfigSequence e):
                CompareSequences(path, d, e, changes);
                break;
            case (ConfigScalar d, ConfigScalar e):
                if (!d.DeepEquals(e))
                {
                    var multiline = d.Value.Contains('\n', StringComparison.Ordinal) || e.Value.Contains('\n', StringComparison.Ordinal);
                    changes.Add(new TreeChange(path, ChangeKind.Changed, Show(d), Show(e),
                        multiline ? UnifiedDiff.Create(d.Value, e.Value, "deployed", "worker") : null));
                }

                break;
            default:
                changes.Add(new TreeChange(path, ChangeKind.Changed, Show(deployed), Show(emitted), null));
                break;
        }
    }

    private static void CompareMappings(string path, ConfigMapping deployed, ConfigMapping emitted, List<TreeChange> changes)
    {
        var schemaPath = SchemaPath(path);
        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in emitted)
        {
            var childPath = Join(path, key);
            if (deployed.TryGet(key, out var old))
            {
                matched.Add(key);
                CompareNodes(childPath, old, value, changes);
                continue;
            }

            var dash = DashForm(schemaPath, key);
            if (dash is not null && deployed.TryGet(dash, out var oldDash))
            {
                matched.Add(dash);
                changes.Add(new TreeChange(Join(path, dash), ChangeKind.Renamed, dash, key, null));
                CompareNodes(childPath, oldDash, value, changes);
                continue;
            }

            changes.Add(new TreeChange(childPath, ChangeKind.Added, null, Show(value), null));
        }

        foreach (var (key, value) in deployed)
        {
            if (!matched.Contains(key))
            {
                changes.Add(new TreeChange(Join(path, key), ChangeKind.Removed, Show(value), null, null));
            }
        }
    }

    private static void CompareSequences(string path, ConfigSequence deployed, ConfigSequence emitted, List<TreeChange> changes)
    {
        if (Identity(deployed) is { } deployedKey && Identity(emitted) is { } emittedKey && deployedKey == emittedKey)
        {
            var old = deployed.Cast<ConfigMapping>().ToList();
            var now = emitted.Cast<ConfigMapping>().ToList();
            string Id(ConfigMapping m) => ((ConfigScalar)m[deployedKey]).Value;
            var oldById = old.GroupBy(Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var nowIds = new HashSet<string>(now.Select(Id), StringComparer.Ordinal);
            foreach (var item in now)
            {
                var itemPath = $"{path}[{Id(item)}]";
                if (oldById.TryGetValue(Id(item), out var before))
                {
                    CompareMappings(itemPath, before, item, changes);
                }
                else
                {
                    changes.Add(new TreeChange(itemPath, ChangeKind.Added, null, Show(item), null));
                }
            }

            foreach (var item in old.Where(i => !nowIds.Contains(Id(i))))
            {
                changes.Add(new TreeChange($"{path}[{Id(item)}]", ChangeKind.Removed, Show(item), null, null));
            }

            var commonOld = old.Select(Id).Where(nowIds.Contains).ToList();
            var commonNow = now.Select(Id).Where(oldById.ContainsKey).ToList();
            if (!commonOld.SequenceEqual(commonNow, StringComparer.Ordinal))
            {
                changes.Add(new TreeChange(path, ChangeKind.Reordered, string.Join(", ", commonOld), string.Join(", ", commonNow), null));
            }

            return;
        }

        // Other lists (SSH keys, ...): as collections; an item counts as kept when an equal one is on the other side.
        var remaining = deployed.Select((node, index) => (node, index)).ToList();
        var added = new List<(ConfigNode Node, int Index)>();
        for (var i = 0; i < emitted.Count; i++)
        {
            var match = remaining.FindIndex(r => r.node.DeepEquals(emitted[i]));
            if (match >= 0)
            {
                remaining.RemoveAt(match);
            }
            else
            {
                added.Add((emitted[i], i));
            }
        }

        if (added.Count == 1 && remaining.Count == 1)
        {
            CompareNodes($"{path}[{added[0].Index}]", remaining[0].node, added[0].Node, changes);
            return;
        }

        changes.AddRange(added.Select(a => new TreeChange($"{path}[{a.Index}]", ChangeKind.Added, null, Show(a.Node), null)));
        changes.AddRange(remaining.Select(r => new TreeChange($"{path}[{r.index}]", ChangeKind.Removed, Show(r.node), null, null)));
    }

    /// <summary>The key that names items of this list (<c>name</c> or <c>path</c>), when every item has it.</summary>
    private static string? Identity(ConfigSequence sequence)
    {
        foreach (var key in new[] { "name", "path" })
        {
            if (sequence.Count > 0 && sequence.All(i => i is ConfigMapping m && m.TryGet(key, out var v) && v is ConfigScalar))
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>The schema's dash spelling of <paramref name="key"/> under <paramref name="schemaPath"/>, if it has one.</summary>
    private static string? DashForm(string schemaPath, string key) => CloudConfigSchema.Find(Join(schemaPath, key))?.DashForm;

    /// <summary><c>coreos.units[x.service]</c> → <c>coreos.units[]</c>, the form schema paths use.</summary>
    private static string SchemaPath(string path)
    {
        var text = new System.Text.StringBuilder();
        var depth = 0;
        foreach (var c in path)
        {
            if (c == '[')
            {
                depth++;
                text.Append("[]");
            }
            else if (c == ']')
            {
                depth--;
            }
            else if (depth == 0)
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    /// <summary>A value shortened for one line of output.</summary>
    public static string Show(ConfigNode node) => node switch
    {
        ConfigScalar { Kind: ScalarKind.String } s when s.Value.TrimEnd('\n').Contains('\n', StringComparison.Ordinal) =>
            $"({s.Value.TrimEnd('\n').Split('\n').Length} lines of text)",
        ConfigScalar { Kind: ScalarKind.String } s => "\"" + Shorten(s.Value).Replace("\n", "\\n", StringComparison.Ordinal) + "\"",
        ConfigScalar s => s.Value,
        ConfigMapping m => m.TryGet("name", out var n) && n is ConfigScalar ns ? $"{{name: {ns.Value}, {m.Count} keys}}" : $"{{{m.Count} keys}}",
        ConfigSequence q => $"[{q.Count} items]",
        _ => node.ToString() ?? "",
    };

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..28] + "…" + value[^28..];
}
