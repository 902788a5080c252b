using System.Text.Json.Nodes;
using CoreosDsl.Ignition.Schema;

namespace CoreosDsl.Ignition;

/// <summary>An Ignition config: built with the generated builders, written as compact deterministic JSON.</summary>
public sealed class IgnitionConfig
{
    private IgnitionConfig(JsonObject root) => Root = root;

    /// <summary>The JSON tree.</summary>
    public JsonObject Root { get; }

    /// <summary>The media type Ignition expects when it fetches a config over http(s).</summary>
    public const string MediaType = "application/vnd.coreos.ignition+json";

    /// <summary>A config of spec <see cref="IgnitionSchema.SpecVersion"/>, configured by <paramref name="configure"/>.</summary>
    /// <param name="configure">Sets the config's keys.</param>
    /// <returns>The config.</returns>
    public static IgnitionConfig Create(Action<IgnitionConfigBuilder> configure) => Create(IgnitionSpecVersion.V3_3_0, configure);

    /// <summary>
    /// A config of spec <paramref name="version"/>, configured by <paramref name="configure"/>. Keys of a later
    /// spec than <paramref name="version"/> are reported by <see cref="Validation.IgnitionSpecCheck"/> (CDSL263).
    /// </summary>
    /// <param name="version">The spec version written to <c>ignition.version</c>.</param>
    /// <param name="configure">Sets the config's keys.</param>
    /// <returns>The config.</returns>
    public static IgnitionConfig Create(IgnitionSpecVersion version, Action<IgnitionConfigBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new IgnitionConfigBuilder();
        builder.Ignition(i => i.Version(IgnitionSpecVersionText.Format(version)));
        configure(builder);
        return new IgnitionConfig(builder.Node);
    }

    /// <summary>A config around an existing tree (an imported file, say).</summary>
    /// <param name="root">The tree.</param>
    /// <returns>The config.</returns>
    public static IgnitionConfig FromTree(JsonObject root) => new(root);

    /// <summary>Adds to this config.</summary>
    /// <param name="configure">Sets more keys.</param>
    /// <returns>This config.</returns>
    public IgnitionConfig Configure(Action<IgnitionConfigBuilder> configure)
    {
        configure(new IgnitionConfigBuilder(Root));
        return this;
    }

    /// <summary>The compact JSON text (see <see cref="IgnitionJsonWriter"/>).</summary>
    /// <returns>The JSON.</returns>
    public string ToJson() => IgnitionJsonWriter.Write(Root);

    /// <inheritdoc />
    public override string ToString() => ToJson();
}
