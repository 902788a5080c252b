using System.Collections.Immutable;
using CoreosDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CoreosDsl.Generators.Diagnostics;

/// <summary>
/// Checks string literals passed where a builder takes a value in systemd, cloud-config or Ignition syntax (parameters
/// marked <c>[SystemdSyntax]</c>, <c>[CloudConfigFormat]</c> or <c>[IgnitionFormat]</c> by the generator): calendar events, time spans, sizes, unit
/// names, command lines, specifiers, paths, modes, SSH keys, URLs, host names. Each literal is checked by the parser
/// the builder runs at run time; the diagnostic points at the literal (CDSL201 to CDSL215). The directives inside
/// raw unit text (<c>units.Raw(name, content)</c>, <c>.Content("...")</c>) are checked as if passed to their builder
/// methods.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LiteralValueAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = AnalyzerDescriptors.Of(
        RuleCatalog.InvalidCalendarEvent, RuleCatalog.InvalidTimeSpan, RuleCatalog.InvalidSize, RuleCatalog.InvalidUnitName,
        RuleCatalog.UnitNameOfWrongType, RuleCatalog.InvalidCommandLine, RuleCatalog.UnknownSpecifier,
        RuleCatalog.InvalidEnvironmentName, RuleCatalog.PathNotAbsolute, RuleCatalog.InvalidSshKey, RuleCatalog.InvalidUrl,
        RuleCatalog.InvalidHostName, RuleCatalog.InvalidFileMode, RuleCatalog.InvalidValue, RuleCatalog.ValueRefusedByValidator,
        RuleCatalog.UnknownDirective, RuleCatalog.UnknownSection, RuleCatalog.IgnitionPathNotClean);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownSymbols.From(start.Compilation);
            if (symbols.SystemdSyntaxAttribute is null && symbols.CloudConfigFormatAttribute is null && symbols.IgnitionFormatAttribute is null)
            {
                return;
            }

            var own = start.Compilation.Assembly;
            var directives = new GeneratedDirectiveSyntax(start.Compilation, symbols);
            var reader = new UnitFactsReader(symbols, start.Compilation);
            var urls = new UriFields(start.Compilation);
            start.RegisterOperationAction(c =>
            {
                var invocation = (IInvocationOperation)c.Operation;
                if (MayBeMarked(invocation.TargetMethod, own))
                {
                    Analyze(c, symbols, directives, reader, invocation.Arguments, urls);
                }
            }, OperationKind.Invocation);
            start.RegisterOperationAction(c =>
            {
                var creation = (IObjectCreationOperation)c.Operation;
                if (creation.Constructor is { } constructor && MayBeMarked(constructor, own))
                {
                    Analyze(c, symbols, directives, reader, creation.Arguments, urls);
                }
                else if (UriFields.TextOfAbsoluteUri(creation) is { } literal)
                {
                    // Every new Uri("...") of the compilation, wherever it is written: its text must be a URL.
                    Report(c, LiteralChecks.CheckUriText((string)literal.ConstantValue.Value!, null), literal);
                }
            }, OperationKind.ObjectCreation);
        });
    }

    /// <summary>
    /// Only the generated builders (in the project itself) and the CoreosDsl libraries mark parameters: calls into
    /// anything else are skipped before any attribute is read.
    /// </summary>
    private static bool MayBeMarked(IMethodSymbol method, IAssemblySymbol own)
    {
        var assembly = method.ContainingAssembly;
        return SymbolEqualityComparer.Default.Equals(assembly, own)
            || (assembly?.Name is { } name && name.StartsWith("CoreosDsl", StringComparison.Ordinal));
    }

    private static void Analyze(
        OperationAnalysisContext context, KnownSymbols symbols, GeneratedDirectiveSyntax directives, UnitFactsReader reader,
        ImmutableArray<IArgumentOperation> arguments, UriFields urls)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { } parameter)
            {
                continue;
            }

            // (An enum parameter's syntax is for raw unit text: its constants are the enum's own values.)
            if (OperationValues.Unwrap(argument.Value) is { ConstantValue: { HasValue: true, Value: ulong or long or int or uint } number } numeric
                && parameter.Type.TypeKind != TypeKind.Enum
                && symbols.TryGetSyntax(parameter, out DirectiveSyntax numberSyntax))
            {
                // A number of a marked parameter (a weight): checked by the same formatter.
                var text = Convert.ToString(number.Value, System.Globalization.CultureInfo.InvariantCulture)!;
                Report(context, LiteralChecks.CheckSystemd(numberSyntax.Syntax, numberSyntax.Condition, text, null), numeric);
                continue;
            }

            if (!OperationValues.MayHoldConstantStrings(argument.Value))
            {
                // A Uri or Uri[] field or property: its new Uri("...") texts are checked for this use where they are written.
                if (urls.Follow(argument.Value) is { } initializer && symbols.TryGetFormat(parameter, out var urlFormat, out var urlPattern))
                {
                    foreach (var (value, source) in OperationValues.ConstantStrings(initializer))
                    {
                        if (LiteralChecks.CheckUriText(value, null) is null
                            && LiteralChecks.CheckCloudConfig(urlFormat, urlPattern, value, null) is { } finding
                            && urls.FirstReport(finding, source))
                        {
                            Report(context, finding, source);
                        }
                    }
                }

                continue;
            }

            // A new Uri("...") whose text is no URL at all is reported once, by the check of every new Uri.
            var constants = OperationValues.ConstantStrings(argument.Value)
                .Where(c => !IsUriText(c.Source) || LiteralChecks.CheckUriText(c.Value, null) is null).ToList();
            if (constants.Count == 0)
            {
                continue;
            }

            if (symbols.TryGetSyntax(parameter, out DirectiveSyntax syntax))
            {
                foreach (var (value, source) in constants)
                {
                    Report(context, LiteralChecks.CheckSystemd(syntax.Syntax, syntax.Condition, value, null, syntax.Prefixes), source, urls);
                }
            }
            else if (symbols.TryGetIgnitionFormat(parameter, out var ignitionFormat))
            {
                foreach (var (value, source) in constants)
                {
                    Report(context, LiteralChecks.CheckIgnition(ignitionFormat, value, null), source, urls);
                }
            }
            else if (symbols.TryGetFormat(parameter, out var format, out var pattern))
            {
                foreach (var (value, source) in constants)
                {
                    var finding = LiteralChecks.CheckCloudConfig(format, pattern, value, null);
                    Report(context, finding, source, urls);
                    if (finding is null && format == "unit-content")
                    {
                        // Raw unit text: each directive is checked as if passed to its builder method.
                        foreach (var inner in LiteralChecks.CheckUnitContent(value, directives.Of, null))
                        {
                            Report(context, inner, source, urls);
                        }

                        // Names no builder knows (CDSL240/241), against the sections of the unit's type when its name is known.
                        var unitName = symbols.CoreosUnitsBuilder is null ? null : reader.UnitNameOf(argument);
                        foreach (var name in directives.Schema.CheckNames(value, unitName, (_, _) => null))
                        {
                            Report(context, name, source, urls);
                        }
                    }
                }
            }
        }
    }

    /// <summary>True when <paramref name="source"/> is the text argument of a <c>new Uri("...")</c>.</summary>
    private static bool IsUriText(IOperation source) =>
        source.Parent is IArgumentOperation { Parent: IObjectCreationOperation creation } && UriFields.TextOfAbsoluteUri(creation) == source;

    private static void Report(OperationAnalysisContext context, RuleFinding? finding, IOperation source, UriFields? once = null)
    {
        if (finding is null)
        {
            return;
        }

        var location = source.Syntax.GetLocation();
        if (once is not null && OperationValues.Unwrap(source) is IFieldReferenceOperation { Field: { IsConst: true } constant }
            && constant.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<VariableDeclaratorSyntax>()
                .FirstOrDefault(d => d.Initializer is not null) is { Initializer: { } initializer })
        {
            // A constant's text is reported where it is written, once however often the constant is used.
            location = initializer.Value.GetLocation();
            if (!once.FirstReport(finding, location))
            {
                return;
            }
        }

        context.ReportDiagnostic(AnalyzerDescriptors.Create(finding, location));
    }
}
