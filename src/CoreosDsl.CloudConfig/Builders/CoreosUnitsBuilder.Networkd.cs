using CoreosDsl.Networkd;

namespace CoreosDsl.CloudConfig;

/// <summary>networkd files in <c>coreos.units</c>: coreos-cloudinit writes them to /etc/systemd/network and restarts systemd-networkd.</summary>
public sealed partial class CoreosUnitsBuilder
{
    /// <summary>Adds a networkd file built with the typed networkd builders (see <see cref="NetworkdFiles"/>).</summary>
    /// <param name="file">The file.</param>
    /// <param name="configure">Further settings of the entry (<c>runtime: true</c> writes it under /run instead).</param>
    /// <returns>This builder.</returns>
    public CoreosUnitsBuilder Add(NetworkdFile file, Action<CoreosUnitBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Add(entry =>
        {
            entry.Name(file.Name).Content(file.ToText());
            configure?.Invoke(entry);
        });
    }

    /// <summary>Adds a <c>.network</c> file: which links it matches and how systemd-networkd configures them.</summary>
    /// <param name="name">The file name (<c>10-static.network</c>).</param>
    /// <param name="configure">Sets its sections: <c>n =&gt; n.Match(m =&gt; m.Name("eth0")).Network(x =&gt; x.Address("10.0.0.5/24"))</c>.</param>
    /// <returns>This builder.</returns>
    public CoreosUnitsBuilder Network(string name, Action<NetworkFileBuilder> configure) => Add(NetworkdFiles.Network(name, configure));

    /// <summary>Adds a <c>.netdev</c> file: a virtual network device (VLAN, bridge, bond, VXLAN ...) systemd-networkd creates.</summary>
    /// <param name="name">The file name (<c>10-br0.netdev</c>).</param>
    /// <param name="configure">Sets its sections: <c>d =&gt; d.NetDev(x =&gt; x.Name("br0").Kind(NetDevKind.Bridge))</c>.</param>
    /// <returns>This builder.</returns>
    public CoreosUnitsBuilder NetDev(string name, Action<NetDevFileBuilder> configure) => Add(NetworkdFiles.NetDev(name, configure));

    /// <summary>Adds a <c>.link</c> file: how udev names and sets up a matching network device.</summary>
    /// <param name="name">The file name (<c>10-lan.link</c>).</param>
    /// <param name="configure">Sets its sections: <c>l =&gt; l.Match(m =&gt; m.MACAddress("52:54:00:12:34:56")).Link(x =&gt; x.Name("lan0"))</c>.</param>
    /// <returns>This builder.</returns>
    public CoreosUnitsBuilder Link(string name, Action<LinkFileBuilder> configure) => Add(NetworkdFiles.Link(name, configure));
}
