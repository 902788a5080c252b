using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Reflection;
using CoreosDsl.Networkd;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.CloudConfig.Tests;

/// <summary>
/// Every generated networkd builder method, every overload and every enum value, at both ends of every range,
/// writes a line systemd-networkd (or udev, for .link) 252 reads without a word. The directives and their kinds
/// come from the schema files; the methods are found by reflection, and the test fails if one is never called.
/// </summary>
[Trait("Category", "Oracle")]
public sealed class NetworkdBuilderOracleTests
{
    /// <summary>A valid value for each directive whose kind alone does not give one (strings, and addresses with a family or range).</summary>
    private static readonly Dictionary<string, string> Samples = new(StringComparer.Ordinal)
    {
        ["Match.Architecture"] = "x86-64", ["Match.Credential"] = "net.config", ["Match.Firmware"] = "uefi", ["Match.Host"] = "node1",
        ["Match.KernelCommandLine"] = "console", ["Match.KernelVersion"] = ">=4.0", ["Match.Virtualization"] = "vm",
        ["Match.Property"] = "ID_NET_DRIVER=virtio_net", ["Match.WLANInterfaceType"] = "station",
        ["Link.Alias"] = "uplink", ["Link.Description"] = "Uplink port", ["Link.Port"] = "tp", ["Link.WakeOnLan"] = "magic",
        ["Link.RequiredForOnline"] = "degraded",
        ["NetDev.Description"] = "Virtual device", ["Bridge.DefaultPVID"] = "none",
        ["VLAN.EgressQOSMaps"] = "1-2", ["VLAN.IngressQOSMaps"] = "3-4",
        ["VXLAN.Group"] = "239.1.1.1", ["VXLAN.Remote"] = "10.0.0.2", ["VXLAN.Local"] = "10.0.0.5", ["VXLAN.IPDoNotFragment"] = "inherit",
        ["VXLAN.PortRange"] = "1000-2000", ["VXLAN.TTL"] = "64",
        ["Address.Broadcast"] = "yes", ["Address.Label"] = "eth9:0", ["Address.NetLabel"] = "unlabeled", ["Address.PreferredLifetime"] = "forever",
        ["Address.Peer"] = "10.0.0.6/24",
        ["DHCPv4.AllowList"] = "192.168.1.1", ["DHCPv4.DenyList"] = "192.168.1.0/24", ["DHCPv4.DUIDRawData"] = "00:00:ab:11:f9:2a",
        ["DHCPv4.DUIDType"] = "vendor", ["DHCPv4.FallbackLeaseLifetimeSec"] = "forever", ["DHCPv4.Hostname"] = "node1",
        ["DHCPv4.IPServiceType"] = "CS6", ["DHCPv4.Label"] = "dhcp0", ["DHCPv4.MUDURL"] = "https://example.com/mud.json",
        ["DHCPv4.MaxAttempts"] = "10", ["DHCPv4.NetLabel"] = "unlabeled", ["DHCPv4.RequestOptions"] = "42", ["DHCPv4.RouteTable"] = "100",
        ["DHCPv4.SendOption"] = "200:string:cluster", ["DHCPv4.SendVendorOption"] = "1:string:coreos", ["DHCPv4.UserClass"] = "worker",
        ["DHCPv4.VendorClassIdentifier"] = "coreosdsl",
        ["Network.DNSSECNegativeTrustAnchors"] = "internal.example.com", ["Network.Description"] = "Cluster network",
        ["Network.Domains"] = "~cluster.local", ["Network.EmitLLDP"] = "nearest-bridge", ["Network.IPv4LLStartAddress"] = "169.254.1.2",
        ["Network.IPv6ProxyNDPAddress"] = "fd00::2", ["Network.IPv6StableSecretAddress"] = "fd00::1", ["Network.IgnoreCarrierLoss"] = "5s",
        ["Network.LLDP"] = "routers-only", ["Network.NTP"] = "ntp.example.com",
        ["Route.MultiPathRoute"] = "10.0.0.1@eth9 10", ["Route.PreferredSource"] = "10.0.0.5", ["Route.Protocol"] = "static",
        ["Route.TCPCongestionControlAlgorithm"] = "bbr", ["Route.Table"] = "main", ["Route.Destination"] = "10.1.0.0/16",
        ["Route.Source"] = "10.2.0.0/16",
    };

    private static readonly Dictionary<string, string> KindSamples = new(StringComparer.Ordinal)
    {
        ["mac"] = "52:54:00:12:34:56", ["list:mac"] = "52:54:00:12:34:56", ["address"] = "10.0.0.1", ["list:address"] = "10.0.0.1",
        ["prefix"] = "10.0.0.5/24", ["gateway"] = "10.0.0.1", ["dns"] = "1.1.1.1", ["ifname"] = "eth9", ["list:ifname"] = "eth9",
        ["list:glob"] = "en*", ["timespan"] = "5s", ["bytes"] = "1500",
    };

    // The netdev sections of one kind each, and the kind a file needs for networkd to read them.
    private static readonly Dictionary<string, NetDevKind> KindSections = new(StringComparer.Ordinal)
    {
        ["VLAN"] = NetDevKind.Vlan, ["Bridge"] = NetDevKind.Bridge, ["Bond"] = NetDevKind.Bond, ["MACVLAN"] = NetDevKind.Macvlan, ["VXLAN"] = NetDevKind.Vxlan,
    };

    private readonly HashSet<MethodInfo> called = [];

    [Fact]
    public void Every_builder_method_writes_lines_systemd_reads()
    {
        var schema = ReadSchema();
        var variants = 12;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var v = 0; v < variants; v++)
        {
            var variant = v;
            files[$"v{v}.network"] = NetworkdFiles.Network($"v{v}.network", n =>
            {
                foreach (var section in new[] { "Match", "Link", "Network", "Address", "Route", variant % 2 == 0 ? "DHCPv4" : "DHCP" })
                {
                    Configure(n, section, schema[("network", section)], section.StartsWith("DHCP", StringComparison.Ordinal) ? variant / 2 : variant); // each in every other file
                }
            }).ToText();
            files[$"v{v}.link"] = NetworkdFiles.Link($"v{v}.link", l =>
            {
                Configure(l, "Match", schema[("link", "Match")], variant);
                Configure(l, "Link", schema[("link", "Link")], variant);
            }).ToText();
            files[$"v{v}-match.netdev"] = NetworkdFiles.NetDev($"v{v}-match.netdev", d =>
            {
                Configure(d, "Match", schema[("netdev", "Match")], variant);
                d.NetDev(x => x.Name($"m{variant}").Kind(NetDevKind.Dummy));
            }).ToText();
            foreach (var (section, kind) in KindSections)
            {
                var name = $"n{v}{section.ToLowerInvariant()}";
                files[$"{name}.netdev"] = NetworkdFiles.NetDev($"{name}.netdev", d =>
                {
                    Configure(d, "NetDev", schema[("netdev", "NetDev")].Where(x => x.Name is not ("Name" or "Kind")), variant);
                    d.NetDev(x => x.Name(name).Kind(kind));
                    Configure(d, section, schema[("netdev", section)], variant);
                }).ToText();
            }
        }

        foreach (var kind in Enum.GetValues<NetDevKind>())
        {
            var name = $"k{(int)kind}";
            files[$"{name}.netdev"] = NetworkdFiles.NetDev($"{name}.netdev", d => d.NetDev(x => x.Name(name).Kind(kind))).ToText();
            called.Add(typeof(NetDevNetDevSection).GetMethod("Kind")!);
            called.Add(typeof(NetDevNetDevSection).GetMethod("Name")!);
        }

        // Every public method of every generated section builder was called.
        var all = typeof(NetworkdFile).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(NetworkdSectionBuilder)) && t != typeof(NetworkdRawSection))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .ToList();
        Assert.True(all.Count >= 300, $"only {all.Count} generated methods");
        Assert.Empty(all.Where(m => !called.Contains(m)).Select(m => $"{m.DeclaringType!.Name}.{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))})"));

        // A line systemd refuses is logged as NAME:LINE: message; file-level notes (a bridge port without its bridge) have no line.
        var refused = NetworkdCheck.Messages(files).Where(m => m.Split(':') is [_, var line, ..] && line.All(char.IsAsciiDigit)).ToList();
        Assert.True(refused.Count == 0, "systemd refused lines the builders wrote:\n" + string.Join('\n', refused.Select(m => m + "\n    " + LineOf(files, m))));
    }

    private static string LineOf(Dictionary<string, string> files, string message)
    {
        var parts = message.Split(':');
        return files.TryGetValue(parts[0], out var text) ? text.Split('\n')[int.Parse(parts[1], CultureInfo.InvariantCulture) - 1] : "";
    }

    private void Configure(object fileBuilder, string section, IEnumerable<(string Name, string Kind, ulong? Min, ulong? Max)> directives, int variant)
    {
        var method = fileBuilder.GetType().GetMethod(section)!;
        var sectionType = method.GetParameters()[0].ParameterType.GetGenericArguments()[0];
        var wrap = typeof(NetworkdBuilderOracleTests).GetMethod(nameof(Wrap), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(sectionType);
        var sectionName = section == "DHCP" ? "DHCPv4" : section; // the same samples
        var action = wrap.Invoke(null, [(Action<object>)(builder =>
        {
            foreach (var d in directives)
            {
                var overloads = sectionType.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                    .Where(m => m.Name == d.Name).OrderBy(m => string.Join(",", m.GetParameters().Select(p => p.ParameterType.Name)), StringComparer.Ordinal).ToList();
                Assert.NotEmpty(overloads);
                var overload = overloads[variant % overloads.Count];
                called.Add(overload);
                overload.Invoke(builder, Arguments(overload, $"{sectionName}.{d.Name}", d.Kind, d.Min, d.Max, variant));
            }
        })]);
        method.Invoke(fileBuilder, [action]);
    }

    private static Action<T> Wrap<T>(Action<object> configure) => x => configure(x!);

    private static object?[] Arguments(MethodInfo method, string key, string kind, ulong? min, ulong? max, int variant)
    {
        var sample = Samples.GetValueOrDefault(key)
            ?? (kind is "ifname" or "list:ifname" ? InterfaceName(key) : null)
            ?? KindSamples.GetValueOrDefault(kind) ?? "";
        var parameters = method.GetParameters();
        if (parameters.Length == 2)
        {
            var prefix = IPPrefix.Parse(sample);
            return [prefix.Address, prefix.Length];
        }

        var type = parameters[0].ParameterType;
        object One(Type t) =>
            t == typeof(string) ? sample
            : t == typeof(bool) ? variant % 2 == 0
            : t == typeof(ulong) ? (kind == "bytes" ? 1500UL : variant % 2 == 0 ? min ?? 1 : max ?? 1)
            : t == typeof(TimeSpan) ? TimeSpan.FromSeconds(5 + variant)
            : t == typeof(PhysicalAddress) ? PhysicalAddress.Parse(sample.Replace(':', '-'))
            : t == typeof(IPAddress) ? IPAddress.Parse(sample)
            : t == typeof(IPPrefix) ? IPPrefix.Parse(sample)
            : t.IsEnum ? Enum.GetValues(t).GetValue(variant % Enum.GetValues(t).Length)!
            : throw new InvalidOperationException($"no sample for {t} ({key})");
        if (type.IsArray)
        {
            var array = Array.CreateInstance(type.GetElementType()!, 1);
            array.SetValue(One(type.GetElementType()!), 0);
            return [array];
        }

        return [One(type)];
    }

    // One name per directive: a link that stacks the same name twice (VLAN= and MACVLAN=) is refused as a duplicate.
    private static string InterfaceName(string key)
    {
        var name = "x" + key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..];
        return name.Length > 15 ? name[..15] : name;
    }

    private static Dictionary<(string File, string Section), List<(string Name, string Kind, ulong? Min, ulong? Max)>> ReadSchema()
    {
        var result = new Dictionary<(string, string), List<(string, string, ulong?, ulong?)>>();
        List<(string, string, ulong?, ulong?)>? current = null;
        foreach (var path in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "generators", "schemas", "networkd"), "*.schema"))
        {
            foreach (var raw in File.ReadLines(path))
            {
                var line = raw.Split(" -- ")[0];
                var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 0 || words[0].StartsWith('#') || words[0] is "schema" or "file" or "enum")
                {
                    continue;
                }

                if (words[0] == "section")
                {
                    current = [];
                    result[(words[1], words[2])] = current;
                    continue;
                }

                var range = words.FirstOrDefault(w => w.StartsWith("range=", StringComparison.Ordinal))?[6..].Split('-');
                current?.Add((words[0], words[1], range is null ? null : ulong.Parse(range[0], CultureInfo.InvariantCulture), range is null ? null : ulong.Parse(range[1], CultureInfo.InvariantCulture)));
            }
        }

        return result;
    }
}
