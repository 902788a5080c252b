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

    private static void AssertAt(Microsoft.CodeAnalysis.Diagnostic d, string text)
    {
        Assert.Equal("User1.cs", d.Location.SourceTree?.FilePath);
        Assert.Equal(text, d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
    }
}
