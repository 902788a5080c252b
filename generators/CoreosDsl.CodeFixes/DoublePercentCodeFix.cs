using System.Composition;
using CoreosDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CoreosDsl.CodeFixes;

/// <summary>
/// CDSL207: writes <c>%%</c> for a <c>%</c> that starts no known specifier, so that systemd passes a literal percent
/// sign (<c>"echo 50%d"</c> → <c>"echo 50%%d"</c>). Offered only when that makes the whole value valid.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DoublePercentCodeFix)), Shared]
public sealed class DoublePercentCodeFix() : LiteralReplacementCodeFix(RuleIds.UnknownSpecifier)
{
    /// <inheritdoc />
    protected override string Title(string replacement) => "Write %% for a literal percent sign";
}
