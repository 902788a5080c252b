using CoreosDsl.Generators.Infrastructure;

namespace CoreosDsl.Generators.Systemd;

/// <summary>How strongly the target systemd version rejects a directive.</summary>
internal enum ObsoleteLevel
{
    None,
    Warning,
    Error,
}

/// <summary>One directive of one section, resolved for the target systemd version.</summary>
internal sealed record DirectiveSpec(
    string Name,
    string Kind,
    string? EnumName,
    string? IgnoredKind,
    bool Repeat,
    bool Condition,
    bool OptionalPrefix,
    bool Nanoseconds,
    string? Forms,
    string? Syntax,
    string? Doc,
    string? DeprecatedBecause,
    string? Replacement,
    ObsoleteLevel Obsolete,
    string? ObsoleteMessage)
{
    /// <summary>The prefixes the string form accepts, in systemd's order (schema <c>prefixes=</c>), or null.</summary>
    public string? Prefixes { get; init; }
}

/// <summary>A section builder to generate: <c>[Service]</c> → <c>ServiceSectionBuilder</c>.</summary>
internal sealed record SectionSpec(string Name, string? Note, EquatableArray<DirectiveSpec> Directives)
{
    public string ClassName => Name + "SectionBuilder";
}

/// <summary>One value of an enum: the text systemd reads and the C# member name.</summary>
internal sealed record EnumValueSpec(string Value, string MemberName, string? ObsoleteReason);

/// <summary>An enum to generate.</summary>
internal sealed record EnumSpec(string Name, EquatableArray<EnumValueSpec> Values, string? Doc);

/// <summary>A unit type and its sections in writing order: <c>service</c> → [Unit] [Service] [Install].</summary>
internal sealed record UnitTypeSpec(string Type, EquatableArray<string> Sections)
{
    public string Pascal => Naming.Pascal(Type);

    public string ClassName => Pascal + "UnitBuilder";
}

/// <summary>Everything the systemd schema files describe, resolved for the target version.</summary>
internal sealed record SystemdModel(
    int TargetVersion,
    EquatableArray<SectionSpec> Sections,
    EquatableArray<EnumSpec> Enums,
    EquatableArray<UnitTypeSpec> UnitTypes,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The enums some directive uses; the schema also records value sets no directive takes.</summary>
    public System.Collections.Generic.IEnumerable<EnumSpec> UsedEnums => System.Linq.Enumerable.Where(
        Enums, e => System.Linq.Enumerable.Any(Sections, s => System.Linq.Enumerable.Any(s.Directives, d => d.EnumName == e.Name)));
}
