using CoreosDsl.Generators.Infrastructure;

namespace CoreosDsl.Generators.Systemd;

/// <summary>
/// One directive of one section. <c>DeprecatedIn</c> and <c>IgnoredIn</c> are systemd versions (0: never); what they
/// mean for a project depends on its target version and is the analyzer's concern (CDSL101/CDSL102).
/// <c>Misplaced</c> is the message when the section may not use the directive at all (CDSL103), or null.
/// </summary>
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
    int DeprecatedIn,
    int IgnoredIn,
    string? Misplaced)
{
    /// <summary>The prefixes the string form accepts, in systemd's order (schema <c>prefixes=</c>), or null.</summary>
    public string? Prefixes { get; init; }

    /// <summary>The smallest value systemd accepts (schema <c>range=MIN..MAX</c> on an int or uint), or null.</summary>
    public long? RangeMin { get; init; }

    /// <summary>The largest value systemd accepts (schema <c>range=</c>), or null.</summary>
    public long? RangeMax { get; init; }

    /// <summary>The check of an <c>other</c> directive's text (schema <c>check=</c>: <c>listen</c>, <c>rlimit-bytes</c> ...), or null.</summary>
    public string? Check { get; init; }

    /// <summary>True when the directive comes from a bundled schema file, so CoreosDsl.Systemd already has its method.</summary>
    public bool Compiled { get; init; }

    /// <summary>The class whose <c>Format</c> writes the directive's enum (<c>SystemdEnumText</c>), or null.</summary>
    public string? EnumFormatter { get; init; }

    /// <summary>The values of the directive's enum as systemd reads them, space-separated (for raw unit text checks), or null.</summary>
    public string? EnumValues { get; init; }

    /// <summary>True when some systemd version deprecates or ignores the directive.</summary>
    public bool HasDeprecation => DeprecatedIn > 0 || IgnoredIn > 0;
}

/// <summary>A section builder to generate: <c>[Service]</c> → <c>ServiceSectionBuilder</c>.</summary>
internal sealed record SectionSpec(string Name, string? Note, EquatableArray<DirectiveSpec> Directives)
{
    public string ClassName => Name + "SectionBuilder";

    /// <summary>True when a bundled schema file declares the section: CoreosDsl.Systemd has its builder.</summary>
    public bool Compiled { get; init; }
}

/// <summary>One value of an enum: the text systemd reads and the C# member name.</summary>
internal sealed record EnumValueSpec(string Value, string MemberName, string? ObsoleteReason);

/// <summary>An enum to generate.</summary>
internal sealed record EnumSpec(string Name, EquatableArray<EnumValueSpec> Values, string? Doc)
{
    /// <summary>True when a bundled systemd schema file declares the enum: CoreosDsl.Systemd has it.</summary>
    public bool Compiled { get; init; }
}

/// <summary>A unit type and its sections in writing order: <c>service</c> → [Unit] [Service] [Install].</summary>
internal sealed record UnitTypeSpec(string Type, EquatableArray<string> Sections)
{
    public string Pascal => Naming.Pascal(Type);

    public string ClassName => Pascal + "UnitBuilder";

    /// <summary>True when a bundled schema file declares the unit type: CoreosDsl.Systemd has its builder.</summary>
    public bool Compiled { get; init; }
}

/// <summary>
/// Everything the systemd schema files describe (independent of the project's target version).
/// <c>BuildersCompiled</c>: some files are the bundled ones, whose builders CoreosDsl.Systemd holds (public); the
/// project then gets only what its own files add (internal). Without bundled files (CoreosDsl.Systemd itself, or a
/// schema of its own) everything is generated, public.
/// </summary>
internal sealed record SystemdModel(
    bool BuildersCompiled,
    EquatableArray<SectionSpec> Sections,
    EquatableArray<EnumSpec> Enums,
    EquatableArray<UnitTypeSpec> UnitTypes,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The enums some directive uses; the schema also records value sets no directive takes.</summary>
    public System.Collections.Generic.IEnumerable<EnumSpec> UsedEnums => System.Linq.Enumerable.Where(
        Enums, e => System.Linq.Enumerable.Any(Sections, s => System.Linq.Enumerable.Any(s.Directives, d => d.EnumName == e.Name)));
}
