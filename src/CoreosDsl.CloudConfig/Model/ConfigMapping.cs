using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace CoreosDsl.CloudConfig;

/// <summary>A YAML mapping with string keys, kept in insertion order.</summary>
public sealed class ConfigMapping : ConfigNode, IEnumerable<KeyValuePair<string, ConfigNode>>
{
    private readonly List<KeyValuePair<string, ConfigNode>> entries = [];
    private readonly Dictionary<string, int> lines = new(StringComparer.Ordinal);

    /// <summary>The number of keys.</summary>
    public int Count => entries.Count;

    /// <summary>The keys in order.</summary>
    public IEnumerable<string> Keys => entries.Select(e => e.Key);

    /// <summary>The value of <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">The key is not present.</exception>
    public ConfigNode this[string key] =>
        TryGet(key, out var value) ? value : throw new KeyNotFoundException($"no key \"{key}\" in this mapping");

    /// <summary>Sets <paramref name="key"/>: replaces the value in place when present, appends otherwise.</summary>
    public void Set(string key, ConfigNode value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var i = IndexOf(key);
        if (i >= 0)
        {
            entries[i] = new(key, value);
        }
        else
        {
            entries.Add(new(key, value));
        }
    }

    /// <summary>Sets <paramref name="key"/> and records the 1-based line of the key (for parsed documents).</summary>
    public void Set(string key, ConfigNode value, int keyLine)
    {
        Set(key, value);
        lines[key] = keyLine;
    }

    /// <summary>The 1-based line of <paramref name="key"/> when the mapping was read from text; 0 otherwise.</summary>
    public int KeyLine(string key) => lines.TryGetValue(key, out var line) ? line : 0;

    /// <summary>Gets the value of <paramref name="key"/>.</summary>
    public bool TryGet(string key, [NotNullWhen(true)] out ConfigNode? value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? entries[i].Value : null;
        return value is not null;
    }

    /// <summary>The mapping under <paramref name="key"/>, created and appended when absent.</summary>
    /// <exception cref="InvalidOperationException">The key holds something other than a mapping.</exception>
    public ConfigMapping GetOrAddMapping(string key)
    {
        if (TryGet(key, out var existing))
        {
            return existing as ConfigMapping
                ?? throw new InvalidOperationException($"\"{key}\" already holds a {existing.GetType().Name}, not a mapping");
        }

        var created = new ConfigMapping();
        Set(key, created);
        return created;
    }

    /// <summary>The sequence under <paramref name="key"/>, created and appended when absent.</summary>
    /// <exception cref="InvalidOperationException">The key holds something other than a sequence.</exception>
    public ConfigSequence GetOrAddSequence(string key)
    {
        if (TryGet(key, out var existing))
        {
            return existing as ConfigSequence
                ?? throw new InvalidOperationException($"\"{key}\" already holds a {existing.GetType().Name}, not a sequence");
        }

        var created = new ConfigSequence();
        Set(key, created);
        return created;
    }

    /// <summary>Removes <paramref name="key"/>; returns whether it was present.</summary>
    public bool Remove(string key)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            return false;
        }

        entries.RemoveAt(i);
        lines.Remove(key);
        return true;
    }

    /// <inheritdoc />
    public override bool DeepEquals(ConfigNode? other)
    {
        if (other is not ConfigMapping m || m.Count != Count)
        {
            return false;
        }

        foreach (var (key, value) in entries)
        {
            if (!m.TryGet(key, out var theirs) || !value.DeepEquals(theirs))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, ConfigNode>> GetEnumerator() => entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key) => entries.FindIndex(e => string.Equals(e.Key, key, StringComparison.Ordinal));
}
