using System.Linq;
using Microsoft.CodeAnalysis;

namespace CoreosDsl.Generators;

/// <summary>
/// Every diagnostic the generator and analyzers report. IDs are stable; each has a section in
/// docs/diagnostics.md. CDSL0xx: schema files. CDSL1xx: deprecations (reported by the compiler through the
/// generated [Obsolete] attributes, listed here for documentation). CDSL2xx and up: analyzers.
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

    private static readonly DiagnosticDescriptor[] All =
    [
        MalformedSchemaLine, DuplicateSchemaDefinition, UnknownSchemaReference, InvalidGeneratorOption,
    ];

    public static DiagnosticDescriptor ById(string id) => All.First(d => d.Id == id);

    /// <summary>The absolute address of the section of docs/diagnostics.md that explains <paramref name="id"/>.</summary>
    public static string Help(string id) => global::CoreosDsl.Rules.DocumentationLinks.Diagnostic(id);
}
