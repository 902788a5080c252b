using System.Reflection;
using CoreosDsl.CloudConfig;
using CoreosDsl.Systemd;

namespace CoreosDsl.Host;

/// <summary>
/// What the typed builders can build, found by reflection on the real builders rather than by guessing names:
/// which cloud-config key each builder method sets (each method is probed once on a scratch node), and the
/// systemd unit builders of CoreosDsl.Systemd, judged at the systemd version of the assembly it is given (normally
/// the definitions project's entry assembly).
/// </summary>
internal sealed class BuilderCatalog
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private readonly Dictionary<Type, IReadOnlyDictionary<string, IReadOnlyList<MethodInfo>>> keysByType = [];

    public BuilderCatalog(Assembly? unitBuilders)
    {
        // The unit builders are compiled once into CoreosDsl.Systemd, units.Service(...) into CoreosDsl.CloudConfig; the
        // definitions project's assembly says which systemd version it targets.
        UnitsFactory = typeof(Units);
        UnitExtensions = typeof(CoreosUnitsBuilderExtensions);
        SystemdVersion = unitBuilders?.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Key == "CoreosDslSystemdVersion" && int.TryParse(a.Value, out _))
            .Select(a => int.Parse(a.Value!, System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault() is > 0 and var version ? version : DirectiveDeprecation.DefaultTargetVersion;
    }

    /// <summary>
    /// The systemd version the definitions project targets: its <c>CoreosDslSystemdVersion</c>, which the CoreosDsl
    /// props record as assembly metadata; <see cref="DirectiveDeprecation.DefaultTargetVersion"/> without it.
    /// </summary>
    public int SystemdVersion { get; }

    /// <summary>
    /// Why code that calls <paramref name="member"/> would not compile in the project, or null: obsolete as an error,
    /// or the builder method of a directive the target systemd ignores (CDSL102).
    /// </summary>
    public string? RefusalOf(MemberInfo member) =>
        member.GetCustomAttribute<SystemdDeprecatedAttribute>() is { } d && d.LevelAt(SystemdVersion) == DeprecationLevel.Ignored
            ? d.MessageAt(SystemdVersion)
            : member.GetCustomAttribute<ObsoleteAttribute>() is { IsError: true } obsolete ? obsolete.Message ?? "" : null;

    /// <summary>
    /// A comment for a member the project's build warns about (<c>CDSL101: ...</c>, a directive the target systemd
    /// deprecates, or any <see cref="WarningOf"/>), or null.
    /// </summary>
    public string? WarningAt(MemberInfo member) =>
        member.GetCustomAttribute<SystemdDeprecatedAttribute>() is { } d && d.LevelAt(SystemdVersion) == DeprecationLevel.Deprecated
            ? $"CDSL101: {d.MessageAt(SystemdVersion)}"
            : WarningOf(member);

    /// <summary>The generated <c>Units</c> factory (<c>Units.Service(name, configure)</c>), or null when the assembly has none.</summary>
    public Type? UnitsFactory { get; }

    /// <summary>The generated <c>units.Service(name, command, configure)</c> extensions, or null.</summary>
    public Type? UnitExtensions { get; }

    /// <summary>True when the typed systemd builders are available.</summary>
    public bool HasUnitBuilders => UnitsFactory is not null;

    /// <summary>A fresh builder of <paramref name="type"/> over a new node (mapping builders) or sequence (list builders).</summary>
    public static object Create(Type type)
    {
        foreach (var constructor in type.GetConstructors(Instance))
        {
            var parameters = constructor.GetParameters();
            if (parameters.Length == 1 && parameters[0].ParameterType == typeof(ConfigMapping))
            {
                return constructor.Invoke([new ConfigMapping()]);
            }

            if (parameters.Length == 1 && parameters[0].ParameterType == typeof(ConfigSequence))
            {
                return constructor.Invoke([new ConfigSequence()]);
            }
        }

        return Activator.CreateInstance(type, nonPublic: true) ?? throw new InvalidOperationException($"cannot create a {type.Name}");
    }

    /// <summary>The mapping a builder writes into, or null for list builders.</summary>
    public static ConfigMapping? NodeOf(object builder) => builder.GetType().GetProperty("Node")?.GetValue(builder) as ConfigMapping;

    /// <summary>The sequence a list builder appends to, or null for mapping builders.</summary>
    public static ConfigSequence? SequenceOf(object builder) => builder.GetType().GetProperty("Sequence")?.GetValue(builder) as ConfigSequence;

    /// <summary>True for builders of a list of objects (they have <c>Add(Action&lt;ItemBuilder&gt;)</c> and a <c>Sequence</c>).</summary>
    public static bool IsListBuilder(Type type) => type.GetProperty("Sequence")?.PropertyType == typeof(ConfigSequence);

    /// <summary>The list builder's <c>Add(Action&lt;ItemBuilder&gt;)</c>.</summary>
    public static MethodInfo? AddMethod(Type listBuilder) => listBuilder.GetMethods(BindingFlags.Instance | BindingFlags.Public)
        .FirstOrDefault(m => m.Name == "Add" && m.GetParameters() is [{ ParameterType: { IsGenericType: true } p }] && p.GetGenericTypeDefinition() == typeof(Action<>));

    /// <summary>For a mapping builder: each key it can set and the methods that set it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MethodInfo>> KeysOf(Type builderType)
    {
        if (keysByType.TryGetValue(builderType, out var known))
        {
            return known;
        }

        var keys = new Dictionary<string, List<MethodInfo>>(StringComparer.Ordinal);
        foreach (var method in builderType.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly))
        {
            if (method.ReturnType != builderType || method.IsSpecialName || IsError(method))
            {
                continue;
            }

            if (Probe(builderType, method) is { } key)
            {
                if (!keys.TryGetValue(key, out var list))
                {
                    keys[key] = list = [];
                }

                list.Add(method);
            }
        }

        var result = keys.ToDictionary(k => k.Key, k => (IReadOnlyList<MethodInfo>)k.Value, StringComparer.Ordinal);
        keysByType[builderType] = result;
        return result;
    }

    /// <summary>The generated factory <c>Units.Service(string, Action&lt;ServiceUnitBuilder&gt;)</c> for a unit type.</summary>
    public MethodInfo? UnitFactory(UnitType type) => UnitsFactory?.GetMethod(type.ToString(), BindingFlags.Static | BindingFlags.Public);

    /// <summary>The generated extension <c>units.Service(name, [command,] configure)</c> for a unit type.</summary>
    public MethodInfo? UnitExtension(UnitType type, bool withCommand) => UnitExtensions?.GetMethods(BindingFlags.Static | BindingFlags.Public)
        .FirstOrDefault(m => m.Name == type.ToString() && m.GetParameters().Length == (withCommand ? 4 : 3));

    /// <summary>True for members marked obsolete as an error: code that calls them does not compile.</summary>
    public static bool IsError(MemberInfo member) => member.GetCustomAttribute<ObsoleteAttribute>() is { IsError: true };

    /// <summary>A comment for members marked obsolete as a warning (<c>CDSL101: ...</c>), or null.</summary>
    public static string? WarningOf(MemberInfo member) => member.GetCustomAttribute<ObsoleteAttribute>() is { IsError: false } obsolete
        ? $"{obsolete.DiagnosticId ?? "CS0618"}: {obsolete.Message}"
        : null;

    /// <summary>Calls <paramref name="method"/> with sample arguments on a scratch builder and returns the key it set.</summary>
    private static string? Probe(Type builderType, MethodInfo method)
    {
        foreach (var arguments in BuilderProbe.SampleArguments(method, ["x", "http://x.example/", "0644", "x=y"], everyString: false))
        {
            try
            {
                var builder = Create(builderType);
                CallStep.Invoke(method, builder, arguments);
                var node = NodeOf(builder);
                if (node is { Count: 1 })
                {
                    return node.Keys.First();
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or NotSupportedException or UriFormatException or CoreosDsl.Systemd.UnitDefinitionException)
            {
                // This sample does not fit the method's checks; try the next one.
            }
        }

        return null;
    }
}
