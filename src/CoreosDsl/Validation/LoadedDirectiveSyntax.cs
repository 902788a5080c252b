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

    private static DirectiveSyntax? Find((string Section, string Directive) key)
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic || assembly.GetType($"CoreosDsl.Systemd.{key.Section}SectionBuilder", throwOnError: false) is not { } builder)
            {
                continue;
            }

            DirectiveSyntax? boolean = null;
            foreach (var method in builder.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == key.Directive))
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
