using BenchmarkDotNet.Attributes;
using CoreosDsl.Generators.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CoreosDsl.Benchmarks;

/// <summary>
/// The source generator over the full bundled schema (every systemd directive and cloud-config key).
/// Targets: a full run under 200 ms; a run after a user edit under 5 ms.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private List<AdditionalText> schemas = [];
    private Compilation compilation = null!;
    private Compilation edited = null!;
    private GeneratorDriver warmDriver = null!;
    private int edit;

    [GlobalSetup]
    public void Setup()
    {
        schemas = [.. BundledSchemas.Systemd(), BundledSchemas.CloudConfig()];
        compilation = GeneratorHarness.Compilation("public static class Definitions { public static int Version => 1; }");
        edited = compilation;
        warmDriver = GeneratorHarness.CreateDriver(schemas).RunGenerators(compilation);
    }

    /// <summary>A cold run: a new driver parses every schema file and emits every builder.</summary>
    [Benchmark]
    public GeneratorDriver FullRun() => GeneratorHarness.CreateDriver(schemas).RunGenerators(compilation);

    /// <summary>The user edits a C# file: every step should come from the cache.</summary>
    [Benchmark]
    public GeneratorDriver AfterUserEdit()
    {
        var tree = edited.SyntaxTrees.First();
        edited = edited.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            $"public static class Definitions {{ public static int Version => {++edit}; }}", (CSharpParseOptions)tree.Options, tree.FilePath));
        warmDriver = warmDriver.RunGenerators(edited);
        return warmDriver;
    }
}
