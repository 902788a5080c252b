using System.Collections.Immutable;
using CoreosDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CoreosDsl.Generators.Diagnostics;

/// <summary>
/// For a worker provisioned by Ignition (<c>Worker.Define(...).WithIgnition(...)</c>, or <c>.WithProvisioning(...)</c>
/// with <c>Provisioning.Ignition</c> or <c>Both</c>): a started unit needs an [Install] section, since Ignition only
/// enables units (CDSL261), and the parts of the definition that Ignition has no form for are reported where they
/// are written (CDSL262: fleet, etcd v2, flannel, oem). The same rules run when the worker is mapped at run time.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IgnitionWorkerAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = AnalyzerDescriptors.Of(
        RuleCatalog.StartedUnitWithoutInstall, RuleCatalog.NoIgnitionForm);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownSymbols.From(start.Compilation);
            if (symbols.Worker is null || symbols.WorkerDefinition is null || symbols.CoreosUnitsBuilder is null)
            {
                return;
            }

            var reader = new UnitFactsReader(symbols, start.Compilation);
            start.RegisterOperationAction(c => Analyze(c, symbols, reader), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, KnownSymbols symbols, UnitFactsReader reader)
    {
        var call = (IInvocationOperation)context.Operation;
        if (!SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, symbols.WorkerDefinition) || !ChoosesIgnition(call))
        {
            return;
        }

        // Only the first Ignition choice on a chain reports, so that .WithIgnition(a).WithIgnition(b) reports once.
        var define = (IInvocationOperation?)null;
        for (var receiver = OperationValues.Unwrap(call.Instance!); receiver is IInvocationOperation inner; receiver = inner.Instance is null ? null : OperationValues.Unwrap(inner.Instance))
        {
            if (SymbolEqualityComparer.Default.Equals(inner.TargetMethod.ContainingType, symbols.WorkerDefinition) && ChoosesIgnition(inner))
            {
                return;
            }

            if (inner.TargetMethod.Name == "Define" && SymbolEqualityComparer.Default.Equals(inner.TargetMethod.ContainingType, symbols.Worker))
            {
                define = inner;
                break;
            }
        }

        if (define is null)
        {
            return;
        }

        var collector = new WorkerUnitsAnalyzer.EntryCollector(symbols, reader);
        foreach (var argument in define.Arguments)
        {
            collector.Walk(argument.Value, Bindings.None);
            foreach (var coreosCall in argument.Value.Descendants().OfType<IInvocationOperation>())
            {
                if (SymbolEqualityComparer.Default.Equals(coreosCall.TargetMethod.ContainingType, symbols.CoreosBuilder)
                    && IgnitionRules.CheckCoreosKey(Key(coreosCall.TargetMethod.Name), null) is { } noForm)
                {
                    context.ReportDiagnostic(AnalyzerDescriptors.Create(noForm, coreosCall.Syntax.GetLocation()));
                }
            }
        }

        foreach (var unit in collector.Units)
        {
            if (IgnitionRules.CheckStarted(unit, null) is { } finding)
            {
                var location = unit.NameOrigin as Location;
                if (location is null || location.SourceTree != define.Syntax.SyntaxTree || !define.Syntax.Span.Contains(location.SourceSpan))
                {
                    location = define.Syntax.GetLocation();
                }

                context.ReportDiagnostic(AnalyzerDescriptors.Create(finding, location));
            }
        }
    }

    /// <summary>The cloud-config key a <c>CoreosBuilder</c> method sets (<c>Etcd2</c> → <c>etcd2</c>).</summary>
    private static string Key(string method) => method.ToLowerInvariant();

    /// <summary>WithIgnition, or WithProvisioning with a constant that includes Ignition (a computed value counts as no).</summary>
    private static bool ChoosesIgnition(IInvocationOperation call) => call.TargetMethod.Name switch
    {
        "WithIgnition" => true,
        "WithProvisioning" => call.Arguments.Length == 1 && call.Arguments[0].Value.ConstantValue is { HasValue: true, Value: int flags } && (flags & 2) != 0,
        _ => false,
    };
}
