extern alias analyzers;

using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Generator = analyzers::CoreosDsl.Generators.SchemaGenerator;
using Diagnostics = analyzers::CoreosDsl.Generators.Diagnostics;

namespace CoreosDsl.Analyzers.Tests.Support;

/// <summary>The settings of a definitions project, as its .csproj would set them.</summary>
/// <param name="SystemdVersion">CoreosDslSystemdVersion.</param>
/// <param name="TargetOs">CoreosDslTargetOs; null when the project does not set it.</param>
/// <param name="Kind">A library or an executable.</param>
/// <param name="Usings">The project's global usings; null for those of <see cref="AnalyzerHarness.GlobalUsings"/>.</param>
public sealed record ProjectSettings(int SystemdVersion = 252, string? TargetOs = null, OutputKind Kind = OutputKind.DynamicallyLinkedLibrary, string? Usings = null)
{
    public static ProjectSettings Default { get; } = new();

    public IReadOnlyDictionary<string, string> BuildProperties
    {
        get
        {
            var properties = new Dictionary<string, string>
            {
                ["build_property.CoreosDslSystemdVersion"] = SystemdVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // As the CoreosDsl props set it: the bundled schemas, whose builders CoreosDsl.Systemd holds.
                ["build_property.CoreosDslSchemaDirectory"] = BundledSchemas.Root + "/",
            };
            if (TargetOs is not null)
            {
                properties["build_property.CoreosDslTargetOs"] = TargetOs;
            }

            return properties;
        }
    }
}

/// <summary>A compiled snippet: the compilation (with what the generator adds, if anything), and every diagnostic.</summary>
public sealed record CompiledSnippet(CSharpCompilation Compilation, ImmutableArray<Diagnostic> CompilerDiagnostics, ImmutableArray<Diagnostic> AnalyzerDiagnostics)
{
    /// <summary>The project settings it was compiled with.</summary>
    public ProjectSettings Settings { get; init; } = ProjectSettings.Default;

    /// <summary>The user's source files (not the generated ones).</summary>
    public IEnumerable<SyntaxTree> UserTrees => Compilation.SyntaxTrees.Where(t => t.FilePath.StartsWith("User", StringComparison.Ordinal));

    /// <summary>Compiler errors, which would make a test snippet meaningless.</summary>
    public IEnumerable<Diagnostic> CompilerErrors => CompilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Every warning and error: the compiler's (CDSL1xx deprecations included) and the analyzers'.</summary>
    public IEnumerable<Diagnostic> All => CompilerDiagnostics.Concat(AnalyzerDiagnostics).Where(d => d.Severity >= DiagnosticSeverity.Warning);
}

/// <summary>
/// Compiles snippets the way a definitions project is built: against the .NET 10 reference assemblies and the
/// CoreosDsl runtime assemblies (the builders are compiled into CoreosDsl.Systemd and CoreosDsl.CloudConfig), with the
/// generator over the bundled systemd schemas, then the analyzers run on the result with CompilationWithAnalyzers.
/// </summary>
public static class AnalyzerHarness
{
    /// <summary>The implicit and project-level usings of a definitions project (see examples/LocalWorkers).</summary>
    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using CoreosDsl;
        global using CoreosDsl.CloudConfig;
        global using CoreosDsl.Systemd;
        """;

    private static readonly Lazy<ImmutableArray<AdditionalText>> Schemas = new(() => [.. BundledSchemas.Systemd()]);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    [
        .. Net100.References.All,
        // Types only the runtime assemblies have (the analyzer assembly links the value types too).
        MetadataReference.CreateFromFile(typeof(CoreosDsl.Systemd.SectionBuilder).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(CoreosDsl.CloudConfig.ConfigMapping).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(CoreosDsl.WorkerDefinition).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(CoreosDsl.Ignition.IgnitionConfig).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(CoreosDsl.Host.WorkerHost).Assembly.Location),
    ]);

    public static CSharpParseOptions ParseOptions { get; } = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    public static ImmutableArray<MetadataReference> MetadataReferences => References.Value;

    public static ImmutableArray<AdditionalText> AdditionalFiles => Schemas.Value;

    /// <summary>The analyzers, as the compiler loads them from the analyzer assembly.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } =
        [new Diagnostics.LiteralValueAnalyzer(), new Diagnostics.UnitSettingsAnalyzer(), new Diagnostics.WorkerUnitsAnalyzer(), new Diagnostics.IgnitionWorkerAnalyzer(),
         new Diagnostics.DeprecatedDirectiveAnalyzer()];

    /// <summary>
    /// Compiles user sources (named User0.cs, User1.cs, ...) with the generator's output and runs the analyzers on
    /// the user's files, as the build reports them (diagnostics in the user's files). The generator output depends only on the project settings,
    /// so it is produced once per settings and reused (the generator's own tests cover its incrementality).
    /// </summary>
    public static CompiledSnippet Compile(ProjectSettings settings, params string[] sources) => Compile(settings, [], sources);

    /// <summary>As <see cref="Compile(ProjectSettings, string[])"/>, referencing <paramref name="references"/> too (a shared library's assembly).</summary>
    public static CompiledSnippet Compile(ProjectSettings settings, IEnumerable<MetadataReference> references, params string[] sources)
    {
        var userTrees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"User{i}.cs", encoding: System.Text.Encoding.UTF8)).ToList();
        var (generated, generatorDiagnostics) = GeneratedFor(settings);
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [.. userTrees, CSharpSyntaxTree.ParseText(settings.Usings ?? GlobalUsings, ParseOptions, path: "GlobalUsings.g.cs"), .. generated],
            [.. MetadataReferences, .. references],
            new CSharpCompilationOptions(settings.Kind, nullableContextOptions: NullableContextOptions.Enable));
        var options = new BuildPropertiesProvider(settings.BuildProperties);
        var analyzed = compilation.WithAnalyzers(Analyzers, new AnalyzerOptions(AdditionalFiles, options));
        var compilerDiagnostics = new List<Diagnostic>(generatorDiagnostics);
        var analyzerDiagnostics = new List<Diagnostic>();
        foreach (var tree in userTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            compilerDiagnostics.AddRange(model.GetDiagnostics());

            // The tree's own diagnostics and those its analysis reports elsewhere, as the build reports them: a
            // finding about a unit defined in a shared class is reported at the line there while the
            // Worker.Define that adds the unit is analyzed. (Analyzing the whole compilation would bind every
            // generated builder: ten times slower.)
            var result = analyzed.GetAnalysisResultAsync(model, null, CancellationToken.None).GetAwaiter().GetResult();
            analyzerDiagnostics.AddRange(result.GetAllDiagnostics()
                .Where(d => !d.Location.IsInSource || userTrees.Contains(d.Location.SourceTree!))
                .Where(d => !analyzerDiagnostics.Contains(d)).ToList());
        }

        return new CompiledSnippet(compilation, [.. compilerDiagnostics], [.. analyzerDiagnostics]) { Settings = settings };
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ProjectSettings, (ImmutableArray<SyntaxTree>, ImmutableArray<Diagnostic>)> Generated = new();

    /// <summary>
    /// The generator's output for a project with these settings (run once per settings): nothing for the bundled
    /// schemas, whose builders are CoreosDsl.Systemd's, but its diagnostics (an unknown CoreosDslTargetOs ...).
    /// </summary>
    public static (ImmutableArray<SyntaxTree> Trees, ImmutableArray<Diagnostic> Diagnostics) GeneratedFor(ProjectSettings settings) =>
        Generated.GetOrAdd(Key(settings), s =>
        {
            var empty = CSharpCompilation.Create("Generated", [], MetadataReferences, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var options = new BuildPropertiesProvider(s.BuildProperties);
            var driver = CSharpGeneratorDriver.Create([new Generator().AsSourceGenerator()], AdditionalFiles, ParseOptions, options)
                .RunGenerators(empty);
            var result = driver.GetRunResult();
            return ([.. result.GeneratedTrees], result.Diagnostics);
        });

    /// <summary>
    /// Emits the snippet (for running it, as the runtime twin tests do); load the result with <see cref="Load"/>.
    /// The builders it calls are CoreosDsl.Systemd's, which the tests load as they are. Analyzer diagnostics do not
    /// stop an emit, exactly as in a build where they are warnings.
    /// </summary>
    public static byte[] Emit(CompiledSnippet compiled) => EmitOrFail(compiled.Compilation, "the snippet");

    /// <summary>Loads an assembly <see cref="Emit"/> wrote into <paramref name="context"/>.</summary>
    public static Assembly Load(AssemblyLoadContext context, byte[] image) => context.LoadFromStream(new MemoryStream(image));

    /// <summary>What the generator's output depends on: the settings without the output kind and the usings.</summary>
    private static ProjectSettings Key(ProjectSettings settings) => settings with { Kind = OutputKind.DynamicallyLinkedLibrary, Usings = null };

    private static byte[] EmitOrFail(CSharpCompilation compilation, string what)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, $"{what} does not emit:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return stream.ToArray();
    }

    /// <summary>Compiles one source with the default settings.</summary>
    public static CompiledSnippet Compile(string source) => Compile(ProjectSettings.Default, source);

    /// <summary>
    /// Compiles marked-up source and asserts that the CDSL2xx diagnostics are exactly the marked ones: same IDs,
    /// same spans, nothing else; and that the snippet has no compiler errors.
    /// </summary>
    public static CompiledSnippet Verify(string markup, ProjectSettings? settings = null)
    {
        var (source, expected) = Markup.Parse(markup);
        var compiled = Compile(settings ?? ProjectSettings.Default, source);
        Assert.True(!compiled.CompilerErrors.Any(), "the snippet does not compile:\n" + string.Join("\n", compiled.CompilerErrors));
        var actual = compiled.AnalyzerDiagnostics
            .Where(d => d.Id.StartsWith("CDSL2", StringComparison.Ordinal) && d.Location.SourceTree?.FilePath == "User0.cs")
            .Select(d => new ExpectedDiagnostic(d.Id, d.Location.SourceSpan.Start, d.Location.SourceSpan.Length))
            .OrderBy(e => e.Start).ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        var strays = compiled.AnalyzerDiagnostics.Where(d => d.Location.SourceTree?.FilePath != "User0.cs").ToList();
        Assert.True(strays.Count == 0, "diagnostics outside the snippet:\n" + string.Join("\n", strays));
        if (!expected.SequenceEqual(actual))
        {
            Assert.Fail($"expected:\n  {string.Join("\n  ", expected.Select(e => Describe(e, source)))}\nactual:\n  {string.Join("\n  ", compiled.AnalyzerDiagnostics.Select(d => $"{d.Id} '{source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)}': {d.GetMessage()}"))}");
        }

        return compiled;
    }

    private static string Describe(ExpectedDiagnostic e, string source) => $"{e.Id} '{source.Substring(e.Start, e.Length)}'";
}
