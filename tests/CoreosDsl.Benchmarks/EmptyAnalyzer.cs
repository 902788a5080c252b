// A stand-in for measuring the analyzer driver alone; never loaded by a compiler, so the rules for shipped analyzers
// (target framework, release tracking, extended rules) do not apply.
#pragma warning disable RS1036, RS1041, RS2008

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CoreosDsl.Benchmarks;

/// <summary>
/// An analyzer that subscribes to what the CoreosDsl analyzers subscribe to (every invocation) and does nothing:
/// the cost of running any analyzer at all, which the CoreosDsl analyzers' own cost is measured against.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EmptyAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Unused = new("BENCH001", "unused", "unused", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Unused];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(static _ => { }, OperationKind.Invocation, OperationKind.ObjectCreation);
    }
}
