using System.Collections;

namespace CoreosDsl.CloudConfig;

/// <summary>A YAML sequence.</summary>
public sealed class ConfigSequence : ConfigNode, IReadOnlyList<ConfigNode>
{
    private readonly List<ConfigNode> items = [];

    /// <summary>Creates an empty sequence.</summary>
    public ConfigSequence()
    {
    }

    /// <summary>Creates a sequence holding <paramref name="items"/>.</summary>
    public ConfigSequence(IEnumerable<ConfigNode> items) => this.items.AddRange(items);

    /// <inheritdoc />
    public ConfigNode this[int index] => items[index];

    /// <inheritdoc />
    public int Count => items.Count;

    /// <summary>Appends an item.</summary>
    public void Add(ConfigNode item) => items.Add(item ?? throw new ArgumentNullException(nameof(item)));

    /// <inheritdoc />
    public override bool DeepEquals(ConfigNode? other)
    {
        if (other is not ConfigSequence s || s.Count != Count)
        {
            return false;
        }

        for (var i = 0; i < Count; i++)
        {
            if (!items[i].DeepEquals(s.items[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public IEnumerator<ConfigNode> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
