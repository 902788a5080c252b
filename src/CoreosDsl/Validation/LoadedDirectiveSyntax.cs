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

            foreach (var method in builder.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            {
                if (method.Name == key.Directive
                    && method.GetParameters() is [var first, ..]
                    && first.ParameterType == typeof(string)
                    && first.GetCustomAttribute<SystemdSyntaxAttribute>() is { } syntax)
                {
                    return new DirectiveSyntax(syntax.Syntax, syntax.Condition);
                }
            }
        }

        return null;
    }
}
