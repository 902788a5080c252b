using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CoreosDsl.CodeFixes;

/// <summary>Replaces the string literal a diagnostic points at with another string, keeping its trivia.</summary>
internal static class LiteralReplacement
{
    /// <summary>The string literal exactly at <paramref name="span"/>, or null (a constant from elsewhere, an interpolation).</summary>
    public static LiteralExpressionSyntax? FindLiteral(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true) is LiteralExpressionSyntax literal
        && literal.IsKind(SyntaxKind.StringLiteralExpression)
            ? literal
            : null;

    /// <summary>The document with <paramref name="literal"/> replaced by a regular string literal of <paramref name="value"/>.</summary>
    public static async Task<Document> ReplaceAsync(Document document, LiteralExpressionSyntax literal, string value, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value))
            .WithTriviaFrom(literal);
        return document.WithSyntaxRoot(root!.ReplaceNode(literal, replacement));
    }
}
