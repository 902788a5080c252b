using System.Composition;
using CoreosDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CoreosDsl.CodeFixes;

/// <summary>
/// CDSL222: renames a mount or automount unit after its <c>Where=</c> (<c>/var/lib/docker</c> →
/// <c>var-lib-docker.mount</c>), the only name systemd accepts. The analyzer computed the name with
/// <c>UnitName.FromPath</c>, systemd's own escaping.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MountNameCodeFix)), Shared]
public sealed class MountNameCodeFix() : LiteralReplacementCodeFix(RuleIds.MountNameMismatch)
{
    /// <inheritdoc />
    protected override string Title(string replacement) => $"Rename the unit to '{replacement}'";
}
