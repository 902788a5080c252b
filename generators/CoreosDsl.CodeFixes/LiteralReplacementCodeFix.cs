using System.Collections.Immutable;
using System.Threading.Tasks;
using CoreosDsl.Rules;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CoreosDsl.CodeFixes;

/// <summary>
/// A fix that replaces the flagged string literal with the text the analyzer computed and put in the diagnostic's
/// <see cref="RuleIds.ReplacementProperty"/> (the rules offer it only when the fix is certain).
/// </summary>
public abstract class LiteralReplacementCodeFix : CodeFixProvider
{
    private readonly string _id;

    /// <summary>Creates the fix of diagnostic <paramref name="id"/>.</summary>
    protected LiteralReplacementCodeFix(string id)
    {
        _id = id;
        FixableDiagnosticIds = [id];
    }

    /// <inheritdoc />
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc />
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null
                || !diagnostic.Properties.TryGetValue(RuleIds.ReplacementProperty, out var replacement) || replacement is null
                || LiteralReplacement.FindLiteral(root, diagnostic.Location.SourceSpan) is not { } literal)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title(replacement), ct => LiteralReplacement.ReplaceAsync(context.Document, literal, replacement, ct), _id),
                diagnostic);
        }
    }

    /// <summary>What the fix is called in the editor.</summary>
    protected abstract string Title(string replacement);
}
