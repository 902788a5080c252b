using System.Collections.Immutable;
using CoreosDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CoreosDsl.Generators.Diagnostics;

/// <summary>
/// Settings systemd refuses when it loads a unit, found where the unit is defined (<c>Units.Service(...)</c>,
/// <c>units.Timer(...)</c>, <c>units.Raw(...)</c>): <c>Type=oneshot</c> with <c>Restart=always</c>,
/// <c>Type=dbus</c> without <c>BusName=</c>, several <c>ExecStart=</c>, a timer with no trigger, a mount named other
/// than its <c>Where=</c> (CDSL222, 224, 226, 227, 228).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnitSettingsAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = AnalyzerDescriptors.Of(
        RuleCatalog.MountNameMismatch, RuleCatalog.TimerWithoutTrigger, RuleCatalog.OneshotWithRestart,
        RuleCatalog.DbusWithoutBusName, RuleCatalog.SeveralExecStart, RuleCatalog.ServiceWithoutCommand);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownSymbols.From(start.Compilation);
            if (symbols.SystemdSyntaxAttribute is null || symbols.SectionBuilder is null)
            {
                return;
            }

            var reader = new UnitFactsReader(symbols, start.Compilation);
            start.RegisterOperationAction(c => Analyze(c, reader), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, UnitFactsReader reader)
    {
        var invocation = (IInvocationOperation)context.Operation;
        UnitFacts unit;
        if (reader.IsTypedDefinition(invocation, out _))
        {
            unit = reader.ReadTyped(invocation);
        }
        else if (invocation.TargetMethod.Name == "Raw" && reader.AddsToCoreosUnits(invocation))
        {
            unit = reader.ReadRaw(invocation);
        }
        else
        {
            return;
        }

        foreach (var finding in UnitRules.Check(unit))
        {
            var location = finding.Origin as Location ?? invocation.Syntax.GetLocation();
            context.ReportDiagnostic(AnalyzerDescriptors.Create(finding, location));
        }
    }
}
