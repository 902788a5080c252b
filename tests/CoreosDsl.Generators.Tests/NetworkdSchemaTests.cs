using Microsoft.CodeAnalysis;

namespace CoreosDsl.Generators.Tests;

public class NetworkdSchemaTests
{
    private static AdditionalText Schema(string text) => new InMemoryAdditionalText("/schemas/test.schema", text);

    [Fact]
    public void The_bundled_schemas_generate_a_builder_per_file_type_and_section_without_diagnostics()
    {
        var run = GeneratorHarness.Run(BundledSchemas.Networkd());

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("Networkd.Enums.g.cs", run.HintNames);
        Assert.Contains("Networkd.NetworkFileBuilder.g.cs", run.HintNames);
        Assert.Contains("Networkd.NetDevVLANSection.g.cs", run.HintNames);
        Assert.Contains("Networkd.LinkLinkSection.g.cs", run.HintNames);
        Assert.Contains("Networkd.NetworkDHCPSection.g.cs", run.HintNames); // [DHCP], the old name, reads fewer settings than [DHCPv4]

        var file = run.Generated("Networkd.NetworkFileBuilder.g.cs");
        Assert.Contains("public NetworkFileBuilder DHCPv4(global::System.Action<NetworkDHCPv4Section> configure)", file);
        Assert.Contains("configure(AddSection(() => new NetworkAddressSection(this, \"Address\")));", file); // repeat: a section per call
        var network = run.Generated("Networkd.NetworkNetworkSection.g.cs");
        Assert.Contains("public NetworkNetworkSection Address(global::System.Net.IPAddress address, int prefixLength)", network);
        Assert.Contains("public NetworkNetworkSection DHCP(DhcpMode value)", network);
        Assert.Contains("Set(\"IPv6HopLimit\", value, v => global::CoreosDsl.Networkd.NetworkdValue.UInt(v, 1UL, 255UL));", network);
        Assert.Contains("BondMode.Ieee802_3ad => \"802.3ad\",", run.Generated("Networkd.Enums.g.cs"));
    }

    [Fact]
    public void A_directive_of_an_unknown_kind_is_reported_at_its_line()
    {
        var run = GeneratorHarness.Run([Schema("schema networkd\nfile network Match\nsection network Match\nName interface-ish\n")]);

        var d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("CDSL001", d.Id);
        Assert.Contains("unknown networkd kind 'interface-ish'", d.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(3, d.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void A_section_no_file_lists_and_an_undeclared_enum_are_reported()
    {
        var run = GeneratorHarness.Run([Schema("schema networkd\nfile network Match\nsection network Route repeat\nGateway gateway\nsection network Match\nName enum:Nowhere\n")]);

        Assert.Equal(2, run.GeneratorDiagnostics.Count(d => d.Id == "CDSL003"));
        Assert.Contains(run.GeneratorDiagnostics, d => d.GetMessage().Contains("the networkd enum Nowhere is used but not declared", StringComparison.Ordinal));
        Assert.Contains(run.GeneratorDiagnostics, d => d.GetMessage().Contains("section network Route is not listed", StringComparison.Ordinal));
    }
}
