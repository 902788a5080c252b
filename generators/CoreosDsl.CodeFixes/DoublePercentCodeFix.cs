using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CoreosDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CoreosDsl.CodeFixes;

/// <summary>
/// CDSL207: writes <c>%%</c> for a <c>%</c> that starts no known specifier, so that systemd passes a literal percent
/// sign (<c>"echo 50%d"</c> → <c>"echo 50%%d"</c>). Offered only when that makes the whole value valid.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DoublePercentCodeFix)), Shared]
public sealed class DoublePercentCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [RuleIds.UnknownSpecifier];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null
                || !diagnostic.Properties.TryGetValue(RuleIds.ReplacementProperty, out var value) || value is null
                || LiteralReplacement.FindLiteral(root, diagnostic.Location.SourceSpan) is not { } literal)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Write %% for a literal percent sign", ct => LiteralReplacement.ReplaceAsync(context.Document, literal, value, ct), RuleIds.UnknownSpecifier),
                diagnostic);
        }
    }
}
