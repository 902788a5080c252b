using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CoreosDsl.Generators.Tests;

/// <summary>The outcome of running the generator over a compilation.</summary>
public sealed record GeneratorRun(GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics, IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>
    /// The compiler's warnings and errors plus those of the deprecation analyzer (CDSL101/CDSL102), which weighs the
    /// generated <c>[SystemdDeprecated]</c> against the project's CoreosDslSystemdVersion, as a build reports them.
    /// </summary>
    public IReadOnlyList<Diagnostic> BuildDiagnostics
    {
        get
        {
            // Only the user's files are analyzed, as they are where calls are (binding every generated builder is slow).
            var analyzed = Output.WithAnalyzers([new CoreosDsl.Generators.Diagnostics.DeprecatedDirectiveAnalyzer()],
                new AnalyzerOptions([], new BuildPropertiesProvider(Properties)));
            var fromAnalyzer = Output.SyntaxTrees.Where(t => t.FilePath.StartsWith("User", StringComparison.Ordinal))
                .SelectMany(t => analyzed.GetAnalyzerSemanticDiagnosticsAsync(Output.GetSemanticModel(t), null, CancellationToken.None).GetAwaiter().GetResult());
            return [.. CompilationDiagnostics, .. fromAnalyzer.Where(d => d.Severity >= DiagnosticSeverity.Warning)];
        }
    }

    public GeneratorDriverRunResult Result => Driver.GetRunResult();

    /// <summary>Compiler diagnostics of the compilation with the generated code (errors and warnings).</summary>
    /// <remarks>
    /// CS0436 is left out: a run over the bundled schemas without CoreosDslSchemaDirectory generates what
    /// CoreosDsl.Systemd holds, and the harness compiles against that assembly, so the source copy hides it.
    /// </remarks>
    public IReadOnlyList<Diagnostic> CompilationDiagnostics =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS0436").ToList();

    public string Generated(string hintName) =>
        Result.Results.SelectMany(r => r.GeneratedSources).Single(s => s.HintName == hintName).SourceText.ToString();

    public IEnumerable<string> HintNames => Result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName);
}

/// <summary>Drives <see cref="SchemaGenerator"/> with CSharpGeneratorDriver against real reference assemblies.</summary>
public static class GeneratorHarness
{
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
            new BuildPropertiesProvider(properties ?? new Dictionary<string, string>()),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>
    /// Runs the generator. <paramref name="asConsumer"/>: as in a definitions project, where the bundled schemas are
    /// those of <c>CoreosDslSchemaDirectory</c> (compiled into CoreosDsl.Systemd); otherwise as in CoreosDsl.Systemd.
    /// </summary>
    public static GeneratorRun Run(IEnumerable<AdditionalText> additionalFiles, string userSource = "", int? systemdVersion = null, bool asConsumer = false)
    {
        var properties = new Dictionary<string, string>();
        if (systemdVersion is not null)
        {
            properties["build_property.CoreosDslSystemdVersion"] = systemdVersion.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (asConsumer)
        {
            properties["build_property.CoreosDslSchemaDirectory"] = BundledSchemas.Root + "/";
        }

        var driver = CreateDriver(additionalFiles, properties);
        driver = driver.RunGeneratorsAndUpdateCompilation(Compilation(userSource), out var output, out var diagnostics);
        return new GeneratorRun(driver, output, diagnostics, properties);
    }
}
