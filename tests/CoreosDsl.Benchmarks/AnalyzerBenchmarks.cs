using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using CoreosDsl.Generators.Diagnostics;
using CoreosDsl.Generators.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CoreosDsl.Benchmarks;

/// <summary>
/// What the analyzers cost a build: the seed example (examples/LocalWorkers) compiled and emitted as a project that
/// uses the packages (the builders referenced from CoreosDsl.Systemd, the generator adding nothing for the bundled
/// schemas) (1) without any analyzer, (2) with the analyzers the .NET SDK runs in every build
/// (Microsoft.CodeAnalysis.NetAnalyzers, at their default settings), and (3) with those plus the CoreosDsl analyzers;
/// (4) the CoreosDsl analyzers alone; (5) an analyzer that does nothing (the driver's cost). The generator runs once
/// in the setup, so every variant compiles the same sources. Target: the CoreosDsl analyzers add under 10% to the
/// build (3 against 2).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 5, iterationCount: 30)]
public class AnalyzerBenchmarks
{
    // Every analyzer the CoreosDsl package ships, found in the generator assembly so that a new one is measured too.
    private static readonly ImmutableArray<DiagnosticAnalyzer> CoreosDslAnalyzers =
    [
        .. typeof(LiteralValueAnalyzer).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false } && t.IsSubclassOf(typeof(DiagnosticAnalyzer)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!),
    ];

    private ImmutableArray<SyntaxTree> trees;
    private ImmutableArray<MetadataReference> references;
    private ImmutableArray<DiagnosticAnalyzer> sdkAnalyzers;
    private AnalyzerOptions options = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = CoreosDsl.Tests.Shared.TestPaths.RepoRoot;
        var example = Path.Combine(root, "examples", "LocalWorkers");
        var parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        const string Usings = """
            global using System;
            global using System.Collections.Generic;
            global using System.IO;
            global using System.Linq;
            global using System.Net.Http;
            global using System.Threading;
            global using System.Threading.Tasks;
            global using CoreosDsl;
            global using CoreosDsl.CloudConfig;
            global using CoreosDsl.Host;
            global using CoreosDsl.Systemd;
            """;
        var sources = Directory.GetFiles(example, "*.cs").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f))
            .Append(CSharpSyntaxTree.ParseText(Usings, parse, "GlobalUsings.g.cs"))
            .ToList();
        references =
        [
            .. Basic.Reference.Assemblies.Net100.References.All,
            MetadataReference.CreateFromFile(typeof(CoreosDsl.Systemd.SectionBuilder).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(CoreosDsl.CloudConfig.ConfigMapping).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(CoreosDsl.WorkerDefinition).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(CoreosDsl.Host.WorkerHost).Assembly.Location),
        ];

        var properties = new Dictionary<string, string>
        {
            ["build_property.CoreosDslSystemdVersion"] = "252",
            ["build_property.CoreosDslTargetOs"] = "coreos",
            // As the CoreosDsl props set it: the bundled schemas' builders are in CoreosDsl.Systemd, so the generator
            // adds nothing for them here (without it, it would write them again and clash with the referenced ones).
            ["build_property.CoreosDslSchemaDirectory"] = BundledSchemas.Root + "/",
        };
        var schemas = BundledSchemas.Systemd().ToImmutableArray();
        var driver = GeneratorHarness.CreateDriver(schemas, properties).RunGenerators(Create([.. sources]));
        trees = [.. sources, .. driver.GetRunResult().GeneratedTrees];
        options = new AnalyzerOptions(schemas, new BuildPropertiesProvider(properties));
        sdkAnalyzers = SdkAnalyzers();

        // The example must build as it does with dotnet build: no errors, the seed's six warnings (three deprecated
        // directives at systemd 252, fleet, best-effort reboots, the ordering cycle it keeps verbatim).
        var check = Create(trees).WithAnalyzers(CoreosDslAnalyzers, options).GetAllDiagnosticsAsync().GetAwaiter().GetResult()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        string[] expected = ["CDSL101", "CDSL101", "CDSL101", "CDSL104", "CDSL105", "CDSL230"];
        if (!check.Select(d => d.Id).Order(StringComparer.Ordinal).SequenceEqual(expected) || check.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            throw new InvalidOperationException("the example does not compile as expected:\n" + string.Join("\n", check));
        }
    }

    /// <summary>Compile and emit the example with no analyzer at all.</summary>
    [Benchmark(Baseline = true)]
    public int WithoutAnalyzers() => Build(null);

    /// <summary>With the analyzers every build of the project runs anyway (the SDK's).</summary>
    [Benchmark]
    public int WithSdkAnalyzers() => Build(sdkAnalyzers);

    /// <summary>With the SDK's analyzers and the CoreosDsl analyzers: a build of the example.</summary>
    [Benchmark]
    public int WithSdkAndCoreosDslAnalyzers() => Build(sdkAnalyzers.AddRange(CoreosDslAnalyzers));

    /// <summary>With the CoreosDsl analyzers only.</summary>
    [Benchmark]
    public int WithCoreosDslAnalyzers() => Build(CoreosDslAnalyzers);

    /// <summary>With an analyzer that does nothing on the same events: the analyzer driver's own cost.</summary>
    [Benchmark]
    public int WithEmptyAnalyzer() => Build([new EmptyAnalyzer()]);

    /// <summary>
    /// Interleaved measurement, robust against a busy machine: each round builds every variant once (in a rotating
    /// order) and records wall and CPU time; the report gives medians and the median of each round's ratio.
    /// </summary>
    public static void MeasureOverhead(int rounds, TextWriter output)
    {
        var bench = new AnalyzerBenchmarks();
        bench.Setup();
        var variants = new (string Name, Func<int> Build)[]
        {
            ("no analyzers", bench.WithoutAnalyzers),
            ("SDK analyzers", bench.WithSdkAnalyzers),
            ("SDK + CoreosDsl analyzers", bench.WithSdkAndCoreosDslAnalyzers),
            ("CoreosDsl analyzers", bench.WithCoreosDslAnalyzers),
            ("an empty analyzer", bench.WithEmptyAnalyzer),
        };
        foreach (var (_, build) in variants)
        {
            build(); // warm up: JIT, reference metadata, stock unit lists
        }

        var wall = variants.Select(_ => new List<double>()).ToArray();
        var cpu = variants.Select(_ => new List<double>()).ToArray();
        var process = System.Diagnostics.Process.GetCurrentProcess();
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < variants.Length; k++)
            {
                var i = (round + k) % variants.Length;
                GC.Collect();
                GC.WaitForPendingFinalizers();
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var watch = System.Diagnostics.Stopwatch.StartNew();
                variants[i].Build();
                wall[i].Add(watch.Elapsed.TotalMilliseconds);
                process.Refresh();
                cpu[i].Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            }
        }

        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        double RatioPercent(List<double>[] samples, int of, int to) =>
            (Median(samples[of].Zip(samples[to], (a, b) => a / b)) - 1) * 100;

        output.WriteLine($"{rounds} rounds, medians (wall / CPU):");
        for (var i = 0; i < variants.Length; i++)
        {
            output.WriteLine($"  {variants[i].Name,-28} {Median(wall[i]),7:F0} ms  {Median(cpu[i]),7:F0} ms");
        }

        output.WriteLine($"CoreosDsl analyzers on top of the SDK's: wall {RatioPercent(wall, 2, 1):+0.0;-0.0}%, CPU {RatioPercent(cpu, 2, 1):+0.0;-0.0}% (median of per-round ratios)");
        output.WriteLine($"CoreosDsl analyzers alone vs none:      wall {RatioPercent(wall, 3, 0):+0.0;-0.0}%, CPU {RatioPercent(cpu, 3, 0):+0.0;-0.0}%");
        output.WriteLine($"  of which the analyzer driver (empty analyzer vs none): wall {RatioPercent(wall, 4, 0):+0.0;-0.0}%, CPU {RatioPercent(cpu, 4, 0):+0.0;-0.0}%");
        output.WriteLine($"  the CoreosDsl rules (vs the empty analyzer):           wall {RatioPercent(wall, 3, 4):+0.0;-0.0}%, CPU {RatioPercent(cpu, 3, 4):+0.0;-0.0}%");
    }

    private int Build(ImmutableArray<DiagnosticAnalyzer>? analyzers)
    {
        var compilation = Create(trees);
        var count = analyzers is null
            ? compilation.GetDiagnostics().Length
            : compilation.WithAnalyzers(analyzers.Value, options).GetAllDiagnosticsAsync().GetAwaiter().GetResult().Length;
        using var stream = new MemoryStream();
        return compilation.Emit(stream).Success ? count : -1;
    }

    private CSharpCompilation Create(IEnumerable<SyntaxTree> syntaxTrees) => CSharpCompilation.Create(
        "LocalWorkers", syntaxTrees, references,
        new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The C# analyzers of the newest installed .NET SDK (dotnet/sdk/*/Sdks/Microsoft.NET.Sdk/analyzers).</summary>
    private static ImmutableArray<DiagnosticAnalyzer> SdkAnalyzers()
    {
        var dotnet = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var folder = Directory.GetDirectories(Path.Combine(dotnet, "sdk"))
            .Select(d => Path.Combine(d, "Sdks", "Microsoft.NET.Sdk", "analyzers"))
            .Where(Directory.Exists)
            .OrderBy(d => d, StringComparer.Ordinal)
            .LastOrDefault() ?? throw new InvalidOperationException($"no .NET SDK analyzers under {dotnet}/sdk");
        var loader = new AssemblyLoader();
        return
        [
            .. new[] { "Microsoft.CodeAnalysis.NetAnalyzers.dll", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll" }
                .SelectMany(f => new AnalyzerFileReference(Path.Combine(folder, f), loader).GetAnalyzers(LanguageNames.CSharp)),
        ];
    }

    private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }
}
