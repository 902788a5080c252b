using System.Collections.Concurrent;
using System.Collections.Immutable;
using CoreosDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CoreosDsl.Generators.Diagnostics;

/// <summary>
/// Rules across the units of one worker, checked on each <c>Worker.Define(name, w =&gt; ...)</c>: every unit a
/// dependency names is defined in the worker or shipped by the target OS, timers and path units have the unit they
/// activate, no name is given two contents, existing units are stock units, no ordering cycle (CDSL220, 221, 223, 225,
/// 229, 230). The units are read
/// from the fluent chains in the lambda and from typed handles (<c>units.Add(updateEngine)</c>) held in locals,
/// fields or properties. The target OS is the MSBuild property <c>CoreosDslTargetOs</c> (<c>flatcar</c>, the
/// default, or <c>coreos</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WorkerUnitsAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = AnalyzerDescriptors.Of(
        RuleCatalog.UnknownUnit, RuleCatalog.ActivatedUnitMissing, RuleCatalog.DuplicateUnit,
        RuleCatalog.StartedUnitDependencyMissing, RuleCatalog.ExistingUnitNotStock, RuleCatalog.DropInAddsExecStart,
        RuleCatalog.OrderingCycle);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownSymbols.From(start.Compilation);
            if (symbols.Worker is null || symbols.CoreosUnitsBuilder is null)
            {
                return;
            }

            start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property." + StockUnits.PropertyName, out var os);
            StockUnits.TryParseOs(os, out var targetOs);
            var stock = StockUnits.For(targetOs);
            var reader = new UnitFactsReader(symbols, start.Compilation);
            var reported = new ConcurrentDictionary<(string Id, Location Location, string Message), bool>();
            start.RegisterOperationAction(c => Analyze(c, symbols, reader, stock, reported), OperationKind.Invocation);
        });
    }

    private static void Analyze(
        OperationAnalysisContext context, KnownSymbols symbols, UnitFactsReader reader, StockUnits stock,
        ConcurrentDictionary<(string Id, Location Location, string Message), bool> reported)
    {
        var define = (IInvocationOperation)context.Operation;
        if (define.TargetMethod.Name != "Define" || !SymbolEqualityComparer.Default.Equals(define.TargetMethod.ContainingType, symbols.Worker))
        {
            return;
        }

        var collector = new EntryCollector(symbols, reader);
        foreach (var argument in define.Arguments)
        {
            collector.Walk(argument.Value, Bindings.None);
        }

        var findings = WorkerUnitRules.Check(collector.Units, stock, collector.Complete)
            .Concat(WorkerUnitRules.Merged(collector.Units).SelectMany(UnitRules.CheckDropIns));
        foreach (var finding in findings)
        {
            // A finding points where the value is written, also in a shared property, method or class of the
            // compilation; only a value from elsewhere (metadata) points at the place the worker adds its unit.
            var location = finding.Origin as Location;
            if (location is null || !location.IsInSource || !context.Compilation.ContainsSyntaxTree(location.SourceTree))
            {
                location = collector.AnchorOf(finding) ?? define.Syntax.GetLocation();
            }

            // A shared unit added by several workers is reported once at the line that defines it.
            var diagnostic = AnalyzerDescriptors.Create(finding, location);
            if (reported.TryAdd((diagnostic.Id, location, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)), true))
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }

    /// <summary>
    /// Walks a Define lambda in execution order and collects the coreos.units entries it adds, also inside helper
    /// methods of the compilation the lambda hands a builder to (their parameters bound to the call's arguments).
    /// </summary>
    internal sealed class EntryCollector(KnownSymbols symbols, UnitFactsReader reader)
    {
        /// <summary>How deep helper calls are followed (a helper calling a helper ...).</summary>
        private const int MaxHelperDepth = 8;

        private readonly List<(UnitFacts Unit, Location Anchor)> entries = [];
        private readonly List<IMethodSymbol> helpers = [];

        public IReadOnlyList<UnitFacts> Units => [.. entries.Select(e => e.Unit)];

        /// <summary>
        /// False when the lambda hands a builder to code the analyzer does not follow (a method of another assembly, a
        /// delegate variable, a recursive helper), which may add units: then no reference is reported as defined nowhere.
        /// </summary>
        public bool Complete { get; private set; } = true;

        public Location? AnchorOf(RuleFinding finding)
        {
            foreach (var (unit, anchor) in entries)
            {
                if (ReferenceEquals(finding.Origin, unit.NameOrigin) || unit.Lines.Any(l => ReferenceEquals(l.Origin, finding.Origin)))
                {
                    return anchor;
                }
            }

            return null;
        }

        public void Walk(IOperation? operation, Bindings bindings)
        {
            switch (operation)
            {
                case null:
                    return;
                case IInvocationOperation call when reader.AddsToCoreosUnits(call):
                    Walk(call.Instance, bindings);
                    if (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0)
                    {
                        Walk(call.Arguments[0].Value, bindings); // the receiver of an extension call comes first
                    }

                    Add(call, bindings);
                    return;
                case IInvocationOperation call:
                    Walk(call.Instance, bindings);
                    foreach (var argument in call.Arguments)
                    {
                        Walk(argument.Value, bindings);
                    }

                    if (MayAddUnitsUnseen(call))
                    {
                        // A helper of this compilation that receives a builder: its body runs here, with its
                        // parameters bound to the arguments.
                        FollowHelper(call.TargetMethod, bindings.With(call, bindings));
                    }

                    return;
                case IDelegateCreationOperation { Target: IMethodReferenceOperation { Method: var method } }
                    when method.Parameters.Any(p => IsCloudConfigBuilder(p.Type)) && !IsCoreosDsl(method):
                    FollowHelper(method, Bindings.None); // Worker.Define(name, Configure): a method group
                    return;
                default:
                    foreach (var child in operation.ChildOperations)
                    {
                        Walk(child, bindings);
                    }

                    return;
            }
        }

        private void FollowHelper(IMethodSymbol method, Bindings bindings)
        {
            if (helpers.Count >= MaxHelperDepth || helpers.Contains(method.OriginalDefinition, SymbolEqualityComparer.Default)
                || reader.BodyOf(method) is not { } body)
            {
                Complete = false;
                return;
            }

            helpers.Add(method.OriginalDefinition);
            Walk(body, bindings);
            helpers.RemoveAt(helpers.Count - 1);
        }

        private void Add(IInvocationOperation call, Bindings bindings)
        {
            var anchor = call.Syntax.GetLocation();
            if (reader.IsTypedDefinition(call, out _))
            {
                entries.Add((reader.ReadTyped(call, bindings), anchor));
                return;
            }

            switch (call.TargetMethod.Name)
            {
                case "Existing":
                    entries.Add((reader.ReadExisting(call), anchor));
                    return;
                case "Raw":
                    entries.Add((reader.ReadRaw(call), anchor));
                    return;
                case "Add":
                    AddEntry(call, bindings);
                    return;
                default:
                    if (IsCoreosDsl(call.TargetMethod))
                    {
                        Complete = false; // a CoreosUnitsBuilder method this analyzer does not know
                    }
                    else
                    {
                        FollowHelper(call.TargetMethod, bindings.With(call, bindings)); // the user's extension method
                    }

                    return;
            }
        }

        private void AddEntry(IInvocationOperation call, Bindings bindings)
        {
            var unitArgument = call.Arguments.FirstOrDefault(a => KnownSymbols.DerivesFrom(a.Parameter?.Type, symbols.UnitFile));
            if (unitArgument is not null)
            {
                var anchor = unitArgument.Value.Syntax.GetLocation();
                var commandArgument = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "command");
                var command = commandArgument is null ? null : OperationValues.ConstantText(commandArgument.Value);
                if (reader.Resolve(unitArgument.Value, bindings) is ({ } definition, var own))
                {
                    var unit = reader.ReadTyped(definition, own);
                    unit.Command = command;
                    reader.ReadDropIns(call, unit);
                    entries.Add((unit, anchor));
                }
                else
                {
                    entries.Add((new UnitFacts(null, null, anchor) { Command = command, ContentKnown = false }, anchor));
                    Complete = false;
                }

                return;
            }

            var configure = call.Arguments.Select(a => OperationValues.Unwrap(a.Value)).OfType<IDelegateCreationOperation>().FirstOrDefault();
            if (configure?.Target is IAnonymousFunctionOperation lambda)
            {
                entries.Add((reader.ReadEntry(call, lambda), call.Syntax.GetLocation()));
            }
            else
            {
                Complete = false;
            }
        }

        /// <summary>
        /// A call into code outside CoreosDsl that receives a cloud-config builder (as receiver or argument) may add
        /// units the analyzer cannot see.
        /// </summary>
        private static bool MayAddUnitsUnseen(IInvocationOperation call) =>
            !IsCoreosDsl(call.TargetMethod)
            && (IsCloudConfigBuilder(call.Instance?.Type) || call.Arguments.Any(a => IsCloudConfigBuilder(a.Value.Type)));

        private static bool IsCoreosDsl(IMethodSymbol method)
        {
            var ns = method.ContainingNamespace?.ToDisplayString() ?? "";
            return ns == "CoreosDsl" || ns.StartsWith("CoreosDsl.", StringComparison.Ordinal);
        }

        private static bool IsCloudConfigBuilder(ITypeSymbol? type) =>
            type is INamedTypeSymbol named
            && named.ContainingNamespace?.ToDisplayString() == "CoreosDsl.CloudConfig"
            && named.Name.EndsWith("Builder", StringComparison.Ordinal);
    }
}
