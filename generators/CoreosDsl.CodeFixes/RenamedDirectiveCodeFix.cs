using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoreosDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CoreosDsl.CodeFixes;

/// <summary>
/// CDSL101/CDSL102 on a directive systemd reads as another one (<c>BindTo=</c> is <c>BindsTo=</c>,
/// <c>StartLimitInterval=</c> is <c>StartLimitIntervalSec=</c>): calls the builder method of the current name
/// instead. The generator marks such methods <c>[SystemdRenamed("BindsTo")]</c> only when the new method takes the
/// same arguments, so the fix is certain; deprecations with a different meaning (<c>CPUShares=</c> →
/// <c>CPUWeight=</c>) get no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenamedDirectiveCodeFix)), Shared]
public sealed class RenamedDirectiveCodeFix : CodeFixProvider
{
    private const string RenamedAttribute = "CoreosDsl.Systemd.SystemdRenamedAttribute";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [RuleIds.DeprecatedDirective, RuleIds.IgnoredDirective];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var name = NameAt(root, diagnostic.Location.SourceSpan);
            if (name is null || model.GetSymbolInfo(name, context.CancellationToken).Symbol is not IMethodSymbol method)
            {
                continue;
            }

            var current = method.GetAttributes()
                .Where(a => a.AttributeClass?.ToDisplayString() == RenamedAttribute)
                .Select(a => a.ConstructorArguments.FirstOrDefault().Value as string)
                .FirstOrDefault(n => n is { Length: > 0 });
            if (current is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create($"Use {current}= instead of {method.Name}=", ct => RenameAsync(context.Document, name, current, ct), RuleIds.DeprecatedDirective + current),
                diagnostic);
        }
    }

    /// <summary>The method name the compiler's obsolete diagnostic points at (<c>x.BindTo</c> or <c>BindTo</c>).</summary>
    private static SimpleNameSyntax? NameAt(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true) switch
        {
            SimpleNameSyntax simple => simple,
            MemberAccessExpressionSyntax access => access.Name,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name,
            InvocationExpressionSyntax { Expression: SimpleNameSyntax simple } => simple,
            _ => null,
        };

    private static async Task<Document> RenameAsync(Document document, SimpleNameSyntax name, string newName, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var renamed = name.WithIdentifier(SyntaxFactory.Identifier(newName).WithTriviaFrom(name.Identifier));
        return document.WithSyntaxRoot(root!.ReplaceNode(name, renamed));
    }
}
