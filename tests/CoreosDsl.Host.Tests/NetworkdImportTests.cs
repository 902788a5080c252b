using CoreosDsl.CloudConfig;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// <c>import</c> writes networkd entries of <c>coreos.units</c> with the typed networkd builders where every line
/// maps, keeping the rest raw under "Review" (the round trip of the whole corpus file is in ImportCorpusTests).
/// </summary>
public sealed class NetworkdImportTests
{
    private static readonly System.Reflection.Assembly Builders = typeof(Fleet.FleetWorkers).Assembly;

    private static ImportResult Import(string yaml) =>
        CloudConfigImporter.Import(yaml, new ImportOptions { WorkerName = "node-1", ClassName = "Node1", Namespace = "Imported", UnitBuilders = Builders });

    [Fact]
    public void TheCorpusFileBecomesTypedCalls()
    {
        var import = Import(File.ReadAllText(Path.Combine(TestPaths.TestData, "import-corpus", "32-networkd-bond-vlan-wireguard.yml")));

        Assert.Contains(".NetDev(\"10-bond0.netdev\", d => d", import.Source, StringComparison.Ordinal);
        Assert.Contains(".Mode(BondMode.Ieee802_3ad)", import.Source, StringComparison.Ordinal);
        Assert.Contains(".Match(m => m.Name(\"enp3s0f0\", \"enp3s0f1\"))", import.Source, StringComparison.Ordinal);
        Assert.Contains(".Add(NetworkdFiles.Network(\"50-vlan10.network\", n => n", import.Source, StringComparison.Ordinal);
        Assert.Contains(".RawSection(\"WireGuard\", s =>", import.Source, StringComparison.Ordinal);
        Assert.Contains(".Link(\"70-lan.link\", l => l", import.Source, StringComparison.Ordinal);
        Assert.Contains(import.Notes, n => n.StartsWith("coreos.units[80-mgmt.network]: content kept as raw text: the builders would not write this text byte for byte", StringComparison.Ordinal));
    }

    [Fact]
    public void ARefusedValueAndAnUnknownKeyStayRawAndAreListedForReview()
    {
        const string yaml = """
            #cloud-config
            coreos:
              units:
              - name: 10-eth0.network
                content: |
                  [Match]
                  Name=eth0

                  [Network]
                  Address=10.0.0.5/33
                  Gatway=10.0.0.1
                  DHCP=no

            """;

        var import = Import(yaml);

        Assert.Contains(".Network(\"10-eth0.network\", n => n", import.Source, StringComparison.Ordinal);
        Assert.Contains(".Raw(\"Address\", \"10.0.0.5/33\")", import.Source, StringComparison.Ordinal);
        Assert.Contains(".DHCP(DhcpMode.No)", import.Source, StringComparison.Ordinal);
        Assert.Contains(import.Notes, n => n.StartsWith("coreos.units[10-eth0.network]: [Network] Address=10.0.0.5/33 kept raw: ", StringComparison.Ordinal) && n.EndsWith("(CDSL214)", StringComparison.Ordinal));
        Assert.Contains(import.Notes, n => n == "coreos.units[10-eth0.network]: [Network] Gatway= kept raw: not a directive of [Network] (CDSL240)");
        Assert.Contains("// Review:", import.Source, StringComparison.Ordinal);

        var worker = GeneratedCode.Define(GeneratedCode.Compile([import.Source]), "Imported.Node1");
        Assert.True(CloudConfigYaml.Read(yaml, CloudConfigDialect.Flatcar).DeepEquals(CloudConfigYaml.Read(worker.ToYaml(), CloudConfigDialect.Flatcar)), worker.ToYaml());
    }

    [Fact]
    public void ButanesNetworkdFilesBecomeTypedCallsThatEmitTheSameConfig()
    {
        var corpus = Path.Combine(TestPaths.TestData, "ignition-import");
        var translation = ButaneImport.Translate(File.ReadAllText(Path.Combine(corpus, "18-networkd-static.bu")), corpus);
        var import = IgnitionImporter.Import(translation.Config, new ImportOptions { WorkerName = "node-1", ClassName = "Node1", Namespace = "Butane" }, translation.LocalFiles, "Butane config");

        Assert.Contains(".Inline(NetworkdFiles.Network(\"00-eth0.network\", n => n", import.Source, StringComparison.Ordinal);
        Assert.Contains(".Kind(NetDevKind.Vlan)", import.Source, StringComparison.Ordinal);
        Assert.Contains(".ToText())", import.Source, StringComparison.Ordinal);

        var worker = GeneratedCode.Define(GeneratedCode.Compile([import.Source], analyze: true), "Butane.Node1");
        Assert.Equal(FileTexts(translation.Config), FileTexts((System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(worker.ToIgnitionJson())!));
    }

    /// <summary>Each file of storage.files with the text its data URL holds.</summary>
    private static List<string> FileTexts(System.Text.Json.Nodes.JsonObject config) =>
        [.. config["storage"]!["files"]!.AsArray().Select(f => $"{f!["path"]}: {System.Text.Encoding.UTF8.GetString(Ignition.DataUrl.TryDecode((string)f["contents"]!["source"]!)!)}").Order(StringComparer.Ordinal)];
}
