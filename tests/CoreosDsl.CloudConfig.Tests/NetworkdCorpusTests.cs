using System.Net;
using System.Net.NetworkInformation;
using CoreosDsl.Networkd;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.CloudConfig.Tests;

/// <summary>
/// The networkd corpus (tests/TestData/networkd, see its README): files of our own in the shapes public
/// cloud-configs use (static addresses, DHCP, VLAN, bridge, bond, weave and flannel interfaces, .link renames).
/// The typed builders reproduce each byte for byte, and systemd-networkd and udev 252 read each without a word.
/// </summary>
public sealed class NetworkdCorpusTests
{
    private static readonly string Folder = Path.Combine(TestPaths.TestData, "networkd");

    /// <summary>How each corpus file is written with the builders, as a worker would write it.</summary>
    public static readonly Dictionary<string, Func<NetworkdFile>> Builders = new(StringComparer.Ordinal)
    {
        ["00-eth0.network"] = () => NetworkdFiles.Network("00-eth0.network", n => n
            .Match(m => m.Name("eth0"))
            .Network(x => x.Address(IPAddress.Parse("10.0.1.7"), 24).Gateway(IPAddress.Parse("10.0.1.1")).DNS("8.8.8.8").DNS("8.8.4.4"))),
        ["00-static.network"] = () => NetworkdFiles.Network("00-static.network", n => n
            .Match(m => m.MACAddress(PhysicalAddress.Parse("52-54-00-A1-B2-C3")))
            .Network(x => x.Address("192.168.109.2/24").Gateway("192.168.109.1").DNS("192.168.109.1").Domains("cluster.local", "example.com"))),
        ["20-dhcp.network"] = () => NetworkdFiles.Network("20-dhcp.network", n => n
            .Match(m => m.Name("en*"))
            .Network(x => x.DHCP(DhcpMode.Yes))
            .DHCP(d => d.UseMTU(true).RouteMetric(512))),
        ["30-dhcp-private.network"] = () => NetworkdFiles.Network("30-dhcp-private.network", n => n
            .DHCPv4(d => d.UseDNS(false).UseHostname(false).SendHostname(true))
            .Network(x => x.DHCP(DhcpMode.Ipv4).LinkLocalAddressing(LinkLocalAddressingMode.No).IPv6AcceptRA(false))
            .Match(m => m.Name("eth1"))),
        ["10-public-ipv6.network"] = () => NetworkdFiles.Network("10-public-ipv6.network", n => n
            .Match(m => m.Name("eth0"))
            .Network(x => x.DHCP(DhcpMode.No))
            .Address(a => a.Address(IPPrefix.Parse("203.0.113.10/24")))
            .Address(a => a.Address("2001:db8:1::10/64"))
            .Route(r => r.Gateway("203.0.113.1"))
            .Route(r => r.Gateway(IPAddress.Parse("2001:db8:1::1")).GatewayOnLink(true))
            .Route(r => r.Destination("10.8.0.0/16").Gateway("203.0.113.254").Metric(100))),
        ["00-vlan10.netdev"] = () => NetworkdFiles.NetDev("00-vlan10.netdev", d => d
            .NetDev(x => x.Name("vlan10").Kind(NetDevKind.Vlan))
            .VLAN(v => v.Id(10))),
        ["10-eth0-vlan.network"] = () => NetworkdFiles.Network("10-eth0-vlan.network", n => n
            .Match(m => m.Name("eth0"))
            .Network(x => x.DHCP(DhcpMode.Yes).VLAN("vlan10"))),
        ["20-vlan10.network"] = () => NetworkdFiles.Network("20-vlan10.network", n => n
            .Match(m => m.Name("vlan10"))
            .Network(x => x.Address("10.10.0.5/24"))),
        ["00-br0.netdev"] = () => NetworkdFiles.NetDev("00-br0.netdev", d => d
            .NetDev(x => x.Name("br0").Kind(NetDevKind.Bridge))
            .Bridge(b => b.STP(false).ForwardDelaySec(TimeSpan.Zero))),
        ["10-br0-port.network"] = () => NetworkdFiles.Network("10-br0-port.network", n => n
            .Match(m => m.Name("eth0"))
            .Network(x => x.Bridge("br0"))),
        ["20-br0.network"] = () => NetworkdFiles.Network("20-br0.network", n => n
            .Match(m => m.Name("br0"))
            .Network(x => x.Address("192.168.1.20/24").Gateway("192.168.1.1").DNS("192.168.1.1").IPForward(IPForwardMode.Yes))),
        ["00-bond0.netdev"] = () => NetworkdFiles.NetDev("00-bond0.netdev", d => d
            .NetDev(x => x.Name("bond0").Kind(NetDevKind.Bond))
            .Bond(b => b.Mode(BondMode.Ieee802_3ad).TransmitHashPolicy(BondTransmitHashPolicy.Layer3_4).LACPTransmitRate(LacpTransmitRate.Fast)
                .MIIMonitorSec(TimeSpan.FromMilliseconds(100)))),
        ["10-bond0-slaves.network"] = () => NetworkdFiles.Network("10-bond0-slaves.network", n => n
            .Match(m => m.Name("eth0", "eth1"))
            .Network(x => x.Bond("bond0"))),
        ["20-bond0.network"] = () => NetworkdFiles.Network("20-bond0.network", n => n
            .Match(m => m.Name("bond0"))
            .Network(x => x.DHCP(DhcpMode.Yes))),
        ["10-weave.network"] = () => NetworkdFiles.Network("10-weave.network", n => n
            .Match(m => m.Name("weave"))
            .Network(x => x.Address("10.32.0.1/12").DNS("172.17.0.1"))),
        ["50-container-interfaces.network"] = () => NetworkdFiles.Network("50-container-interfaces.network", n => n
            .Match(m => m.Name("docker*", "veth*", "flannel*", "cni*", "weave*"))
            .Link(l => l.Unmanaged(true))),
        ["40-flannel.netdev"] = () => NetworkdFiles.NetDev("40-flannel.netdev", d => d
            .NetDev(x => x.Name("flannel.1").Kind(NetDevKind.Vxlan).MTUBytes(1450))
            .VXLAN(v => v.VNI(1).Local("10.0.1.7").DestinationPort(8472).MacLearning(false))),
        ["10-lan0.link"] = () => NetworkdFiles.Link("10-lan0.link", l => l
            .Match(m => m.MACAddress("52:54:00:a1:b2:c3"))
            .Link(x => x.Name("lan0").MTUBytes("9000"))),
        ["99-default.link"] = () => NetworkdFiles.Link("99-default.link", l => l
            .Match(m => m.OriginalName("*"))
            .Link(x => x.NamePolicy(NamePolicy.Kernel, NamePolicy.Database, NamePolicy.Onboard, NamePolicy.Slot, NamePolicy.Path)
                .MACAddressPolicy(MacAddressPolicy.Persistent))),
    };

    private static IEnumerable<string> CorpusFiles() =>
        Directory.EnumerateFiles(Folder).Select(Path.GetFileName).Where(n => NetworkdFile.KindOf(n!) is not null)!;

    [Fact]
    public void The_builders_reproduce_every_corpus_file_byte_for_byte()
    {
        var files = CorpusFiles().ToList();
        Assert.True(files.Count >= 15, $"only {files.Count} corpus files");
        Assert.Equal(files.Order(StringComparer.Ordinal), Builders.Keys.Order(StringComparer.Ordinal));
        foreach (var name in files)
        {
            var built = Builders[name]();
            Assert.Equal(File.ReadAllText(Path.Combine(Folder, name)), built.ToText());
            Assert.Equal(name, built.Name);
        }
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void Systemd_networkd_and_udev_read_every_corpus_file_without_a_word()
    {
        var files = CorpusFiles().ToDictionary(n => n, n => File.ReadAllText(Path.Combine(Folder, n)), StringComparer.Ordinal);

        Assert.Empty(NetworkdCheck.Messages(files));
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void The_oracle_reports_a_refused_line()
    {
        // The oracle itself must be able to fail: a key networkd does not know and a VLAN ID out of range.
        var messages = NetworkdCheck.Messages(new Dictionary<string, string>
        {
            ["10-bad.network"] = "[Match]\nName=eth0\n\n[Network]\nAdress=10.0.0.1/24\n",
            ["20-bad.netdev"] = "[NetDev]\nName=vlan9\nKind=vlan\n\n[VLAN]\nId=5000\n",
            ["30-bad.link"] = "[Match]\nOriginalName=x\n\n[Link]\nMTUBytes=abc\n",
        });

        Assert.Contains(messages, m => m.StartsWith("10-bad.network:5:", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("20-bad.netdev:6:", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("30-bad.link:5:", StringComparison.Ordinal));
    }
}
