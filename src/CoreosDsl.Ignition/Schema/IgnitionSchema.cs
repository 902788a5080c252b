namespace CoreosDsl.Ignition.Schema;

/// <summary>The keys of the Ignition spec the builders write, in the order Ignition itself writes them.</summary>
public static partial class IgnitionSchema
{
    private static readonly Lazy<(IReadOnlyList<IgnitionKey> Keys, Dictionary<string, int> Index)> Table = new(() =>
    {
        var keys = CreateKeys();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            index[keys[i].Path] = i;
        }

        return (keys, index);
    });

    /// <summary>Every key, parents before children, siblings in alphabetical order (Ignition's own field order).</summary>
    public static IReadOnlyList<IgnitionKey> Keys => Table.Value.Keys;

    /// <summary>The key at <paramref name="path"/>, or null when the spec has none there.</summary>
    /// <param name="path">A dotted path with <c>[]</c> for list items.</param>
    /// <returns>The key, or null.</returns>
    public static IgnitionKey? Find(string path) => Table.Value.Index.TryGetValue(path, out var i) ? Table.Value.Keys[i] : null;

    /// <summary>The position of <paramref name="path"/> in <see cref="Keys"/>, or -1.</summary>
    /// <param name="path">A dotted path with <c>[]</c> for list items.</param>
    /// <returns>The index, or -1.</returns>
    public static int IndexOf(string path) => Table.Value.Index.TryGetValue(path, out var i) ? i : -1;

    private static partial IReadOnlyList<IgnitionKey> CreateKeys();
}
