namespace CoreosDsl.CloudConfig.Schema;

/// <summary>
/// Every key coreos-cloudinit reads. The table is generated from <c>generators/schemas/cloud-config.schema</c> by
/// the same source generator that makes the typed builders, so builders and validator cannot drift apart.
/// </summary>
public static partial class CloudConfigSchema
{
    private static readonly Lazy<IReadOnlyList<CloudConfigKey>> AllKeys = new(CreateKeys);
    private static readonly Lazy<Dictionary<string, CloudConfigKey>> ByPath =
        new(() => AllKeys.Value.ToDictionary(k => k.Path, StringComparer.Ordinal));

    /// <summary>All keys, parents before children, in schema order.</summary>
    public static IReadOnlyList<CloudConfigKey> Keys => AllKeys.Value;

    /// <summary>The key at <paramref name="path"/> (<c>coreos.units[].name</c>), or null.</summary>
    public static CloudConfigKey? Find(string path) => ByPath.Value.GetValueOrDefault(path);

    /// <summary>The keys directly under <paramref name="parentPath"/> (the empty string for the top level).</summary>
    public static IEnumerable<CloudConfigKey> ChildrenOf(string parentPath) =>
        AllKeys.Value.Where(k => string.Equals(k.ParentPath, parentPath, StringComparison.Ordinal));

    private static partial IReadOnlyList<CloudConfigKey> CreateKeys();
}
