using System.Collections.Concurrent;
using System.Collections.Immutable;
using CoreosDsl.Rules;
using CoreosDsl.Systemd;
using Microsoft.CodeAnalysis;

namespace CoreosDsl.Generators.Diagnostics;

/// <summary>
/// The syntax of a directive as the project's generated builders take it: the <c>[SystemdSyntax]</c> of the string
/// overload of <c>{Section}SectionBuilder.{Directive}</c> (or of the method itself, when its parameters each take a
/// part of the value), so that directives inside raw unit text are checked like
/// builder arguments. Looked up once per section and directive and compilation.
/// </summary>
internal sealed class GeneratedDirectiveSyntax
{
    private readonly Compilation _compilation;
    private readonly KnownSymbols _symbols;
    private readonly ConcurrentDictionary<(string Section, string Directive), DirectiveSyntax?> _cache = new();

    public GeneratedDirectiveSyntax(Compilation compilation, KnownSymbols symbols)
    {
        _compilation = compilation;
        _symbols = symbols;
    }

    private UnitSchema? _schema;

    /// <summary>The sections and directives of the project's generated builders, for the unknown-name checks (built once).</summary>
    public UnitSchema Schema => _schema ??= ReadSchema();

    private UnitSchema ReadSchema()
    {
        var directives = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var sectionsOfType = new Dictionary<CoreosDsl.Systemd.UnitType, List<string>>();
        // CoreosDsl.Systemd's builders and the extension methods the project's own schema files add.
        var ns = _compilation.GlobalNamespace.GetNamespaceMembers().FirstOrDefault(n => n.Name == "CoreosDsl")
            ?.GetNamespaceMembers().FirstOrDefault(n => n.Name == "Systemd");
        if (ns is null)
        {
            return new UnitSchema(directives, sectionsOfType);
        }

        const string Section = "SectionBuilder";
        const string Unit = "UnitBuilder";
        const string Extensions = "SectionBuilderExtensions";
        foreach (var type in ns.GetTypeMembers().Where(t => _compilation.IsSymbolAccessibleWithin(t, _compilation.Assembly)))
        {
            if (type.IsStatic && type.Name.Length > Extensions.Length && type.Name.EndsWith(Extensions, StringComparison.Ordinal))
            {
                var section = type.Name.Substring(0, type.Name.Length - Extensions.Length);
                var names = directives.TryGetValue(section, out var known) ? known : directives[section] = new HashSet<string>(StringComparer.Ordinal);
                names.UnionWith(type.GetMembers().OfType<IMethodSymbol>().Where(m => m.IsExtensionMethod).Select(m => m.Name));
                continue;
            }

            var methods = type.GetMembers().OfType<IMethodSymbol>()
                .Where(m => m.MethodKind == MethodKind.Ordinary && !m.IsStatic && m.DeclaredAccessibility == Accessibility.Public).ToList();
            if (type.Name.Length > Section.Length && type.Name.EndsWith(Section, StringComparison.Ordinal))
            {
                var section = type.Name.Substring(0, type.Name.Length - Section.Length);
                var names = directives.TryGetValue(section, out var known) ? known : directives[section] = new HashSet<string>(StringComparer.Ordinal);
                names.UnionWith(methods.Select(m => m.Name));
            }
            else if (type.Name.Length > Unit.Length && type.Name.EndsWith(Unit, StringComparison.Ordinal)
                && UnitTypeOf(type.Name.Substring(0, type.Name.Length - Unit.Length)) is { } unitType)
            {
                sectionsOfType[unitType] = methods
                    .Where(m => m.Parameters is [{ Type: INamedTypeSymbol { Name: "Action", TypeArguments: [var builder] } }] && builder.Name.EndsWith(Section, StringComparison.Ordinal))
                    .Select(m => m.Name).Distinct().ToList();
            }
        }

        return new UnitSchema(directives, sectionsOfType);
    }

    private static CoreosDsl.Systemd.UnitType? UnitTypeOf(string pascal)
    {
        foreach (CoreosDsl.Systemd.UnitType type in Enum.GetValues(typeof(CoreosDsl.Systemd.UnitType)))
        {
            if (string.Equals(CoreosDsl.Systemd.UnitName.Suffix(type), pascal, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        return null;
    }

    /// <summary>The syntax, or null when the project has no builder method for the directive.</summary>
    public DirectiveSyntax? Of(string section, string directive) => _cache.GetOrAdd((section, directive), Find);

    private DirectiveSyntax? Find((string Section, string Directive) key)
    {
        // The builder is CoreosDsl.Systemd's (or the project's own, for a section only its schema files declare); a
        // directive the project's schema files add is an extension method of it, generated into the project.
        var builder = _compilation.GetTypeByMetadataName($"CoreosDsl.Systemd.{key.Section}SectionBuilder")
            ?? _compilation.Assembly.GetTypeByMetadataName($"CoreosDsl.Systemd.{key.Section}SectionBuilder");
        var extensions = _compilation.Assembly.GetTypeByMetadataName($"CoreosDsl.Systemd.{key.Section}SectionBuilderExtensions");
        var methods = (builder?.GetMembers(key.Directive) ?? ImmutableArray<ISymbol>.Empty).OfType<IMethodSymbol>()
            .Select(m => (Method: m, Parameters: m.Parameters))
            .Concat((extensions?.GetMembers(key.Directive) ?? ImmutableArray<ISymbol>.Empty).OfType<IMethodSymbol>()
                .Where(m => m.IsExtensionMethod).Select(m => (Method: m, Parameters: m.Parameters.RemoveAt(0))));

        // An enum directive is checked against its values, before any string overload that takes its other forms.
        foreach (var (_, parameters) in methods)
        {
            if (parameters is [{ Type.TypeKind: TypeKind.Enum } first, ..] && _symbols.TryGetSyntax(first, out DirectiveSyntax enumSyntax)
                && EnumValueText.IsEnumSyntax(enumSyntax.Syntax))
            {
                return enumSyntax;
            }
        }

        DirectiveSyntax? boolean = null;
        foreach (var (method, parameters) in methods)
        {
            if (parameters is not [var first, ..])
            {
                continue;
            }

            // A method-level syntax covers the whole value where the parameters each take a part (Environment=).
            if (_symbols.TryGetSyntax(method, out DirectiveSyntax valueSyntax))
            {
                return valueSyntax;
            }

            if (first.Type.SpecialType == SpecialType.System_String && _symbols.TryGetSyntax(first, out DirectiveSyntax syntax))
            {
                return syntax;
            }

            // A number with a range (Nice=, OOMScoreAdjust=): raw text is checked against the same range.
            if (first.Type.SpecialType is SpecialType.System_Int64 or SpecialType.System_UInt64 && _symbols.TryGetSyntax(first, out DirectiveSyntax number))
            {
                return number;
            }

            if (first.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String } && _symbols.TryGetSyntax(first, out DirectiveSyntax each))
            {
                return new DirectiveSyntax(each.Syntax, each.Condition, each.Prefixes, list: true);
            }

            // A directive that takes only a bool is checked as systemd parses booleans.
            if (first.Type.SpecialType == SpecialType.System_Boolean)
            {
                boolean = new DirectiveSyntax("bool", parameters.Any(p => p.Name == "negate"));
            }
        }

        return boolean;
    }
}
