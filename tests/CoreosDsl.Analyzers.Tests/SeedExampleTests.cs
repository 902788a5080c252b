using System.Xml.Linq;
using CoreosDsl.Analyzers.Tests.Support;
using CoreosDsl.CloudConfig;
using CoreosDsl.Tests.Shared;
using Microsoft.CodeAnalysis;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>
/// The seed example (examples/LocalWorkers) compiled as its project builds it — its sources, its project's
/// properties and usings, the generator and the analyzers — shows exactly the deprecation warnings of the seed's
/// outdated settings (CDSL101 three times, CDSL104, CDSL105) and the seed's ordering cycle (CDSL230), and nothing
/// else; and Validate() finds the same in its worker.
/// </summary>
public class SeedExampleTests
{
    private static readonly string ProjectDirectory = Path.Combine(TestPaths.RepoRoot, "examples", "LocalWorkers");

    /// <summary>The SDK's implicit usings for a console project, plus the project's own Using items.</summary>
    private static ProjectSettings SettingsOfTheProject()
    {
        var project = XDocument.Load(Path.Combine(ProjectDirectory, "LocalWorkers.csproj"));
        string? Property(string name) => project.Descendants(name).Select(e => e.Value.Trim()).LastOrDefault();
        var usings = new[] { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks" }
            .Concat(project.Descendants("Using").Select(u => (string)u.Attribute("Include")!));
        return new ProjectSettings(
            int.Parse(Property("CoreosDslSystemdVersion") ?? "252", System.Globalization.CultureInfo.InvariantCulture),
            Property("CoreosDslTargetOs"),
            OutputKind.ConsoleApplication,
            string.Concat(usings.Select(u => $"global using {u};\n")));
    }

    private static CompiledSnippet CompileTheExample() => AnalyzerHarness.Compile(
        SettingsOfTheProject(),
        [.. Directory.GetFiles(ProjectDirectory, "*.cs").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText)]);

    [Fact]
    public void TheExampleShowsExactlyTheSeedsDeprecationWarnings()
    {
        var compiled = CompileTheExample();

        var shown = compiled.All.Select(d => $"{d.Severity} {d.Id}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["Warning CDSL101", "Warning CDSL101", "Warning CDSL101", "Warning CDSL104", "Warning CDSL105", "Warning CDSL230"],
            shown);

        // The cycle is reported at the seed's Before=, and spelled out.
        var cycle = Assert.Single(compiled.All, d => d.Id == "CDSL230");
        Assert.Equal("\"var-lib-docker.mount\"", cycle.Location.SourceTree!.GetText().ToString(cycle.Location.SourceSpan));
        Assert.StartsWith(
            "ordering cycle: format-ephemeral.service → var-lib-docker.mount (Before= of format-ephemeral.service) → local-fs.target",
            cycle.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            StringComparison.Ordinal);
        Assert.Equal(
            ["BlockIOWeight", "CPUShares", "MemoryLimit"],
            compiled.All.Where(d => d.Id == "CDSL101")
                .Select(d => System.Text.RegularExpressions.Regex.Match(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), "is obsolete: '(\\w+)=").Groups[1].Value)
                .Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheExampleTargetsCoreOsWhoseStockUnitsIncludeFleet()
    {
        Assert.Equal("coreos", SettingsOfTheProject().TargetOs);

        // With Flatcar's stock units, the seed's fleet.service would be a unit the OS does not ship.
        var asFlatcar = AnalyzerHarness.Compile(
            SettingsOfTheProject() with { TargetOs = "flatcar" },
            [.. Directory.GetFiles(ProjectDirectory, "*.cs").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText)]);
        var d = Assert.Single(asFlatcar.AnalyzerDiagnostics, d => d.Id is not "CDSL230" and not "CDSL101");
        Assert.Equal("CDSL229", d.Id);
        Assert.Contains("'fleet.service'", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void TheRuntimeTwinFindsTheSameInTheExamplesWorker()
    {
        var worker = SnippetRunner.Call<WorkerDefinition>(CompileTheExample(), "LocalWorkers.LocalWorker", "Define");

        Assert.Equal(["CDSL230"], worker.Validate(CloudConfigDialect.CoreOS).Where(d => d.Id.StartsWith("CDSL2", StringComparison.Ordinal)).Select(d => d.Id));
        Assert.Equal(["CDSL229", "CDSL230"], worker.Validate(CloudConfigDialect.Flatcar).Where(d => d.Id.StartsWith("CDSL2", StringComparison.Ordinal)).Select(d => d.Id).Order(StringComparer.Ordinal));
    }
}
