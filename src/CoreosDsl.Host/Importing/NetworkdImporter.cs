using System.Globalization;
using System.Reflection;
using CoreosDsl.CloudConfig;
using CoreosDsl.Networkd;
using CoreosDsl.Systemd;

namespace CoreosDsl.Host;

/// <summary>
/// Imports networkd text (a <c>.network</c>, <c>.netdev</c> or <c>.link</c> entry of <c>coreos.units</c>, or an Ignition
/// file under /etc/systemd/network) as the typed
/// builders' calls: <c>units.Network("10-eth0.network", n =&gt; n.Match(m =&gt; m.Name("eth0")) ...)</c>. A line the
/// schema types becomes its typed call; a line it does not type, or whose value its checks refuse, is kept with
/// <c>Raw(...)</c> (and a refused value is listed for review with the rule it breaks); a section the builders do not
/// have becomes <c>RawSection(...)</c>. The import is used only when the calls write the very text again.
/// </summary>
internal static class NetworkdImporter
{
    /// <summary>
    /// The call that adds file <paramref name="name"/> with <paramref name="content"/> to <c>coreos.units</c>
    /// (<c>units.Network(name, n =&gt; ...)</c>, or with the entry's other settings
    /// <c>units.Add(NetworkdFiles.Network(name, n =&gt; ...), entry =&gt; ...)</c>), or null with the
    /// <paramref name="reason"/> the text stays raw. Review notes for raw lines go to <paramref name="notes"/>.
    /// </summary>
    /// <param name="name">The entry's name.</param>
    /// <param name="content">The entry's content.</param>
    /// <param name="configure">The entry's other settings (<c>runtime</c>, <c>enable</c> ...), or null.</param>
    /// <param name="notes">Where review notes go.</param>
    /// <param name="reason">Why the text stays raw, when it does.</param>
    public static CallStep? TryImport(string name, string content, LambdaArg? configure, List<string> notes, out string? reason)
    {
        if (TryImportFile(name, content, $"coreos.units[{name}]", notes, out reason) is not { } file)
        {
            return null;
        }

        return configure is null
            ? new CallStep(typeof(CoreosUnitsBuilder).GetMethod(file.Method.Name)!, file.Args)
            : new CallStep(typeof(CoreosUnitsBuilder).GetMethod(nameof(CoreosUnitsBuilder.Add), [typeof(NetworkdFile), typeof(Action<CoreosUnitBuilder>)])!, [file, configure]);
    }

    /// <summary>
    /// <c>NetworkdFiles.Network(name, n =&gt; ...)</c> (or <c>NetDev</c>, <c>Link</c>) writing exactly
    /// <paramref name="content"/>, or null with the <paramref name="reason"/> the text stays raw (null when the name is
    /// no networkd file's). Review notes for raw lines go to <paramref name="notes"/>.
    /// </summary>
    /// <param name="name">The file name.</param>
    /// <param name="content">The file's text.</param>
    /// <param name="where">Where the file is, for the notes (<c>coreos.units[10-eth0.network]</c>).</param>
    /// <param name="notes">Where review notes go.</param>
    /// <param name="reason">Why the text stays raw, when it does.</param>
    public static StaticCallArg? TryImportFile(string name, string content, string where, List<string> notes, out string? reason)
    {
        reason = null;
        if (NetworkdFile.KindOf(name) is not { } kind)
        {
            return null;
        }

        if (!UnitFileReader.TryReadSections(content, out var sections, out var unreadable))
        {
            reason = $"the text is not read as a networkd file ({unreadable})";
            return null;
        }

        var fileBuilder = kind switch
        {
            NetworkdFileKind.Network => typeof(NetworkFileBuilder),
            NetworkdFileKind.NetDev => typeof(NetDevFileBuilder),
            _ => typeof(LinkFileBuilder),
        };
        var local = new List<string>();
        var steps = sections.Select(section => SectionStep(kind, fileBuilder, where, section, local)).ToList();
        var file = new StaticCallArg(typeof(NetworkdFiles).GetMethod(PascalOf(kind))!, [new LiteralArg(name), new LambdaArg(FileHint(kind), steps)]);
        if (Written(file) != content)
        {
            reason = "the builders would not write this text byte for byte (comments, blank lines, spacing around '=', or sections out of systemd's documented order)";
            return null;
        }

        notes.AddRange(local);
        return file;
    }

    private static ImportStep SectionStep(NetworkdFileKind kind, Type fileBuilder, string file, UnitFileSection section, List<string> notes)
    {
        var method = NetworkdSchema.IsTypedSection(kind, section.Name, out _)
            ? fileBuilder.GetMethods().FirstOrDefault(m => m.GetParameters() is [{ ParameterType: { IsGenericType: true } p }]
                && p.GetGenericArguments()[0].Name == $"{PascalOf(kind)}{section.Name}Section")
            : null;
        if (method is null)
        {
            if (!NetworkdSchema.Sections(kind).Contains(section.Name))
            {
                notes.Add($"{file}: [{section.Name}] kept as a raw section: {(kind == NetworkdFileKind.Link ? "udev" : "systemd-networkd")} 252 does not read such a section (CDSL241)");
            }

            var rawSection = fileBuilder.GetMethod("RawSection")!;
            var rawLine = typeof(NetworkdSectionBuilder).GetMethod(nameof(NetworkdSectionBuilder.Raw))!;
            return new CallStep(rawSection, [new LiteralArg(section.Name), new LambdaArg("s", [.. section.Entries.Select(e => (ImportStep)new CallStep(rawLine, [new LiteralArg(e.Key), new LiteralArg(e.Value)]))])]);
        }

        var sectionType = method.GetParameters()[0].ParameterType.GetGenericArguments()[0];
        var set = new HashSet<string>(StringComparer.Ordinal);
        var steps = section.Entries.Select(e => EntryStep(kind, sectionType, file, section.Name, e, set, notes)).ToList();
        // n => n.Match(m => ...).Network(x => ...), as the README writes them.
        var hint = char.ToLowerInvariant(section.Name[0]).ToString();
        return new CallStep(method, [new LambdaArg(hint == FileHint(kind) ? "x" : hint, steps)]);
    }

    /// <summary>The typed call for a line, or <c>Raw</c>/<c>Reset</c>.</summary>
    private static ImportStep EntryStep(
        NetworkdFileKind kind, Type sectionType, string file, string section, UnitFileEntry entry, HashSet<string> set, List<string> notes)
    {
        var raw = new CallStep(typeof(NetworkdSectionBuilder).GetMethod(nameof(NetworkdSectionBuilder.Raw))!, [new LiteralArg(entry.Key), new LiteralArg(entry.Value)]);
        if (entry.Value.Length == 0)
        {
            return new CallStep(typeof(NetworkdSectionBuilder).GetMethod(nameof(NetworkdSectionBuilder.Reset))!, [new LiteralArg(entry.Key)]);
        }

        if (NetworkdSchema.Typed(kind, section, entry.Key) is not { } directive)
        {
            if (NetworkdSchema.Directives(kind, section) is { } known && !known.Contains(entry.Key))
            {
                notes.Add($"{file}: [{section}] {entry.Key}= kept raw: not a directive of [{section}] (CDSL240)");
            }

            return raw;
        }

        if (directive.Problem(entry.Value) is { } problem)
        {
            notes.Add($"{file}: [{section}] {entry.Key}={entry.Value} kept raw: {problem} (CDSL214)");
            return raw;
        }

        // A second line of a directive that takes one value would replace the first: it stays a raw line.
        if (!directive.Repeat && !set.Add(entry.Key))
        {
            return raw;
        }

        var methods = sectionType.GetMethods().Where(m => string.Equals(m.Name, entry.Key, StringComparison.OrdinalIgnoreCase)).ToList();
        return TypedCall(directive, methods, entry.Value) ?? raw;
    }

    private static CallStep? TypedCall(NetworkdDirective directive, List<MethodInfo> methods, string value)
    {
        MethodInfo? Taking(Type type) => methods.FirstOrDefault(m => m.GetParameters() is [var p] && p.ParameterType == type);
        if (directive.EnumName is { } enumName)
        {
            var enumType = typeof(NetworkdFile).Assembly.GetType($"CoreosDsl.Networkd.{enumName}")!;
            var spelled = directive.IsList ? value.Split(' ') : [value];
            var members = spelled.Select(w => EnumMember(enumType, w)).ToList();
            if (members.Any(m => m is null))
            {
                return null; // another spelling systemd reads (a boolean, a deprecated alias): kept as written
            }

            return directive.IsList
                ? Taking(enumType.MakeArrayType()) is { } list ? new CallStep(list, [new ParamsArg([.. members!])]) : null
                : Taking(enumType) is { } one ? new CallStep(one, [new LiteralArg(members[0]!)]) : null;
        }

        switch (directive.Kind)
        {
            case "bool":
                return value is "yes" or "no" && Taking(typeof(bool)) is { } b ? new CallStep(b, [new LiteralArg(value == "yes")]) : null;
            case "uint":
                return ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    && number.ToString(CultureInfo.InvariantCulture) == value && Taking(typeof(ulong)) is { } u
                    ? new CallStep(u, [new LiteralArg(number)])
                    : null;
        }

        if (Taking(typeof(string)) is { } text)
        {
            return new CallStep(text, [new LiteralArg(value)]);
        }

        return Taking(typeof(string[])) is { } words && value.Split(' ') is var parts && parts.All(p => p.Length > 0)
            ? new CallStep(words, [new ParamsArg(parts)])
            : null;
    }

    private static object? EnumMember(Type enumType, string text)
    {
        var format = typeof(NetworkdFile).Assembly.GetType("CoreosDsl.Networkd.NetworkdEnumText")!.GetMethod("Format", [enumType])!;
        return Enum.GetValues(enumType).Cast<object>().FirstOrDefault(v => (string)format.Invoke(null, [v])! == text);
    }

    /// <summary>The text the file call writes, or null when the builders refuse it.</summary>
    private static string? Written(StaticCallArg file)
    {
        try
        {
            return ((NetworkdFile)file.Evaluate(typeof(NetworkdFile))!).ToText();
        }
        catch (Exception e) when (e is UnitDefinitionException or ArgumentException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string FileHint(NetworkdFileKind kind) => kind switch
    {
        NetworkdFileKind.Network => "n",
        NetworkdFileKind.NetDev => "d",
        _ => "l",
    };

    private static string PascalOf(NetworkdFileKind kind) => kind switch
    {
        NetworkdFileKind.Network => "Network",
        NetworkdFileKind.NetDev => "NetDev",
        _ => "Link",
    };
}
