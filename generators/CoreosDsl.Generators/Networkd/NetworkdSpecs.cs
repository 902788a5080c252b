using CoreosDsl.Generators.Infrastructure;

namespace CoreosDsl.Generators.Networkd;

/// <summary>One directive of a networkd section: its name, value kind and attributes.</summary>
internal sealed record NetworkdDirectiveSpec(string Name, string Kind, bool Repeat, ulong? Min, ulong? Max, string? Doc)
{
    /// <summary>The enum a <c>enum:NAME</c> or <c>list:enum:NAME</c> kind takes, or null.</summary>
    public string? EnumName => Kind.StartsWith("enum:", System.StringComparison.Ordinal) ? Kind.Substring(5)
        : Kind.StartsWith("list:enum:", System.StringComparison.Ordinal) ? Kind.Substring(10) : null;
}

/// <summary>
/// A section of one networkd file type: <c>network Address</c> → <c>NetworkAddressSection</c>. A repeatable section
/// is added anew by each call.
/// </summary>
internal sealed record NetworkdSectionSpec(string File, string Name, bool Repeat, string? Doc, EquatableArray<NetworkdDirectiveSpec> Directives)
{
    public string ClassName => NetworkdFileSpec.PascalOf(File) + Name + "Section";
}

/// <summary>A networkd file type (<c>network</c>, <c>netdev</c>, <c>link</c>) and its sections in writing order.</summary>
internal sealed record NetworkdFileSpec(string Type, EquatableArray<string> Sections, string? Doc)
{
    public string Pascal => PascalOf(Type);

    public string ClassName => Pascal + "FileBuilder";

    public static string PascalOf(string type) => type == "netdev" ? "NetDev" : Naming.Pascal(type);
}

/// <summary>One value of a networkd enum: the text systemd reads and the C# member name.</summary>
internal sealed record NetworkdEnumValueSpec(string Value, string MemberName);

/// <summary>An enum of networkd values.</summary>
internal sealed record NetworkdEnumSpec(string Name, EquatableArray<NetworkdEnumValueSpec> Values, string? Doc);

/// <summary>Everything the networkd schema files describe.</summary>
internal sealed record NetworkdModel(
    EquatableArray<NetworkdFileSpec> Files,
    EquatableArray<NetworkdSectionSpec> Sections,
    EquatableArray<NetworkdEnumSpec> Enums,
    EquatableArray<DiagnosticInfo> Diagnostics);
