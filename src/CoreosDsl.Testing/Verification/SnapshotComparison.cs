namespace CoreosDsl.Testing;

/// <summary>How received files differ from verified ones: relative paths, each list in ordinal order.</summary>
internal sealed record SnapshotComparison(
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed)
{
    /// <summary>True when both sides hold the same files with the same text.</summary>
    public bool IsMatch => Changed.Count == 0 && Added.Count == 0 && Removed.Count == 0;

    /// <summary>Compares the output with the verified files (null: no snapshot, so every file is added).</summary>
    public static SnapshotComparison Compare(IReadOnlyDictionary<string, string>? verified,
        IReadOnlyDictionary<string, string> received)
    {
        verified ??= new Dictionary<string, string>();
        var changed = received
            .Where(file => verified.TryGetValue(file.Key, out var text) && !string.Equals(text, file.Value, StringComparison.Ordinal))
            .Select(file => file.Key);
        var added = received.Keys.Where(path => !verified.ContainsKey(path));
        var removed = verified.Keys.Where(path => !received.ContainsKey(path));
        return new SnapshotComparison(Sorted(changed), Sorted(added), Sorted(removed));
    }

    private static string[] Sorted(IEnumerable<string> paths) => paths.Order(StringComparer.Ordinal).ToArray();
}
