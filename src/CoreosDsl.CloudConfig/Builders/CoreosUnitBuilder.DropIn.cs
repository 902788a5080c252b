using CoreosDsl.Systemd;

namespace CoreosDsl.CloudConfig;

/// <summary>
/// The hand-written half of the generated <c>coreos.units[]</c> entry builder: typed drop-ins, written as
/// <c>drop_ins</c> items (and so as Ignition <c>dropins</c> for a worker that emits Ignition).
/// </summary>
public sealed partial class CoreosUnitBuilder
{
    /// <summary>
    /// Adds the drop-in <paramref name="name"/> to this entry's unit, its text built with the typed section builders of
    /// that unit's type: <c>.DropIn("10-opts.conf", d =&gt; d.Service(s =&gt; s.Environment("A", "1")))</c>.
    /// </summary>
    /// <param name="name">The drop-in's file name (ends in <c>.conf</c>).</param>
    /// <param name="configure">Configures the drop-in's sections.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="UnitDefinitionException">The entry has no unit name yet, or a section or value is invalid.</exception>
    public CoreosUnitBuilder DropIn([CloudConfigFormat("drop-in-name")] string name, Action<UnitDropInBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        if (!Node.TryGet("name", out var unitName) || unitName is not ConfigScalar { Value: var unit })
        {
            throw new UnitDefinitionException("-", "-", "drop_ins",
                $"the drop-in '{name}' belongs to a unit: set the entry's name before adding it (units.Existing(\"docker.service\", ..., u => u.DropIn(...)))");
        }

        var builder = new UnitDropInBuilder(unit);
        configure(builder);
        var content = builder.Build().ToText();
        return DropIns(list => list.Add(d => d.Name(name).Content(content)));
    }
}
