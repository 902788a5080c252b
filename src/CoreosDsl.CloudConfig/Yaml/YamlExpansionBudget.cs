namespace CoreosDsl.CloudConfig;

/// <summary>
/// Bounds what a YAML document may cost once its aliases are expanded and how deep it may nest, so that an alias
/// bomb (a few hundred bytes that expand to billions of nodes) or 100,000 nested <c>[</c> end in a located error
/// instead of exhausting memory or the stack.
/// </summary>
/// <remarks>
/// The alias rule is yaml.v3's (Flatcar's coreos-cloudinit decodes with it): every decoded node counts, a node
/// reached through an alias counts as alias-driven too, and once more than 100 of more than 1,000 decoded nodes are
/// alias-driven their share may not pass 99% (documents up to 400,000 nodes), falling linearly to 10% at 4,000,000.
/// Nodes are counted as yaml.v3 counts them: an alias is one node plus every node of its anchored subtree.
/// </remarks>
internal sealed class YamlExpansionBudget
{
    /// <summary>The deepest nesting accepted: far beyond any cloud-config, well within a thread's stack.</summary>
    public const int MaxDepth = 1000;

    private const long RatioRangeLow = 400_000;
    private const long RatioRangeHigh = 4_000_000;

    private long decoded;
    private long aliasDriven;

    /// <summary>Counts <paramref name="nodes"/> decoded nodes, of which <paramref name="viaAlias"/> came from aliases.</summary>
    /// <returns>False when the document now contains excessive aliasing.</returns>
    public bool TryAdd(long nodes, long viaAlias)
    {
        decoded += nodes;
        aliasDriven += viaAlias;

        // Within one alias both counts grow together, so the share only rises: checking once at the end of an
        // expansion finds exactly the documents yaml.v3 stops in the middle of it.
        return !(aliasDriven > 100 && decoded > 1000 && (double)aliasDriven / decoded > AllowedAliasRatio(decoded));
    }

    private static double AllowedAliasRatio(long decodeCount) => decodeCount switch
    {
        <= RatioRangeLow => 0.99,
        >= RatioRangeHigh => 0.10,
        _ => 0.99 - 0.89 * ((double)(decodeCount - RatioRangeLow) / (RatioRangeHigh - RatioRangeLow)),
    };
}
