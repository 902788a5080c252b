using CoreosDsl.Networkd;
using CoreosDsl.Systemd;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.CloudConfig.Tests;

/// <summary>
/// Values the networkd builders refuse: each is a located error at the call (file, section, directive, rule), and
/// the same line written raw is one systemd-networkd or udev 252 refuses too.
/// </summary>
public sealed class NetworkdValueTests
{
    /// <summary>File kind, section, directive, a bad value, and how the builders are called with it.</summary>
    public static readonly TheoryData<string, string, string, string> BadValues = new()
    {
        { "network", "Network", "Address", "10.0.0.300/24" },
        { "network", "Network", "Address", "10.0.0.5/33" },
        { "network", "Network", "Address", "010.0.0.5/24" },
        { "network", "Network", "Gateway", "10.0.0" },
        { "network", "Network", "DNS", "1.1.1.1:0" },
        { "network", "Network", "VLAN", "a-name-far-too-long" },
        { "network", "Route", "Destination", "fd00::/129" },
        { "network", "Link", "MACAddress", "52:54:00:12:34" },
        { "network", "Link", "MTUBytes", "1500X" },
        { "netdev", "NetDev", "Name", "eth/0" },
        { "link", "Link", "Name", "1234" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_bad_value_fails_at_the_call_naming_file_section_and_directive(string kind, string section, string directive, string value)
    {
        var e = Assert.Throws<UnitDefinitionException>(() => Build(kind, section, directive, value));

        Assert.Equal($"t.{kind}", e.Unit);
        Assert.Equal(section, e.Section);
        Assert.Equal(directive, e.Directive);
        Assert.Contains($"\"{value}\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void Systemd_refuses_each_of_them_too()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var row in BadValues)
        {
            var (kind, section, directive, value) = ((string)row[0], (string)row[1], (string)row[2], (string)row[3]);
            var head = kind switch
            {
                "network" => "[Match]\nName=eth0\n\n",
                "link" => "[Match]\nOriginalName=eth0\n\n",
                _ => "",
            };
            var body = section == "NetDev" ? $"[NetDev]\nKind=dummy\n{directive}={value}\n" : $"[{section}]\n{directive}={value}\n";
            files[$"bad{i++}.{kind}"] = head + body;
        }

        var messages = NetworkdCheck.Messages(files);

        Assert.All(files.Keys, name => Assert.Contains(messages, m => m.StartsWith(name + ":", StringComparison.Ordinal)));
    }

    private static NetworkdFile Build(string kind, string section, string directive, string value) => (kind, section, directive) switch
    {
        ("network", "Network", "Address") => NetworkdFiles.Network("t.network", n => n.Network(x => x.Address(value))),
        ("network", "Network", "Gateway") => NetworkdFiles.Network("t.network", n => n.Network(x => x.Gateway(value))),
        ("network", "Network", "DNS") => NetworkdFiles.Network("t.network", n => n.Network(x => x.DNS(value))),
        ("network", "Network", "VLAN") => NetworkdFiles.Network("t.network", n => n.Network(x => x.VLAN(value))),
        ("network", "Route", "Destination") => NetworkdFiles.Network("t.network", n => n.Route(x => x.Destination(value))),
        ("network", "Link", "MACAddress") => NetworkdFiles.Network("t.network", n => n.Link(x => x.MACAddress(value))),
        ("network", "Link", "MTUBytes") => NetworkdFiles.Network("t.network", n => n.Link(x => x.MTUBytes(value))),
        ("netdev", "NetDev", "Name") => NetworkdFiles.NetDev("t.netdev", d => d.NetDev(x => x.Name(value))),
        ("link", "Link", "Name") => NetworkdFiles.Link("t.link", l => l.Link(x => x.Name(value))),
        _ => throw new ArgumentException($"no builder call for {kind} {section} {directive}"),
    };
}
