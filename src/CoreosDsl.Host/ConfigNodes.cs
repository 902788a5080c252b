using CoreosDsl.CloudConfig;

namespace CoreosDsl.Host;

/// <summary>
/// Builds raw cloud-config nodes inline, for the parts of an imported cloud-config that the typed builders do not
/// cover (keys outside the schema, values the builders would spell differently). <c>import</c> writes calls to it.
/// </summary>
public static class ConfigNodes
{
    /// <summary>A mapping with <paramref name="entries"/> in order.</summary>
    public static ConfigMapping Mapping(params (string Key, ConfigNode Value)[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var mapping = new ConfigMapping();
        foreach (var (key, value) in entries)
        {
            mapping.Set(key, value);
        }

        return mapping;
    }

    /// <summary>A sequence of <paramref name="items"/>.</summary>
    public static ConfigSequence Sequence(params ConfigNode[] items) => new(items);
}
