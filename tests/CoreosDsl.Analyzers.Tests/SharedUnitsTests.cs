using CoreosDsl.Analyzers.Tests.Support;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>
/// Units defined outside the Define lambda, as examples/Fleet keeps them: static properties, and methods of a helper
/// class that build a unit from their arguments (a port, another unit). The cross-unit rules follow them (constant
/// data flow through the call's arguments) and report at the place the worker adds the unit.
/// </summary>
public class SharedUnitsTests
{
    private const string Shared = """
        public static class Shared
        {
            public static UnitFile Volume { get; } = Units.Mount("var-lib-docker.mount", m => m.Mount(x => x.What("LABEL=DOCKER").Where("/var/lib/docker")));

            public static UnitFile Exporter(int port) => Units.Service("node-exporter.service", s => s
                .Unit(u => u.Requires("docker.service").After(Volume))
                .Service(x => x.ExecStart($"/usr/bin/exporter --port={port}")));

            public static UnitFile Ingress(UnitFile exporter) => Units.Service("ingress.service", s => s
                .Unit(u => u.Requires("docker.service", exporter.Name.Value).After(exporter))
                .Service(x => x.ExecStart("/usr/bin/ingress")));

            public static UnitFile Broken(UnitFile exporter)
            {
                return Units.Service("broken.service", s => s
                    .Unit(u => u.Requires("dockr.service").After(exporter))
                    .Service(x => x.ExecStart("/usr/bin/broken")));
            }
        }
        """;

    private static CompiledSnippet Compile(string units)
    {
        var compiled = AnalyzerHarness.Compile(ProjectSettings.Default, Snippets.Units(units), Shared);
        Assert.Empty(compiled.CompilerErrors);
        return compiled;
    }

    [Fact]
    public void UnitsBuiltByMethodsAreFollowedWithTheirArguments()
    {
        var compiled = Compile("""
            {
                var exporter = Shared.Exporter(9100);
                units.Add(Shared.Volume, UnitCommand.Start).Add(exporter, UnitCommand.Start).Add(Shared.Ingress(exporter), UnitCommand.Start);
            }
            """);

        Assert.Empty(compiled.AnalyzerDiagnostics);
    }

    [Fact]
    public void AReferenceToAUnitTheWorkerLacksIsFoundThroughTheMethod()
    {
        var compiled = Compile("""units.Add(Shared.Ingress(Shared.Exporter(9100)), UnitCommand.Start)""");

        // Requires= (through exporter.Name.Value) and After= (through the handle) both name the exporter.
        Assert.Equal(["CDSL220", "CDSL225"], compiled.AnalyzerDiagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(compiled.AnalyzerDiagnostics, d => Assert.Contains("'node-exporter.service'", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public void AMisspelledDependencyInAMethodWithABlockBodyIsFound()
    {
        var compiled = Compile("""
            {
                var exporter = Shared.Exporter(9100);
                units.Add(Shared.Volume, UnitCommand.Start).Add(exporter, UnitCommand.Start).Add(Shared.Broken(exporter), UnitCommand.Start);
            }
            """);

        var d = Assert.Single(compiled.AnalyzerDiagnostics);
        Assert.Equal("CDSL225", d.Id);
        Assert.Contains("names 'dockr.service'", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        AssertAt(d, "\"dockr.service\"");
    }

    [Fact]
    public void AFindingPointsAtTheLineOfTheSharedClassWhereTheValueIsWritten()
    {
        // Two workers add the same broken unit: one diagnostic, at the literal in the shared class.
        var compiled = AnalyzerHarness.Compile(
            ProjectSettings.Default,
            Snippets.Units("units.Add(Shared.Broken(Shared.Exporter(1)), UnitCommand.Start).Add(Shared.Exporter(1)).Add(Shared.Volume)"),
            Shared,
            """
            public static class Second
            {
                public static WorkerDefinition Define() => Worker.Define("second", w => w.Coreos(c => c.Units(units => units
                    .Add(Shared.Exporter(2)).Add(Shared.Volume).Add(Shared.Broken(Shared.Exporter(2)), UnitCommand.Start))));
            }
            """);
        Assert.Empty(compiled.CompilerErrors);

        var d = Assert.Single(compiled.AnalyzerDiagnostics, d => d.Id == "CDSL225");
        AssertAt(d, "\"dockr.service\"");
    }

    private const string Helpers = """
        public static class Helpers
        {
            public static readonly string AppName = "web";

            // A block body: locals, a parameter used inside the unit, one return at the end.
            public static UnitFile Backup(string target)
            {
                var name = "backup.service";
                var unit = Units.Service(name, s => s
                    .Unit(u => u.Requires(target).After(target))
                    .Service(x => x.Type(ServiceType.Oneshot).ExecStart("/usr/bin/backup")));
                return unit;
            }

            // A name made of a parameter and a read-only field.
            public static UnitFile App(string suffix) => Units.Service($"{AppName}-{suffix}.service", s => s
                .Service(x => x.ExecStart("/usr/bin/app")));

            // A helper that receives the units builder and adds units itself.
            public static void AddMonitoring(CoreosUnitsBuilder units, int port) =>
                units.Add(Shared.Exporter(port), UnitCommand.Start).Add(Shared.Volume);

            public static CoreosUnitsBuilder AddTypo(this CoreosUnitsBuilder units)
            {
                units.Add(Units.Service("typo.service", s => s.Unit(u => u.Requires("dockr.service")).Service(x => x.ExecStart("/usr/bin/typo"))), UnitCommand.Start);
                return units;
            }

            // A local written twice: its value where the unit is built is not known, so nothing may be claimed of it.
            public static UnitFile Reassigned()
            {
                var name = "first.service";
                name = "second.service";
                return Units.Service(name, s => s.Service(x => x.ExecStart("/usr/bin/second")));
            }
        }
        """;

    private static CompiledSnippet CompileWithHelpers(string units)
    {
        var compiled = AnalyzerHarness.Compile(ProjectSettings.Default, Snippets.Units(units), Shared, Helpers);
        Assert.Empty(compiled.CompilerErrors);
        return compiled;
    }

    [Fact]
    public void AMethodWithLocalsAndAParameterIsFollowedAndTheFindingPointsAtTheCallersArgument()
    {
        var clean = CompileWithHelpers("""
            units.Add(Units.Mount("srv.mount", m => m.Mount(x => x.What("/dev/sdb").Where("/srv"))))
                .Add(Helpers.Backup("srv.mount"), UnitCommand.Start)
            """);
        Assert.Empty(clean.AnalyzerDiagnostics);

        var compiled = CompileWithHelpers("""units.Add(Helpers.Backup("srv-dta.mount"), UnitCommand.Start)""");
        Assert.Contains(compiled.AnalyzerDiagnostics, d => d.Id == "CDSL225");
        Assert.All(compiled.AnalyzerDiagnostics, d =>
        {
            Assert.Contains("'srv-dta.mount'", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            Assert.Equal("User0.cs", d.Location.SourceTree?.FilePath);
            Assert.Equal("\"srv-dta.mount\"", d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
        });
    }

    [Fact]
    public void ANameBuiltFromAParameterAndAReadOnlyFieldIsKnown()
    {
        var clean = CompileWithHelpers("""
            units.Add(Helpers.App("api"))
                .Add(Units.Service("proxy.service", s => s.Unit(u => u.Requires("web-api.service")).Service(x => x.ExecStart("/usr/bin/proxy"))), UnitCommand.Start)
            """);
        Assert.Empty(clean.AnalyzerDiagnostics);

        var compiled = CompileWithHelpers("""
            units.Add(Helpers.App("api"))
                .Add(Units.Service("proxy.service", s => s.Unit(u => u.Requires("web-app.service")).Service(x => x.ExecStart("/usr/bin/proxy"))), UnitCommand.Start)
            """);
        Assert.Contains(compiled.AnalyzerDiagnostics, d => d.Id == "CDSL225");
    }

    [Fact]
    public void UnitsAddedByAHelperThatReceivesTheBuilderAreSeen()
    {
        // The helper adds the exporter and the volume the ingress needs: nothing is missing.
        var clean = CompileWithHelpers("""
            {
                Helpers.AddMonitoring(units, 9100);
                units.Add(Shared.Ingress(Shared.Exporter(9100)), UnitCommand.Start);
            }
            """);
        Assert.Empty(clean.AnalyzerDiagnostics);

        // Without the helper the exporter is missing; and a mistake inside a helper (an extension) is found there.
        var missing = CompileWithHelpers("""units.Add(Shared.Ingress(Shared.Exporter(9100)), UnitCommand.Start).AddTypo()""");
        Assert.Equal(["CDSL220", "CDSL225", "CDSL225"], missing.AnalyzerDiagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Contains(missing.AnalyzerDiagnostics, d => d.Location.SourceTree?.FilePath == "User2.cs"
            && d.Location.SourceTree.GetText().ToString(d.Location.SourceSpan) == "\"dockr.service\"");
    }

    [Fact]
    public void ALocalWrittenTwiceIsNotKnownSoNothingIsClaimedOfIt()
    {
        var compiled = CompileWithHelpers("""
            units.Add(Helpers.Reassigned())
                .Add(Units.Service("user.service", s => s.Unit(u => u.Requires("second.service")).Service(x => x.ExecStart("/usr/bin/user"))), UnitCommand.Start)
            """);
        Assert.Empty(compiled.AnalyzerDiagnostics);
    }

    private static void AssertAt(Microsoft.CodeAnalysis.Diagnostic d, string text)
    {
        Assert.Equal("User1.cs", d.Location.SourceTree?.FilePath);
        Assert.Equal(text, d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
    }
}
