using CoreosDsl.Systemd;

namespace CoreosDsl.CloudConfig;

/// <summary>
/// The hand-written half of the generated <c>coreos.units</c> list builder: adding units built with the typed
/// unit builders, stock units referenced by name, and raw unit text.
/// </summary>
public sealed partial class CoreosUnitsBuilder
{
    /// <summary>Adds a unit built with the typed builders; coreos-cloudinit writes its content.</summary>
    /// <param name="unit">The unit file.</param>
    /// <param name="command">The command to run after writing it, if any.</param>
    /// <param name="configure">Further settings of the entry (enable, runtime, mask, drop_ins).</param>
    /// <returns>This builder.</returns>
    public CoreosUnitsBuilder Add(UnitFile unit, UnitCommand? command = null, Action<CoreosUnitBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return Add(entry =>
        {
            entry.Name(unit.Name.Value);
            if (command is { } c)
            {
                entry.Command(c);
            }

            entry.Content(unit.ToText());
            configure?.Invoke(entry);
        });
    }

    /// <summary>
    /// References a unit that already exists on the machine (a stock unit such as <c>fleet.service</c>): the
    /// entry has a name and a command but no content.
    /// </summary>
    /// <param name="name">The unit name.</param>
    /// <param name="command">The command to run.</param>
    /// <param name="configure">Further settings of the entry (enable, mask, drop_ins).</param>
    /// <returns>This builder.</returns>
    public CoreosUnitsBuilder Existing([SystemdSyntax("unit-name")] string name, UnitCommand command, Action<CoreosUnitBuilder>? configure = null)
    {
        UnitName.Parse(name);
        return Add(entry =>
        {
            entry.Name(name);
            entry.Command(command);
            configure?.Invoke(entry);
        });
    }

    /// <summary>
    /// Adds a unit from raw text (for content the typed builders cannot express). Prefer the typed builders:
    /// raw text is only checked for its unit name.
    /// </summary>
    /// <param name="name">The unit name.</param>
    /// <param name="content">The whole unit file text.</param>
    /// <param name="command">The command to run after writing it, if any.</param>
    /// <returns>This builder.</returns>
    public CoreosUnitsBuilder Raw([SystemdSyntax("unit-name")] string name, [CloudConfigFormat("unit-content")] string content, UnitCommand? command = null)
    {
        UnitName.Parse(name);
        return Add(entry =>
        {
            entry.Name(name);
            if (command is { } c)
            {
                entry.Command(c);
            }

            entry.Content(content);
        });
    }
}
