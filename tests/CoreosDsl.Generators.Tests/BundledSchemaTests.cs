using Microsoft.CodeAnalysis;

namespace CoreosDsl.Generators.Tests;

public class BundledSchemaTests
{
    private const string SeedService = """
        using CoreosDsl.Systemd;
        public static class Definitions
        {
            public static UnitFile Locksmith() => Units.Service("locksmithd.service", s => s
                .Unit(u => u.Description("Cluster reboot manager").Requires("update-engine.service"))
                .Service(x => x.CPUShares(16).PrivateDevices(true).ExecStart("/usr/lib/locksmith/locksmithd")));
        }
        """;

    [Fact]
    public void BundledSystemdSchemaGeneratesCodeThatCompilesWithoutDiagnostics()
    {
        var run = GeneratorHarness.Run(BundledSchemas.Systemd());

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Assert.Contains("Systemd.ServiceSectionBuilder.g.cs", run.HintNames);
        Assert.Contains("Systemd.Units.g.cs", run.HintNames);
    }

    [Fact]
    public void BundledCloudConfigSchemaGeneratesCodeThatCompiles()
    {
        // The runtime assembly already contains these types; compile the generated text on its own name space
        // check instead: the generator must report nothing and produce one builder per object.
        var run = GeneratorHarness.Run([BundledSchemas.CloudConfig()]);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("CloudConfig.FleetBuilder.g.cs", run.HintNames);
        Assert.Contains("CloudConfig.CoreosUnitBuilder.g.cs", run.HintNames);
        Assert.Contains("CloudConfig.Schema.g.cs", run.HintNames);
    }

    [Theory]
    [InlineData(240, null)]
    [InlineData(249, null)]
    [InlineData(251, null)]
    [InlineData(252, "CDSL101")]
    [InlineData(257, "CDSL101")]
    [InlineData(258, "CDSL102")]
    public void DeprecationDependsOnTheTargetSystemdVersion(int version, string? expectedId)
    {
        var run = GeneratorHarness.Run(BundledSchemas.Systemd(), SeedService, version, asConsumer: true);

        var cpuShares = run.BuildDiagnostics.Where(d => d.GetMessage().Contains("CPUShares", StringComparison.Ordinal)).ToList();
        if (expectedId is null)
        {
            Assert.Empty(cpuShares);
            return;
        }

        var diagnostic = Assert.Single(cpuShares);
        Assert.Equal(expectedId, diagnostic.Id);
        Assert.Equal(expectedId == "CDSL102" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("Use CPUWeight= instead", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains($"systemd {version}", diagnostic.GetMessage(), StringComparison.Ordinal);
        // The location is the method's name at the call in the user's code, with the documented help link.
        Assert.Equal("User0.cs", diagnostic.Location.SourceTree?.FilePath);
        Assert.Equal("CPUShares", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Equal($"https://github.com/coreosdsl/CoreosDsl/blob/main/docs/diagnostics.md#{expectedId.ToLowerInvariant()}", diagnostic.Descriptor.HelpLinkUri);
        Assert.Equal($"'ServiceSectionBuilder.CPUShares(ulong)' is obsolete: 'CPUShares=: deprecated v252 (cgroup v1), ignored since v258 (target: systemd {version}{(version >= 258 ? ", which ignores it" : "")}). Use CPUWeight= instead.'",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void DefaultTargetIsSystemd252()
    {
        var run = GeneratorHarness.Run(BundledSchemas.Systemd(), SeedService, asConsumer: true);

        var diagnostic = Assert.Single(run.BuildDiagnostics);
        Assert.Equal("CDSL101", diagnostic.Id);
        Assert.Contains("systemd 252", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void BlockDirectivesThatOnlySomeUnitTypesAcceptAreErrorsElsewhere()
    {
        const string source = """
            using CoreosDsl.Systemd;
            public static class D
            {
                public static UnitFile S() => Units.Socket("a.socket", s => s.Socket(x => x.Delegate("yes")));
                public static UnitFile V() => Units.Service("a.service", s => s.Service(x => x.Delegate("yes")));
            }
            """;
        var run = GeneratorHarness.Run(BundledSchemas.Systemd(), source, asConsumer: true);

        var diagnostic = Assert.Single(run.CompilationDiagnostics);
        Assert.Equal("CDSL103", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("[Socket]", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidVersionPropertyIsReportedAndTheDefaultIsUsed()
    {
        var driver = GeneratorHarness.CreateDriver(BundledSchemas.Systemd(),
            new Dictionary<string, string> { ["build_property.CoreosDslSystemdVersion"] = "v252" });
        driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation(SeedService), out _, out var diagnostics);

        var d = Assert.Single(diagnostics);
        Assert.Equal("CDSL004", d.Id);
        Assert.Contains("'v252'", d.GetMessage(), StringComparison.Ordinal);
    }
}
