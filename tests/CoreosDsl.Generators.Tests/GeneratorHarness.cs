using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CoreosDsl.Generators.Tests;

/// <summary>An additional file held in memory.</summary>
public sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}

/// <summary>Global analyzer options as MSBuild would pass them (<c>build_property.*</c>).</summary>
public sealed class TestOptionsProvider(IReadOnlyDictionary<string, string> globals) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(globals);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new Dictionary<string, string>());

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(new Dictionary<string, string>());

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

/// <summary>The outcome of running the generator over a compilation.</summary>
public sealed record GeneratorRun(GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorDriverRunResult Result => Driver.GetRunResult();

    /// <summary>Compiler diagnostics of the compilation with the generated code (errors and warnings).</summary>
    public IReadOnlyList<Diagnostic> CompilationDiagnostics =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    public string Generated(string hintName) =>
        Result.Results.SelectMany(r => r.GeneratedSources).Single(s => s.HintName == hintName).SourceText.ToString();

    public IEnumerable<string> HintNames => Result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName);
}

/// <summary>Drives <see cref="SchemaGenerator"/> with CSharpGeneratorDriver against real reference assemblies.</summary>
public static class GeneratorHarness
{
    public static readonly string SchemaRoot = Path.Combine(CoreosDsl.Tests.Shared.TestPaths.RepoRoot, "generators", "schemas");

    /// <summary>The bundled systemd schema files.</summary>
    public static IEnumerable<AdditionalText> BundledSystemd() =>
        Directory.GetFiles(Path.Combine(SchemaRoot, "systemd"), "*.schema").OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new InMemoryAdditionalText(p, File.ReadAllText(p)));

    /// <summary>The bundled cloud-config schema file.</summary>
    public static AdditionalText BundledCloudConfig()
    {
        var path = Path.Combine(SchemaRoot, "cloud-config.schema");
        return new InMemoryAdditionalText(path, File.ReadAllText(path));
    }

    /// <summary>The bundled Ignition schema file.</summary>
    public static AdditionalText BundledIgnition()
    {
        var path = Path.Combine(SchemaRoot, "ignition.schema");
        return new InMemoryAdditionalText(path, File.ReadAllText(path));
    }

    public static CSharpCompilation Compilation(params string[] sources) => CSharpCompilation.Create(
        "UserProject",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), path: $"User{i}.cs")),
        Net100.References.All
            // SectionBuilder: a type only the runtime assembly has (the analyzer assembly links the value types too).
            .Add(MetadataReference.CreateFromFile(typeof(CoreosDsl.Systemd.SectionBuilder).Assembly.Location))
            .Add(MetadataReference.CreateFromFile(typeof(CoreosDsl.CloudConfig.ConfigMapping).Assembly.Location)),
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> additionalFiles, IReadOnlyDictionary<string, string>? properties = null) =>
        CSharpGeneratorDriver.Create(
            [new SchemaGenerator().AsSourceGenerator()],
            additionalFiles,
            CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest),
            new TestOptionsProvider(properties ?? new Dictionary<string, string>()),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(IEnumerable<AdditionalText> additionalFiles, string userSource = "", int? systemdVersion = null)
    {
        var properties = systemdVersion is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["build_property.CoreosDslSystemdVersion"] = systemdVersion.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var driver = CreateDriver(additionalFiles, properties);
        driver = driver.RunGeneratorsAndUpdateCompilation(Compilation(userSource), out var output, out var diagnostics);
        return new GeneratorRun(driver, output, diagnostics);
    }
}
