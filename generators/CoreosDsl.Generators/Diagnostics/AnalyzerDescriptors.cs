using System.Collections.Concurrent;
using System.Collections.Immutable;
using CoreosDsl.Rules;
using Microsoft.CodeAnalysis;

namespace CoreosDsl.Generators.Diagnostics;

/// <summary>
/// The compiler's view of the shared rule catalog: a <see cref="DiagnosticDescriptor"/> per rule (same ID, title,
/// message and help link as <c>worker.Validate()</c> reports), and findings turned into diagnostics.
/// </summary>
internal static class AnalyzerDescriptors
{
    private static readonly ConcurrentDictionary<string, DiagnosticDescriptor> ById = new(StringComparer.Ordinal);

    /// <summary>The descriptor of a rule.</summary>
    public static DiagnosticDescriptor For(RuleDescriptor rule) => ById.GetOrAdd(rule.Id, _ => new DiagnosticDescriptor(
        rule.Id,
        rule.Title,
        rule.MessageFormat,
        rule.Category,
        rule.Severity == RuleSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: rule.HelpLink));

    /// <summary>The descriptors of several rules, for <c>SupportedDiagnostics</c>.</summary>
    public static ImmutableArray<DiagnosticDescriptor> Of(params RuleDescriptor[] rules) => [.. rules.Select(For)];

    /// <summary>A diagnostic for a finding at <paramref name="location"/>, carrying the certain fix if there is one.</summary>
    public static Diagnostic Create(RuleFinding finding, Location location)
    {
        var properties = finding.Replacement is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(RuleIds.ReplacementProperty, finding.Replacement);
        return Diagnostic.Create(For(finding.Rule), location, properties, finding.Arguments);
    }
}
