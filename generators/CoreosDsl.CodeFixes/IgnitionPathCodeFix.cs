using System.Composition;
using CoreosDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CoreosDsl.CodeFixes;

/// <summary>
/// CDSL260: writes an Ignition path in its simplified form (<c>/etc//hostname</c> → <c>/etc/hostname</c>), computed
/// by the analyzer with Go's <c>path.Clean</c> rules, which Ignition compares against.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IgnitionPathCodeFix)), Shared]
public sealed class IgnitionPathCodeFix() : LiteralReplacementCodeFix(RuleIds.IgnitionPathNotClean)
{
    /// <inheritdoc />
    protected override string Title(string replacement) => $"Write the path as '{replacement}'";
}
