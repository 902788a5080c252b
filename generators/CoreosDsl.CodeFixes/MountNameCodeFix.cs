using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CoreosDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CoreosDsl.CodeFixes;

/// <summary>
/// CDSL222: renames a mount or automount unit after its <c>Where=</c> (<c>/var/lib/docker</c> →
/// <c>var-lib-docker.mount</c>), the only name systemd accepts. The analyzer computed the name with
/// <c>UnitName.FromPath</c>, systemd's own escaping.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MountNameCodeFix)), Shared]
public sealed class MountNameCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [RuleIds.MountNameMismatch];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null
                || !diagnostic.Properties.TryGetValue(RuleIds.ReplacementProperty, out var name) || name is null
                || LiteralReplacement.FindLiteral(root, diagnostic.Location.SourceSpan) is not { } literal)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create($"Rename the unit to '{name}'", ct => LiteralReplacement.ReplaceAsync(context.Document, literal, name, ct), RuleIds.MountNameMismatch),
                diagnostic);
        }
    }
}
