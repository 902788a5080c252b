using System.Reflection;
using System.Runtime.Loader;
using Basic.Reference.Assemblies;
using CoreosDsl.Generators;
using CoreosDsl.Tests.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// Compiles C# the way a definitions project does: with the CoreosDsl source generator over the bundled systemd
/// schemas (so the typed unit builders exist), against the CoreosDsl assemblies; then loads it to run.
/// </summary>
public static class GeneratedCode
{
    /// <summary>Compiles <paramref name="sources"/>; fails the test with the diagnostics when there is an error or an unexpected warning.</summary>
    /// <param name="sources">The sources.</param>
    /// <param name="allowedWarnings">Warning IDs that are expected (the seed's deprecations, CDSL1xx); <c>ID*</c> allows a prefix.</param>
    public static Assembly Compile(IEnumerable<string> sources, params string[] allowedWarnings) => Compile(sources, analyze: false, allowedWarnings);

    /// <summary>
    /// Compiles <paramref name="sources"/>, with CoreosDsl's analyzers too when <paramref name="analyze"/> (as in a
    /// definitions project, where their errors stop the build); fails the test on an error or an unexpected warning.
    /// </summary>
    public static Assembly Compile(IEnumerable<string> sources, bool analyze, params string[] allowedWarnings)
    {
        var parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        var global = CSharpSyntaxTree.ParseText("global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq;", parse);
        var compilation = CSharpCompilation.Create(
            "Imported" + Guid.NewGuid().ToString("N"),
            [global, .. sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: $"Imported{i}.cs"))],
            Net100.References.All.AddRange(
                new[] { typeof(WorkerDefinition), typeof(CloudConfig.ConfigMapping), typeof(Systemd.SectionBuilder), typeof(WorkerHost), typeof(Ignition.IgnitionConfig) } // SectionBuilder: only the runtime has it (the analyzer assembly links the value types)
                    .Select(t => MetadataReference.CreateFromFile(t.Assembly.Location))),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var schemas = BundledSchemas.Systemd().ToList();
        var options = new BuildPropertiesProvider(new Dictionary<string, string>
        {
            ["build_property.CoreosDslSystemdVersion"] = "252",
            // As the CoreosDsl props set it: the bundled schemas' builders are CoreosDsl.Systemd's.
            ["build_property.CoreosDslSchemaDirectory"] = BundledSchemas.Root + "/",
        });
        var driver = CSharpGeneratorDriver.Create([new SchemaGenerator().AsSourceGenerator()], schemas, parse, options);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var analyzerDiagnostics = analyze
            ? output.WithAnalyzers(Analyzers.Value, new AnalyzerOptions([.. schemas], options)).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult()
            : [];
        var problems = generatorDiagnostics.Concat(output.GetDiagnostics()).Concat(analyzerDiagnostics)
            .Where(d => d.Severity == DiagnosticSeverity.Error || d.Severity == DiagnosticSeverity.Warning && !Allowed(d.Id, allowedWarnings))
            .ToList();
        Assert.True(problems.Count == 0, "the imported C# does not compile cleanly:\n" + string.Join('\n', problems.Take(20)));

        using var image = new MemoryStream();
        var emit = output.Emit(image);
        Assert.True(emit.Success, string.Join('\n', emit.Diagnostics));
        image.Position = 0;
        // A collectible context of its own; CoreosDsl's assemblies resolve to the ones these tests use.
        return new AssemblyLoadContext("imported", isCollectible: true).LoadFromStream(image);
    }

    /// <summary>Every analyzer of the analyzer assembly, as the compiler loads them.</summary>
    private static readonly Lazy<System.Collections.Immutable.ImmutableArray<DiagnosticAnalyzer>> Analyzers = new(() =>
    [
        .. typeof(SchemaGenerator).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.IsDefined(typeof(DiagnosticAnalyzerAttribute), inherit: false))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!),
    ]);

    private static bool Allowed(string id, string[] allowed) =>
        allowed.Any(a => a.EndsWith('*') ? id.StartsWith(a[..^1], StringComparison.Ordinal) : a == id);

    /// <summary>Calls <c>TYPE.Define()</c> in <paramref name="assembly"/>.</summary>
    public static WorkerDefinition Define(Assembly assembly, string typeName) =>
        (WorkerDefinition)assembly.GetType(typeName, throwOnError: true)!.GetMethod("Define")!.Invoke(null, null)!;
}
