using System;
using System.Collections.Immutable;
using System.Linq;
using CoreosDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CoreosDsl.Generators.Diagnostics;

/// <summary>
/// CDSL263: an Ignition setting of a later spec than the config is written in. A builder method marked
/// <c>[IgnitionSince("3.4.0")]</c> (from <c>since=</c> in ignition.schema), or an <c>arn:</c> URL literal, inside
/// <c>WithIgnition(...)</c> of a worker whose chain selects no later spec with <c>WithIgnitionSpec(...)</c>, or inside
/// <c>IgnitionConfig.Create(...)</c> of an older version. Where the version cannot be known (a computed value, or a
/// <c>WithIgnitionSpec</c> call elsewhere in the member) nothing is reported; the worker checks again at run time.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IgnitionSpecAnalyzer : DiagnosticAnalyzer
{
    private const string DefaultVersion = "3.3.0";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = AnalyzerDescriptors.Of(RuleCatalog.IgnitionSpecTooOld);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = KnownSymbols.From(start.Compilation);
            if (symbols.IgnitionSinceAttribute is null)
            {
                return;
            }

            start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, KnownSymbols symbols)
    {
        var call = (IInvocationOperation)context.Operation;
        if (Since(call.TargetMethod, symbols) is { } since)
        {
            Report(context, call, symbols, since, call.TargetMethod.Name + "()", NameLocation(call));
        }

        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is { } parameter && symbols.TryGetIgnitionFormat(parameter, out var format) && format == "url"
                && OperationValues.ConstantText(argument.Value) is { } url && url.StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
            {
                Report(context, call, symbols, "3.4.0", $"the arn: URL \"{url}\"", argument.Syntax.GetLocation());
            }
        }
    }

    private static void Report(OperationAnalysisContext context, IInvocationOperation call, KnownSymbols symbols, string since, string what, Location location)
    {
        if (SelectedVersion(call, symbols) is not { } version || Compare(version, since) >= 0)
        {
            return;
        }

        var member = "V" + since.Replace('.', '_');
        context.ReportDiagnostic(AnalyzerDescriptors.Create(new RuleFinding(RuleCatalog.IgnitionSpecTooOld, null, what, since, version, member), location));
    }

    private static string? Since(IMethodSymbol method, KnownSymbols symbols) =>
        method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, symbols.IgnitionSinceAttribute))
            ?.ConstructorArguments.FirstOrDefault().Value as string;

    /// <summary>
    /// The spec version of the config the call builds: from the enclosing <c>IgnitionConfig.Create</c>, or the
    /// worker chain of the enclosing <c>WithIgnition</c>; null when it cannot be known.
    /// </summary>
    private static string? SelectedVersion(IInvocationOperation call, KnownSymbols symbols)
    {
        for (var operation = call.Parent; operation is not null; operation = operation.Parent)
        {
            if (operation is not IInvocationOperation outer)
            {
                continue;
            }

            var type = outer.TargetMethod.ContainingType;
            if (outer.TargetMethod.Name == "Create" && SymbolEqualityComparer.Default.Equals(type, symbols.IgnitionConfig))
            {
                return outer.Arguments.Length == 1 ? DefaultVersion : VersionOf(outer.Arguments[0].Value);
            }

            if (outer.TargetMethod.Name == "WithIgnition" && SymbolEqualityComparer.Default.Equals(type, symbols.WorkerDefinition))
            {
                return ChainVersion(outer, symbols);
            }
        }

        return null;
    }

    private static string? ChainVersion(IInvocationOperation withIgnition, KnownSymbols symbols)
    {
        // The outermost call of the fluent chain, then every WithIgnitionSpec on it: the outermost one wins.
        IOperation top = withIgnition;
        while (top.Parent is IInvocationOperation parent && parent.Instance is { } instance && OperationValues.Unwrap(instance) == top)
        {
            top = parent;
        }

        for (var receiver = (IOperation?)top; receiver is IInvocationOperation inner; receiver = inner.Instance is null ? null : OperationValues.Unwrap(inner.Instance))
        {
            if (inner.TargetMethod.Name == "WithIgnitionSpec" && SymbolEqualityComparer.Default.Equals(inner.TargetMethod.ContainingType, symbols.WorkerDefinition))
            {
                return inner.Arguments.Length == 1 ? VersionOf(inner.Arguments[0].Value) : null;
            }
        }

        // None on the chain: a WithIgnitionSpec elsewhere in the member may still apply to this worker.
        var member = withIgnition.Syntax.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax or GlobalStatementSyntax) ?? withIgnition.Syntax.SyntaxTree.GetRoot();
        return member.DescendantNodes().OfType<MemberAccessExpressionSyntax>().Any(m => m.Name.Identifier.ValueText == "WithIgnitionSpec")
            ? null
            : DefaultVersion;
    }

    /// <summary>The version an <c>IgnitionSpecVersion</c> constant names (<c>V3_4_0</c> → 3.4.0), or null when not constant.</summary>
    private static string? VersionOf(IOperation value)
    {
        value = OperationValues.Unwrap(value);
        if (value.Type is not INamedTypeSymbol { TypeKind: TypeKind.Enum } type || !value.ConstantValue.HasValue)
        {
            return null;
        }

        var field = type.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value.ConstantValue.Value));
        return field is null || field.Name.Length < 2 ? null : field.Name.Substring(1).Replace('_', '.');
    }

    private static int Compare(string a, string b) =>
        Version.TryParse(a, out var x) && Version.TryParse(b, out var y) ? x.CompareTo(y) : 0;

    private static Location NameLocation(IInvocationOperation call) =>
        call.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } ? access.Name.GetLocation() : call.Syntax.GetLocation();
}
