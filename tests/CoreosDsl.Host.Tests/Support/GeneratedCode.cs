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
/// schemas (so the typed unit builders exist), against the CoreosDsl assemblies; then loads it to run. The generator
/// runs and the builders are compiled once per test run; each call compiles and emits only its own sources.
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
        var builders = Builders.Value;

        // The whole project as the build sees it (the user's code and the generated builders in one compilation)
        // when the analyzers run; otherwise the user's code against the builders emitted once, which binds exactly
        // as in one compilation (the builders grant "Imported" their internals) without binding 1.4 MB every time.
        IEnumerable<Diagnostic> diagnostics;
        if (analyze)
        {
            var whole = user.AddSyntaxTrees(builders.Trees);
            diagnostics = whole.GetDiagnostics().Concat(
                whole.WithAnalyzers(Analyzers.Value, new AnalyzerOptions([.. Schemas.Value], Options)).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult());
        }
        else
        {
            diagnostics = user.AddReferences(builders.Reference).GetDiagnostics();
        }

        var problems = builders.GeneratorDiagnostics.Concat(diagnostics)
            .Where(d => d.Severity == DiagnosticSeverity.Error || d.Severity == DiagnosticSeverity.Warning && !Allowed(d.Id, allowedWarnings))
            .ToList();
        Assert.True(problems.Count == 0, "the imported C# does not compile cleanly:\n" + string.Join('\n', problems.Take(20)));

        var image = EmitOrFail(user.AddReferences(builders.Reference));

        // A collectible context of its own; CoreosDsl's assemblies resolve to the ones these tests use, the builders
        // to the shared copy.
        var context = new AssemblyLoadContext("imported", isCollectible: true);
        context.Resolving += (_, name) => name.Name == builders.Assembly.GetName().Name ? builders.Assembly : null;
        return context.LoadFromStream(new MemoryStream(image));
    }

    /// <summary>The name of every compiled assembly, which the generated builders grant their internals to.</summary>
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

    private static readonly BuildPropertiesProvider Options = new(new Dictionary<string, string> { ["build_property.CoreosDslSystemdVersion"] = "252" });

    /// <summary>
    /// The generator's output for a definitions project targeting systemd 252 (it depends on nothing else here), run
    /// once; and the builders compiled once into an assembly of their own, loaded to stay, that grants
    /// <see cref="AssemblyName"/> its internals.
    /// </summary>
    private static readonly Lazy<(System.Collections.Immutable.ImmutableArray<SyntaxTree> Trees, System.Collections.Immutable.ImmutableArray<Diagnostic> GeneratorDiagnostics, MetadataReference Reference, Assembly Assembly)> Builders = new(() =>
    {
        var empty = CSharpCompilation.Create("Generated", [], References.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var result = CSharpGeneratorDriver.Create([new SchemaGenerator().AsSourceGenerator()], Schemas.Value, Parse, Options).RunGenerators(empty).GetRunResult();
        var grant = CSharpSyntaxTree.ParseText($"[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"{AssemblyName}\")]", Parse);
        var compilation = CSharpCompilation.Create(
            "ImportedBuilders",
            [grant, Global.Value, .. result.GeneratedTrees],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var warnings = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(warnings.Count == 0, "the generated builders do not compile cleanly:\n" + string.Join('\n', warnings.Take(20)));
        var image = EmitOrFail(compilation);
        var assembly = new AssemblyLoadContext("imported-builders").LoadFromStream(new MemoryStream(image));
        return ([.. result.GeneratedTrees], result.Diagnostics, MetadataReference.CreateFromImage(image), assembly);
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
