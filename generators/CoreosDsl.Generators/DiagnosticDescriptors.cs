using System.Linq;
using Microsoft.CodeAnalysis;

namespace CoreosDsl.Generators;

/// <summary>
/// Every diagnostic the generator and analyzers report. IDs are stable; each has a section in
/// docs/diagnostics.md. CDSL0xx: schema files. CDSL1xx: deprecations (CDSL101 and CDSL102 from
/// DeprecatedDirectiveAnalyzer, which weighs a directive's versions against the project's target; the others from
/// the compiler, through the [Obsolete] attributes generated for what no version changes). CDSL2xx and up: analyzers.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string SchemaCategory = "CoreosDsl.Schema";

    public static readonly DiagnosticDescriptor MalformedSchemaLine = new(
        "CDSL001", "Malformed schema line", "{0}", SchemaCategory, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: Help("CDSL001"));

    public static readonly DiagnosticDescriptor DuplicateSchemaDefinition = new(
        "CDSL002", "Duplicate schema definition", "{0} is already defined at {1}; remove one of them", SchemaCategory,
        DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: Help("CDSL002"));

    public static readonly DiagnosticDescriptor UnknownSchemaReference = new(
        "CDSL003", "Unknown schema reference", "{0}", SchemaCategory, DiagnosticSeverity.Error, isEnabledByDefault: true,
        helpLinkUri: Help("CDSL003"));

    public static readonly DiagnosticDescriptor InvalidGeneratorOption = new(
        "CDSL004", "Invalid CoreosDsl project property", "{0}", SchemaCategory, DiagnosticSeverity.Warning,
        isEnabledByDefault: true, helpLinkUri: Help("CDSL004"));

    private const string DeprecationCategory = "CoreosDsl.Deprecation";

    /// <summary>CDSL101, in the compiler's obsolete wording: {0} the method, {1} <c>DirectiveDeprecation.Message</c>.</summary>
    public static readonly DiagnosticDescriptor DeprecatedDirective = new(
        global::CoreosDsl.Rules.RuleIds.DeprecatedDirective, "Directive deprecated by the target systemd version", "'{0}' is obsolete: '{1}'",
        DeprecationCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: Help("CDSL101"));

    /// <summary>CDSL102: the target systemd version ignores the directive.</summary>
    public static readonly DiagnosticDescriptor IgnoredDirective = new(
        global::CoreosDsl.Rules.RuleIds.IgnoredDirective, "Directive ignored by the target systemd version", "'{0}' is obsolete: '{1}'",
        DeprecationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: Help("CDSL102"));

    private static readonly DiagnosticDescriptor[] All =
    [
        MalformedSchemaLine, DuplicateSchemaDefinition, UnknownSchemaReference, InvalidGeneratorOption,
        DeprecatedDirective, IgnoredDirective,
    ];

    public static DiagnosticDescriptor ById(string id) => All.First(d => d.Id == id);

    /// <summary>The absolute address of the section of docs/diagnostics.md that explains <paramref name="id"/>.</summary>
    public static string Help(string id) => global::CoreosDsl.Rules.DocumentationLinks.Diagnostic(id);
}
