using CoreosDsl.Generators.Infrastructure;
using CoreosDsl.Generators.Systemd;

namespace CoreosDsl.Generators.CloudConfig;

/// <summary>One key of the cloud-config schema.</summary>
internal sealed record CloudKeySpec(
    string Path,
    string Type,
    string? Dash,
    string? Env,
    string? Valid,
    string? Deprecated,
    string? Format,
    string? Enum,
    bool Required,
    string? Default,
    string? Separator,
    string? Builder,
    string? Doc)
{
    public string Name => Path.Substring(Path.LastIndexOf('.') + 1);

    public string ParentPath => Path.LastIndexOf('.') is var i and >= 0 ? Path.Substring(0, i) : "";

    public string MethodName => Naming.Pascal(Name);
}

/// <summary>
/// A builder class to generate: the root, each object key, and each item of a list of objects (which also
/// gets a list builder).
/// </summary>
internal sealed record CloudObjectSpec(
    string Path, string ClassName, string? ListClassName, string? Doc, EquatableArray<CloudKeySpec> Children);

/// <summary>Everything the cloud-config schema describes.</summary>
internal sealed record CloudConfigModel(
    EquatableArray<CloudKeySpec> Keys,
    EquatableArray<CloudObjectSpec> Objects,
    EquatableArray<EnumSpec> Enums,
    EquatableArray<DiagnosticInfo> Diagnostics);
