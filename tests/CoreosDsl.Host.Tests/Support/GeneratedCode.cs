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
/// Compiles C# the way a definitions project does: against the CoreosDsl assemblies (CoreosDsl.Systemd holds the
/// typed unit builders), with the CoreosDsl source generator over the bundled systemd schemas; then loads it to run.
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
        var user = CSharpCompilation.Create(
            AssemblyName,
            [Global.Value, .. sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, Parse, path: $"Imported{i}.cs"))],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        // The generator as a definitions project runs it: over the bundled schemas, whose builders are CoreosDsl.Systemd's,
        // it adds nothing (the project has no schema files of its own), so only its diagnostics matter.
        var driver = CSharpGeneratorDriver.Create([new SchemaGenerator().AsSourceGenerator()], Schemas.Value, Parse, Options);
        driver.RunGeneratorsAndUpdateCompilation(user, out var output, out var generatorDiagnostics);
        var analyzerDiagnostics = analyze
            ? output.WithAnalyzers(Analyzers.Value, new AnalyzerOptions([.. Schemas.Value], Options)).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult()
            : [];
        var problems = generatorDiagnostics.Concat(output.GetDiagnostics()).Concat(analyzerDiagnostics)
            .Where(d => d.Severity == DiagnosticSeverity.Error || d.Severity == DiagnosticSeverity.Warning && !Allowed(d.Id, allowedWarnings))
            .ToList();
        Assert.True(problems.Count == 0, "the imported C# does not compile cleanly:\n" + string.Join('\n', problems.Take(20)));

        var image = EmitOrFail((CSharpCompilation)output);

        // A collectible context of its own; CoreosDsl's assemblies resolve to the ones these tests use.
        return new AssemblyLoadContext("imported", isCollectible: true).LoadFromStream(new MemoryStream(image));
    }

    /// <summary>The name of every compiled assembly.</summary>
    private const string AssemblyName = "Imported";

    private static readonly CSharpParseOptions Parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    private static readonly Lazy<SyntaxTree> Global = new(() =>
        CSharpSyntaxTree.ParseText("global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq;", Parse));

    private static readonly Lazy<System.Collections.Immutable.ImmutableArray<MetadataReference>> References = new(() =>
    [
        .. Net100.References.All,
        .. new[] { typeof(WorkerDefinition), typeof(CloudConfig.ConfigMapping), typeof(Systemd.SectionBuilder), typeof(WorkerHost), typeof(Ignition.IgnitionConfig) } // SectionBuilder: only the runtime has it (the analyzer assembly links the value types)
            .Select(t => MetadataReference.CreateFromFile(t.Assembly.Location)),
    ]);

    private static readonly Lazy<List<AdditionalText>> Schemas = new(() => BundledSchemas.Systemd().ToList());

    /// <summary>As the CoreosDsl props set them: systemd 252, and the bundled schemas, whose builders are CoreosDsl.Systemd's.</summary>
    private static readonly BuildPropertiesProvider Options = new(new Dictionary<string, string>
    {
        ["build_property.CoreosDslSystemdVersion"] = "252",
        ["build_property.CoreosDslSchemaDirectory"] = BundledSchemas.Root + "/",
    });

    private static byte[] EmitOrFail(CSharpCompilation compilation)
    {
        using var image = new MemoryStream();
        var emit = compilation.Emit(image);
        Assert.True(emit.Success, string.Join('\n', emit.Diagnostics));
        return image.ToArray();
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
