using System.Collections.Concurrent;
using System.Reflection;
using CoreosDsl.Rules;
using CoreosDsl.Systemd;

namespace CoreosDsl;

/// <summary>
/// The runtime side of the analyzer's directive lookup: the <see cref="SystemdSyntaxAttribute"/> of the string
/// overload of <c>{Section}SectionBuilder.{Directive}</c> among the builders generated into the loaded assemblies
/// (a definitions project's own, when it validates its workers). Null for a directive no builder has.
/// </summary>
internal static class LoadedDirectiveSyntax
{
    // Only what was found is kept: an assembly with builders may be loaded after a first miss.
    private static readonly ConcurrentDictionary<(string Section, string Directive), DirectiveSyntax> Found = new();

    public static DirectiveSyntax? Of(string section, string directive)
    {
        if (Found.TryGetValue((section, directive), out var known))
        {
            return known;
        }

        return Find((section, directive)) is { } syntax ? Found.GetOrAdd((section, directive), syntax) : null;
    }

    /// <summary>
    /// The last schema read and the assemblies it was read from (weakly held: a collectible assembly may go). Reading
    /// it walks every builder method by reflection, far more than a worker's own checks cost, so it is read again only
    /// when the loaded builder assemblies change.
    /// </summary>
    private static volatile CachedSchema? cached;

    /// <summary>
    /// The sections and directives of the builders generated into the loaded assemblies (the bundled schema and the
    /// user's), for the unknown-name checks of raw unit text; empty when no builders are loaded.
    /// </summary>
    public static UnitSchema Schema()
    {
        var sources = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && a.GetType("CoreosDsl.Systemd.UnitSectionBuilder", throwOnError: false) is not null)
            .ToArray();
        if (cached is { } last && last.IsFrom(sources))
        {
            return last.Schema;
        }

        var schema = Read(sources);
        cached = new CachedSchema([.. sources.Select(a => new WeakReference<Assembly>(a))], schema);
        return schema;
    }

    private static UnitSchema Read(Assembly[] sources)
    {
        var directives = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var sectionsOfType = new Dictionary<UnitType, List<string>>();
        foreach (var assembly in sources)
        {
            foreach (var type in assembly.GetTypes().Where(t => t.Namespace == "CoreosDsl.Systemd"))
            {
                if (type.Name.Length > "SectionBuilder".Length && type.Name.EndsWith("SectionBuilder", StringComparison.Ordinal))
                {
                    var section = type.Name[..^"SectionBuilder".Length];
                    var names = directives.TryGetValue(section, out var known) ? known : directives[section] = new HashSet<string>(StringComparer.Ordinal);
                    names.UnionWith(type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => m.Name));
                }
                else if (type.Name.EndsWith("UnitBuilder", StringComparison.Ordinal) && UnitTypeOf(type.Name[..^"UnitBuilder".Length]) is { } unitType)
                {
                    var sections = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                        .Where(m => m.GetParameters() is [{ ParameterType: { IsGenericType: true } p }] && p.GetGenericTypeDefinition() == typeof(Action<>)
                            && p.GetGenericArguments()[0].Name.EndsWith("SectionBuilder", StringComparison.Ordinal))
                        .Select(m => m.Name);
                    var list = sectionsOfType.TryGetValue(unitType, out var existing) ? existing : sectionsOfType[unitType] = [];
                    list.AddRange(sections.Where(s => !list.Contains(s)));
                }
            }
        }

        return new UnitSchema(directives, sectionsOfType);
    }

    private sealed record CachedSchema(WeakReference<Assembly>[] Sources, UnitSchema Schema)
    {
        public bool IsFrom(Assembly[] sources) =>
            Sources.Length == sources.Length
            && Sources.Zip(sources).All(p => p.First.TryGetTarget(out var assembly) && ReferenceEquals(assembly, p.Second));
    }

    private static UnitType? UnitTypeOf(string pascal) =>
        Enum.GetValues<UnitType>().Where(t => string.Equals(UnitName.Suffix(t), pascal, StringComparison.OrdinalIgnoreCase)).Select(t => (UnitType?)t).FirstOrDefault();

    private static DirectiveSyntax? Find((string Section, string Directive) key)
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic || assembly.GetType($"CoreosDsl.Systemd.{key.Section}SectionBuilder", throwOnError: false) is not { } builder)
            {
                continue;
            }

            var methods = builder.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == key.Directive).ToList();

            // As the analyzer does: an enum directive is checked against its values, before a string overload of its forms.
            foreach (var method in methods)
            {
                if (method.GetParameters() is [{ ParameterType.IsEnum: true } enumParameter, ..]
                    && enumParameter.GetCustomAttribute<SystemdSyntaxAttribute>() is { } enumSyntax && EnumValueText.IsEnumSyntax(enumSyntax.Syntax))
                {
                    return new DirectiveSyntax(enumSyntax.Syntax, enumSyntax.Condition);
                }
            }

            DirectiveSyntax? boolean = null;
            foreach (var method in methods)
            {
                if (method.GetParameters() is not [var first, ..] parameters)
                {
                    continue;
                }

                // As the analyzer does: a method-level syntax covers the whole value (Environment=: NAME=VALUE words).
                if (method.GetCustomAttribute<SystemdSyntaxAttribute>() is { } valueSyntax)
                {
                    return new DirectiveSyntax(valueSyntax.Syntax, valueSyntax.Condition);
                }

                if (first.ParameterType == typeof(string) && first.GetCustomAttribute<SystemdSyntaxAttribute>() is { } syntax)
                {
                    return new DirectiveSyntax(syntax.Syntax, syntax.Condition, syntax.Prefixes);
                }

                // As the analyzer does: a number with a range or a weight is checked against it in raw text too.
                if ((first.ParameterType == typeof(long) || first.ParameterType == typeof(ulong)) && first.GetCustomAttribute<SystemdSyntaxAttribute>() is { } number)
                {
                    return new DirectiveSyntax(number.Syntax, number.Condition);
                }

                if (first.ParameterType == typeof(string[]) && first.GetCustomAttribute<SystemdSyntaxAttribute>() is { } each)
                {
                    return new DirectiveSyntax(each.Syntax, each.Condition, each.Prefixes, list: true);
                }

                // As the analyzer does: a directive that takes only a bool is checked as systemd parses booleans.
                if (first.ParameterType == typeof(bool))
                {
                    boolean = new DirectiveSyntax("bool", parameters.Any(p => p.Name == "negate"));
                }
            }

            if (boolean is not null)
            {
                return boolean;
            }
        }

        return null;
    }
}
