using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using CoreosDsl.Systemd;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CoreosDsl.Generators.Diagnostics;

/// <summary>
/// Calls of builder methods whose directive the project's target systemd (<c>CoreosDslSystemdVersion</c>, default
/// 252) deprecates (CDSL101, a warning) or ignores (CDSL102, an error), reported at the method's name. The builders
/// are the same for every project (generated once into CoreosDsl.Systemd); each method carries its directive's
/// versions in <c>[SystemdDeprecated]</c>, and this analyzer weighs them against the project's version with
/// <see cref="DirectiveDeprecation"/>. Like the compiler's <c>[Obsolete]</c>, it is silent inside code that is
/// itself marked obsolete or deprecated.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeprecatedDirectiveAnalyzer : DiagnosticAnalyzer
{
    private const string AttributeName = "CoreosDsl.Systemd.SystemdDeprecatedAttribute";

    /// <summary>The method as the compiler names it in CS0618: <c>ServiceSectionBuilder.CPUShares(ulong)</c>.</summary>
    private static readonly SymbolDisplayFormat MethodFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeParameters,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeParamsRefOut
            | SymbolDisplayParameterOptions.IncludeExtensionThis,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        [DiagnosticDescriptors.DeprecatedDirective, DiagnosticDescriptors.IgnoredDirective];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var attribute = start.Compilation.GetTypeByMetadataName(AttributeName);
            if (attribute is null)
            {
                return;
            }

            var target = GeneratorOptions.From(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions).SystemdVersion;
            var obsolete = start.Compilation.GetTypeByMetadataName("System.ObsoleteAttribute");
            var deprecations = new ConcurrentDictionary<IMethodSymbol, Deprecation?>(SymbolEqualityComparer.Default);
            Deprecation? Of(IMethodSymbol method) => deprecations.GetOrAdd(method.ReducedFrom ?? method.OriginalDefinition, m => Read(m, attribute));

            start.RegisterOperationAction(c =>
            {
                var (method, name) = c.Operation switch
                {
                    IInvocationOperation call => (call.TargetMethod, NameOf(call.Syntax)),
                    IMethodReferenceOperation reference => (reference.Method, NameOf(reference.Syntax)),
                    _ => (null, null),
                };
                if (method is null || Of(method) is not { } deprecation || InDeprecatedCode(c.ContainingSymbol, attribute, obsolete))
                {
                    return;
                }

                var level = DirectiveDeprecation.LevelAt(deprecation.Deprecated, deprecation.Ignored, target);
                if (level == DeprecationLevel.None)
                {
                    return;
                }

                var descriptor = level == DeprecationLevel.Ignored ? DiagnosticDescriptors.IgnoredDirective : DiagnosticDescriptors.DeprecatedDirective;
                var message = DirectiveDeprecation.Message(deprecation.Directive, deprecation.Deprecated, deprecation.Ignored, deprecation.Because, deprecation.Use, target);
                c.ReportDiagnostic(Diagnostic.Create(descriptor, (name ?? c.Operation.Syntax).GetLocation(),
                    (method.ReducedFrom ?? method).ToDisplayString(MethodFormat), message));
            }, OperationKind.Invocation, OperationKind.MethodReference);
        });
    }

    /// <summary>The method's name in <c>x.CPUShares(16)</c>, <c>x?.CPUShares(16)</c>, <c>CPUShares(16)</c> or a method group.</summary>
    private static SyntaxNode? NameOf(SyntaxNode syntax) => syntax switch
    {
        InvocationExpressionSyntax invocation => NameOf(invocation.Expression),
        MemberAccessExpressionSyntax access => access.Name,
        MemberBindingExpressionSyntax binding => binding.Name,
        SimpleNameSyntax simple => simple,
        _ => null,
    };

    private static Deprecation? Read(IMethodSymbol method, INamedTypeSymbol attribute)
    {
        var data = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));
        if (data is null || data.ConstructorArguments is not [{ Value: string directive }])
        {
            return null;
        }

        int Number(string name) => data.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value is int n ? n : 0;
        string? Text(string name) => data.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value as string;
        return new Deprecation(directive, Number("Deprecated"), Number("Ignored"), Text("Because"), Text("Use"));
    }

    /// <summary>True inside a member or type marked <c>[Obsolete]</c> or <c>[SystemdDeprecated]</c>, where the compiler would not warn either.</summary>
    private static bool InDeprecatedCode(ISymbol? symbol, INamedTypeSymbol attribute, INamedTypeSymbol? obsolete)
    {
        for (; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
        {
            if (symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)
                || (obsolete is not null && SymbolEqualityComparer.Default.Equals(a.AttributeClass, obsolete))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What <c>[SystemdDeprecated]</c> says about one method.</summary>
    private sealed record Deprecation(string Directive, int Deprecated, int Ignored, string? Because, string? Use);
}
