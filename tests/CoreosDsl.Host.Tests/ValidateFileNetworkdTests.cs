using System.Text;
using CoreosDsl.CloudConfig;
using CoreosDsl.CloudConfig.Validation;
using CoreosDsl.Networkd;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// <c>validate FILE</c> checks the networkd files of a cloud-config's <c>coreos.units</c> (static addresses, bonds,
/// VLANs, bridges written as raw text): unknown sections and directives with a suggestion, and values the networkd
/// schema refuses, each at the line of the YAML file where the networkd text says it.
/// </summary>
public class ValidateFileNetworkdTests
{
    private const string Broken = """
        #cloud-config
        coreos:
          units:
          - name: 00-eth0.network
            runtime: true
            content: |
              [Match]
              Name=eth0

              [Network]
              Adress=10.0.0.5/24
              Gateway=10.0.0.300
              DHCP=sometimes

              [Adress]
              Address=10.0.0.6/24
          - name: 10-bond0.netdev
            content: |
              [NetDev]
              Name=bond0
              Kind=bond

              [Bond]
              Mode=802.3ad
              MIIMonitorSec=1x

              [VLAN]
              Id=10
          - name: 20-lan.link
            content: |
              [Match]
              MACAddress=52:54:00:12:34

        """;

    private readonly string folder = TestPaths.NewScratchDirectory("validate-networkd");

    private static List<(string Id, int Line)> Found(string yaml) =>
        [.. CloudConfigUnitChecks.Check(CloudConfigValidator.Validate(Encoding.UTF8.GetBytes(yaml), CloudConfigDialect.Flatcar)).Entries
            .Where(e => e.RuleId.StartsWith("CDSL", StringComparison.Ordinal)).Select(e => (e.RuleId, e.Line))];

    [Fact]
    public void EachProblemIsReportedAtItsLine()
    {
        Assert.Equal(
            [("CDSL240", 11), ("CDSL214", 12), ("CDSL214", 13), ("CDSL241", 15), ("CDSL214", 25), ("CDSL241", 27), ("CDSL214", 32)],
            Found(Broken));
    }

    [Fact]
    public void TheCommandSuggestsTheDirectiveAndExplains()
    {
        File.WriteAllText(Path.Combine(folder, "net.yml"), Broken);

        var result = Cli.Run(Cli.Fleet, folder, "validate", "net.yml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[Network] Adress= is not a directive of [Network] in .network files; did you mean Address=?", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--> net.yml:12:7\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[VLAN] is not a section of .netdev files of Kind=bond (it belongs to another Kind=)", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void RealWorldFilesStayOk()
    {
        var units = new StringBuilder("#cloud-config\ncoreos:\n  units:\n");
        foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.TestData, "networkd")).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            units.Append("  - name: ").Append(Path.GetFileName(file)).Append("\n    content: |\n");
            foreach (var line in File.ReadAllText(file).TrimEnd('\n').Split('\n'))
            {
                units.Append(line.Length == 0 ? "" : "      " + line).Append('\n');
            }
        }

        Assert.Empty(Found(units.ToString()));
    }

    [Fact]
    public void AFileWrittenToTheNetworkDirectoryIsCheckedToo()
    {
        const string yaml = """
            #cloud-config
            write_files:
            - path: /etc/systemd/network/10-static.network
              permissions: "0644"
              content: |
                [Match]
                Name=eth0
                [Network]
                DNS=1.1.1.1:99999
            - path: /etc/other/10-static.network
              content: |
                [Nothing]
            """;
        Assert.Equal([("CDSL214", 9)], Found(yaml));
    }

    [Fact]
    public void AnIgnitionFileUnderTheNetworkDirectoryIsChecked()
    {
        var eth0 = Ignition.DataUrl.FromText("[Match]\nName=eth0\n\n[Network]\nDHCP=ipv4\nGatway=10.0.0.1\n");
        var eth1 = Ignition.DataUrl.FromText("[Match]\nName=eth1\n\n[Network]\nDHCP=yes\n");
        var json = $$"""
            {
              "ignition": { "version": "3.3.0" },
              "storage": {
                "files": [
                  {
                    "path": "/etc/systemd/network/00-eth0.network",
                    "contents": { "source": "{{eth0}}" }
                  },
                  {
                    "path": "/etc/systemd/network/01-eth1.network",
                    "contents": { "source": "{{eth1}}" }
                  }
                ]
              }
            }
            """;

        var entry = Assert.Single(IgnitionFileValidation.Validate(Encoding.UTF8.GetBytes(json)).Entries);

        Assert.Equal("CDSL240", entry.Rule);
        Assert.Equal(7, entry.Line);
        Assert.StartsWith("/etc/systemd/network/00-eth0.network:6: [Network] Gatway= is not a directive", entry.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean Gateway=?", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateChecksRawNetworkdTextOfAWorker()
    {
        var worker = Worker.Define("node-1", w => w.Coreos(c => c.Units(units => units
            .Add(item => item.Name("00-eth0.network").Content("[Match]\nName=eth0\n[Network]\nAddress=10.0.0.5/33\n"))
            .Network("01-eth1.network", n => n.Match(m => m.Name("eth1")).Network(x => x.DHCP(DhcpMode.Yes))))));

        var finding = Assert.Single(worker.Validate());

        Assert.Equal("CDSL214", finding.Id);
        Assert.Equal("00-eth0.network [Network] Address=", finding.Where);
    }
}
