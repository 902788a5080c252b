using System.Reflection;
using CoreosDsl.CloudConfig;

namespace CoreosDsl.Host;

/// <summary>
/// One step of an imported definition, applied to a builder: a fluent call (<c>.Group("alpha")</c>), a void call
/// (<c>x.Raw("X-Foo", "bar")</c>), or setting a raw node on the builder's mapping or sequence. Steps are both
/// executed (to check, by reflection on the real builders, that they rebuild the input exactly) and written as C#,
/// so what the import checked is what the user gets.
/// </summary>
internal abstract record ImportStep
{
    /// <summary>A comment written after the step (deprecations), or null.</summary>
    public string? Comment { get; init; }

    /// <summary>Applies the step to <paramref name="target"/>.</summary>
    public abstract void Apply(object target);

    /// <summary>True when the step returns its builder, so it can be chained.</summary>
    public abstract bool Fluent { get; }
}

/// <summary><c>target.Method(args)</c>, or an extension method <c>Method(target, args)</c> written as a call on the target.</summary>
internal sealed record CallStep(MethodInfo Method, IReadOnlyList<ImportArg> Args) : ImportStep
{
    /// <summary>Trailing optional parameters passed as their defaults (and not written).</summary>
    public IReadOnlyList<object?> Defaults { get; init; } = [];

    /// <summary>True for an extension method.</summary>
    public bool IsExtension => Method.IsStatic;

    /// <inheritdoc />
    public override bool Fluent => Method.ReturnType != typeof(void);

    /// <inheritdoc />
    public override void Apply(object target)
    {
        var parameters = Method.GetParameters();
        var offset = IsExtension ? 1 : 0;
        var values = new List<object?>();
        if (IsExtension)
        {
            values.Add(target);
        }

        for (var i = 0; i < Args.Count; i++)
        {
            values.Add(Args[i].Evaluate(parameters[offset + i].ParameterType));
        }

        values.AddRange(Defaults);
        Invoke(Method, IsExtension ? null : target, [.. values]);
    }

    /// <summary>Invokes a method, unwrapping the reflection wrapper so the builder's own exception surfaces.</summary>
    public static object? Invoke(MethodBase method, object? target, object?[] arguments)
    {
        try
        {
            return method is ConstructorInfo constructor ? constructor.Invoke(arguments) : method.Invoke(target, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}

/// <summary><c>target.Node.Set("key", node)</c> (mapping builders) or <c>target.Sequence.Add(node)</c> (list builders): what the builders cannot express.</summary>
internal sealed record RawNodeStep(string? Key, ConfigNode Node) : ImportStep
{
    /// <inheritdoc />
    public override bool Fluent => false;

    /// <inheritdoc />
    public override void Apply(object target)
    {
        if (Key is null)
        {
            var sequence = (ConfigSequence)target.GetType().GetProperty("Sequence")!.GetValue(target)!;
            sequence.Add(NodeCopy.Of(Node));
        }
        else
        {
            var mapping = (ConfigMapping)target.GetType().GetProperty("Node")!.GetValue(target)!;
            mapping.Set(Key, NodeCopy.Of(Node));
        }
    }
}

/// <summary>An argument of a <see cref="CallStep"/>.</summary>
internal abstract record ImportArg
{
    /// <summary>The runtime value for a parameter of <paramref name="parameterType"/>.</summary>
    public abstract object? Evaluate(Type parameterType);
}

/// <summary>A literal: string, bool, integer, double or enum value.</summary>
internal sealed record LiteralArg(object Value) : ImportArg
{
    /// <inheritdoc />
    public override object? Evaluate(Type parameterType) =>
        Value is IConvertible && !parameterType.IsEnum && parameterType != Value.GetType() && parameterType.IsPrimitive
            ? Convert.ChangeType(Value, parameterType, System.Globalization.CultureInfo.InvariantCulture)
            : Value;
}

/// <summary>The values of a <c>params</c> array, written as separate arguments.</summary>
internal sealed record ParamsArg(IReadOnlyList<object> Values) : ImportArg
{
    /// <inheritdoc />
    public override object? Evaluate(Type parameterType)
    {
        var element = parameterType.GetElementType()!;
        var array = Array.CreateInstance(element, Values.Count);
        for (var i = 0; i < Values.Count; i++)
        {
            array.SetValue(Values[i], i);
        }

        return array;
    }
}

/// <summary><c>p => p.Step().Step()</c>: configures the builder passed to an <c>Action&lt;TBuilder&gt;</c>.</summary>
internal sealed record LambdaArg(string Hint, IReadOnlyList<ImportStep> Body) : ImportArg
{
    /// <inheritdoc />
    public override object? Evaluate(Type parameterType)
    {
        var builderType = parameterType.GetGenericArguments()[0];
        var make = typeof(LambdaArg).GetMethod(nameof(MakeAction), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(builderType);
        return make.Invoke(null, [(Action<object>)(builder =>
        {
            foreach (var step in Body)
            {
                step.Apply(builder);
            }
        })]);
    }

    private static Action<T> MakeAction<T>(Action<object> body) => x => body(x!);
}

/// <summary>A static call used as an argument: <c>Units.Service("x.service", s => ...)</c>.</summary>
internal sealed record StaticCallArg(MethodInfo Method, IReadOnlyList<ImportArg> Args) : ImportArg
{
    /// <inheritdoc />
    public override object? Evaluate(Type parameterType)
    {
        var parameters = Method.GetParameters();
        return CallStep.Invoke(Method, null, Args.Select((a, i) => a.Evaluate(parameters[i].ParameterType)).ToArray());
    }
}

/// <summary>Deep copies of nodes, so that a checked plan can be applied again without sharing nodes.</summary>
internal static class NodeCopy
{
    public static ConfigNode Of(ConfigNode node) => node switch
    {
        ConfigScalar s => new ConfigScalar(s.Value, s.Kind) { Tag = s.Tag },
        ConfigSequence q => new ConfigSequence(q.Select(Of)),
        ConfigMapping m => MappingOf(m),
        _ => throw new ArgumentException($"unknown node {node.GetType().Name}", nameof(node)),
    };

    private static ConfigMapping MappingOf(ConfigMapping mapping)
    {
        var copy = new ConfigMapping();
        foreach (var (key, value) in mapping)
        {
            copy.Set(key, Of(value));
        }

        return copy;
    }
}

/// <summary>
/// <c>target.Node["key"] = value</c>, or with <see cref="Append"/> <c>IgnitionNodes.Array(target.Node, "key").Add(value)</c>,
/// on an Ignition builder: what its typed methods cannot express, or would refuse.
/// </summary>
internal sealed record RawJsonStep(string Key, System.Text.Json.Nodes.JsonNode? Value, bool Append = false) : ImportStep
{
    /// <inheritdoc />
    public override bool Fluent => false;

    /// <inheritdoc />
    public override void Apply(object target)
    {
        var node = (System.Text.Json.Nodes.JsonObject)target.GetType().GetProperty("Node")!.GetValue(target)!;
        var copy = Value?.DeepClone();
        if (Append)
        {
            CoreosDsl.Ignition.IgnitionNodes.Array(node, Key).Add(copy);
        }
        else
        {
            node[Key] = copy;
        }
    }
}

/// <summary><c>File.ReadAllText("path")</c>: a file read when the definition runs (Butane's <c>local</c> contents).</summary>
internal sealed record FileTextArg(string Path) : ImportArg
{
    /// <inheritdoc />
    public override object? Evaluate(Type parameterType) => File.ReadAllText(Path);
}

/// <summary><c>NetworkdFiles.Network("x.network", n => ...).ToText()</c>: a networkd file's text, written by the typed builders.</summary>
internal sealed record NetworkdTextArg(StaticCallArg File) : ImportArg
{
    /// <inheritdoc />
    public override object? Evaluate(Type parameterType) => ((CoreosDsl.Networkd.NetworkdFile)File.Evaluate(typeof(CoreosDsl.Networkd.NetworkdFile))!).ToText();
}
