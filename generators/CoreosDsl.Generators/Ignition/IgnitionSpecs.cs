using CoreosDsl.Generators.Infrastructure;
using CoreosDsl.Generators.Systemd;

namespace CoreosDsl.Generators.Ignition;

/// <summary>One key of the Ignition schema (shapes are expanded: the key table holds every concrete path).</summary>
internal sealed record IgnitionKeySpec(
    string Path,
    string Type,
    string? Format,
    string? Enum,
    string? Key,
    string? Item,
    string? Builder,
    string? Like,
    bool Required,
    string? Doc,
    string? Since = null)
{
    public string Name => Path.Substring(Path.LastIndexOf('.') + 1);

    public string ParentPath => Path.LastIndexOf('.') is var i and >= 0 ? Path.Substring(0, i) : "";

    public string MethodName => Naming.Pascal(Name);

    /// <summary>The path of the object whose children describe this key's value (the shape for <c>like=</c>).</summary>
    public string ValuePath => Like ?? (Type == "list<object>" ? Path + "[]" : Path);
}

/// <summary>A builder class to generate: the root, each object, each list item and each shape.</summary>
internal sealed record IgnitionObjectSpec(string Path, string ClassName, string? Doc, EquatableArray<IgnitionKeySpec> Children);

/// <summary>Everything the Ignition schema describes.</summary>
internal sealed record IgnitionModel(
    string Version,
    EquatableArray<IgnitionKeySpec> Keys,
    EquatableArray<IgnitionObjectSpec> Objects,
    EquatableArray<EnumSpec> Enums,
    EquatableArray<DiagnosticInfo> Diagnostics);
