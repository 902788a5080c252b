using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CoreosDsl.Generators.Infrastructure;
using CoreosDsl.Generators.Schema;

namespace CoreosDsl.Generators.Systemd;

/// <summary>
/// Reads the statements of every systemd schema file (bundled and the user's) into one model: sections with
/// their blocks included, enums, unit types, and the deprecation of each directive at the target version.
/// Problems become diagnostics with the file and line; nothing here throws on bad input.
/// </summary>
internal static class SystemdSchemaResolver
{
    /// <summary>The formatter class of the enums a project's own schema files declare (beside CoreosDsl.Systemd's SystemdEnumText).</summary>
    public const string UserEnumTextClass = "SystemdUserEnumText";

    private static readonly HashSet<string> Kinds = new(StringComparer.Ordinal)
    {
        "bool", "int", "uint", "weight", "string", "path", "path-list", "timespan", "bytes", "percent-or-bytes",
        "calendar", "unit-list", "unit", "slice", "service", "exec-command", "environment", "list:string", "mode", "signal",
        "other", "ignored", "user",
    };

    private static readonly HashSet<string> IgnoredKinds = new(StringComparer.Ordinal)
    {
        "bool", "int", "uint", "weight", "string", "bytes", "percent-or-bytes",
    };

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "repeat", "condition", "optional-prefix" };

    private static readonly HashSet<string> Keys = new(StringComparer.Ordinal)
    {
        "deprecated", "ignored", "use", "because", "was", "unit", "forms", "syntax", "only", "except", "prefixes", "range", "check",
    };

    /// <summary>The checks <c>check=</c> selects for the string form of an <c>other</c> directive (see DirectiveValue).</summary>
    private static readonly HashSet<string> Checks = new(StringComparer.Ordinal)
    {
        "cpu-quota", "listen", "listen-unix", "rlimit", "rlimit-bytes", "rlimit-seconds", "rlimit-usec", "rlimit-nice",
    };

    /// <summary>Resolves the files; those under <paramref name="compiledDirectory"/> are the bundled ones (see <see cref="SystemdModel"/>).</summary>
    public static SystemdModel Resolve(IReadOnlyList<ParsedSchemaFile> files, string? compiledDirectory = null)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var containers = new Dictionary<string, Container>(StringComparer.Ordinal);
        var containerOrder = new List<Container>();
        var enums = new Dictionary<string, (EnumSpec Spec, LocationInfo Where)>(StringComparer.Ordinal);
        var enumOrder = new List<string>();
        var unitTypes = new List<(UnitTypeSpec Spec, SchemaStatement Where)>();

        // Files in path order: the output does not depend on the order of the AdditionalFiles items.
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            diagnostics.AddRange(file.Diagnostics);
            var compiled = SchemaPaths.IsUnder(file.Path, compiledDirectory);
            Container? current = null;
            foreach (var statement in file.Statements)
            {
                switch (statement.Keyword)
                {
                    case "section":
                    case "block":
                        current = OpenContainer(statement, containers, containerOrder, diagnostics, compiled);
                        break;
                    case "include":
                        if (RequireContainer(current, statement, diagnostics) && Require(current!.IsSection, statement, diagnostics, "'include' belongs in a section file"))
                        {
                            current.Includes.AddRange(statement.Tokens.Skip(1).Select(t => (t.Text, statement.LocationOf(t))));
                        }

                        break;
                    case "note":
                        if (RequireContainer(current, statement, diagnostics))
                        {
                            current!.Note = string.Join(" ", statement.Tokens.Skip(1).Select(t => t.Text));
                        }

                        break;
                    case "enum":
                        ReadEnum(statement, enums, enumOrder, diagnostics, compiled);
                        break;
                    case "unit":
                        if (Require(statement.Tokens.Count >= 3, statement, diagnostics, "'unit' needs a type and at least one section: unit service Unit Service Install"))
                        {
                            unitTypes.Add((new UnitTypeSpec(statement.Tokens[1].Text, statement.Tokens.Skip(2).Select(t => t.Text).ToEquatableArray()) { Compiled = compiled }, statement));
                        }

                        break;
                    default:
                        if (RequireContainer(current, statement, diagnostics))
                        {
                            ReadDirective(statement, current!, diagnostics, compiled);
                        }

                        break;
                }
            }
        }

        var buildersCompiled = files.Any(f => SchemaPaths.IsUnder(f.Path, compiledDirectory));
        var sections = new List<SectionSpec>();
        foreach (var section in containerOrder.Where(c => c.IsSection))
        {
            sections.Add(ResolveSection(section, containers, enums, diagnostics, buildersCompiled));
        }

        foreach (var (spec, where) in unitTypes)
        {
            foreach (var name in spec.Sections)
            {
                if (!containers.TryGetValue(name, out var c) || !c.IsSection)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownSchemaReference, where.Location,
                        $"unit type '{spec.Type}' names section '{name}', which no schema file defines"));
                }
            }
        }

        return new SystemdModel(
            buildersCompiled,
            sections.ToEquatableArray(),
            enumOrder.Select(n => enums[n].Spec).ToEquatableArray(),
            unitTypes.Select(u => u.Spec).ToEquatableArray(),
            diagnostics.ToEquatableArray());
    }

    private static SectionSpec ResolveSection(Container section, Dictionary<string, Container> containers,
        Dictionary<string, (EnumSpec Spec, LocationInfo Where)> enums, List<DiagnosticInfo> diagnostics, bool buildersCompiled)
    {
        var directives = new List<DirectiveSpec>();
        var seen = new Dictionary<string, LocationInfo>(StringComparer.Ordinal);
        void Take(RawDirective raw)
        {
            if (seen.TryGetValue(raw.Name, out var first))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateSchemaDefinition, raw.Where,
                    $"[{section.Name}] {raw.Name}=", $"{first.FilePath}:{first.Line + 1}"));
                return;
            }

            seen.Add(raw.Name, raw.Where);
            if (raw.EnumName is not null && !enums.ContainsKey(raw.EnumName))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownSchemaReference, raw.Where,
                    $"{raw.Name}= uses enum '{raw.EnumName}', which no schema file defines (add an 'enum {raw.EnumName} ...' line)"));
                return;
            }

            var formatter = raw.EnumName is null ? null
                : !buildersCompiled ? "SystemdEnumText"
                : enums[raw.EnumName].Spec.Compiled ? "global::CoreosDsl.Systemd.SystemdEnumText"
                : UserEnumTextClass;
            var values = raw.EnumName is null ? null : string.Join(" ", enums[raw.EnumName].Spec.Values.Select(v => v.Value));
            directives.Add(ToSpec(raw, section.Name) with { EnumFormatter = formatter, EnumValues = values });
        }

        foreach (var raw in section.Directives)
        {
            Take(raw);
        }

        foreach (var (name, where) in section.Includes)
        {
            if (!containers.TryGetValue(name, out var block) || block.IsSection)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownSchemaReference, where,
                    $"section '{section.Name}' includes '{name}', which is not a block any schema file defines"));
                continue;
            }

            foreach (var raw in block.Directives)
            {
                Take(raw);
            }
        }

        return new SectionSpec(section.Name, section.Note, directives.ToEquatableArray()) { Compiled = section.Compiled };
    }

    /// <summary>
    /// The directive as one section has it. Where it may not be used at all (<c>only=</c>, <c>except=</c>) is the
    /// same for every systemd version and becomes a placement error here; its deprecation is kept as versions, which
    /// the analyzer weighs against the project's target version.
    /// </summary>
    private static DirectiveSpec ToSpec(RawDirective raw, string section)
    {
        string? placement = null;
        if (raw.Only is not null && !raw.Only.Contains(section))
        {
            placement = $"{raw.Name}= does not work in [{section}]: {raw.Doc ?? "only " + string.Join(", ", raw.Only) + " units accept it"}";
        }
        else if (raw.Except is not null && raw.Except.Contains(section))
        {
            placement = $"{raw.Name}= is not allowed in [{section}].";
        }

        return new DirectiveSpec(raw.Name, raw.Kind, raw.EnumName, raw.Was, raw.Repeat, raw.Condition, raw.OptionalPrefix,
            raw.Nanoseconds, raw.Forms, raw.Syntax, raw.Doc, raw.Because, raw.Use, raw.Deprecated ?? 0, raw.Ignored ?? 0, placement)
        {
            Prefixes = raw.Prefixes,
            RangeMin = raw.Range?.Min,
            RangeMax = raw.Range?.Max,
            Check = raw.Check,
            Compiled = raw.Compiled,
        };
    }

    private static void ReadDirective(SchemaStatement statement, Container container, List<DiagnosticInfo> diagnostics, bool compiled)
    {
        var tokens = statement.Tokens;
        var name = tokens[0].Text;
        if (!IsIdentifier(name))
        {
            Error(statement, tokens[0], diagnostics, $"'{name}' is not a directive name (letters and digits, starting with a letter)");
            return;
        }

        if (tokens.Count < 2)
        {
            Error(statement, tokens[0], diagnostics, $"{name}= has no kind; write e.g. '{name} string'");
            return;
        }

        var kindToken = tokens[1];
        var kind = kindToken.Text;
        string? enumName = null;
        if (kind.StartsWith("enum:", StringComparison.Ordinal) || kind.StartsWith("list:enum:", StringComparison.Ordinal))
        {
            enumName = kind.Substring(kind.LastIndexOf(':') + 1);
            kind = kind.Substring(0, kind.Length - enumName.Length - 1);
            if (!IsIdentifier(enumName))
            {
                Error(statement, kindToken, diagnostics, $"'{enumName}' is not an enum name");
                return;
            }
        }
        else if (!Kinds.Contains(kind))
        {
            Error(statement, kindToken, diagnostics,
                $"unknown kind '{kind}'; expected one of {string.Join(", ", Kinds.OrderBy(k => k, StringComparer.Ordinal))}, enum:NAME or list:enum:NAME");
            return;
        }

        var raw = new RawDirective(name, kind, enumName, statement.Doc, statement.Location) { Compiled = compiled };
        for (var i = 2; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var eq = token.Text.IndexOf('=');
            if (eq < 0)
            {
                if (!Flags.Contains(token.Text))
                {
                    Error(statement, token, diagnostics, $"unknown flag '{token.Text}'; expected repeat, condition, optional-prefix or key=value");
                    return;
                }

                raw.Repeat |= token.Text == "repeat";
                raw.Condition |= token.Text == "condition";
                raw.OptionalPrefix |= token.Text == "optional-prefix";
                continue;
            }

            var key = token.Text.Substring(0, eq);
            var value = token.Text.Substring(eq + 1);
            if (!Keys.Contains(key))
            {
                Error(statement, token, diagnostics, $"unknown attribute '{key}'; expected one of {string.Join(", ", Keys)}");
                return;
            }

            switch (key)
            {
                case "deprecated":
                case "ignored":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                    {
                        Error(statement, token, diagnostics, $"{key}= takes a systemd version number, not '{value}'");
                        return;
                    }

                    if (key == "deprecated")
                    {
                        raw.Deprecated = version;
                    }
                    else
                    {
                        raw.Ignored = version;
                    }

                    break;
                case "use": raw.Use = value; break;
                case "because": raw.Because = value; break;
                case "forms": raw.Forms = value; break;
                case "syntax": raw.Syntax = value; break;
                case "only": raw.Only = value.Split(','); break;
                case "except": raw.Except = value.Split(','); break;
                case "prefixes":
                    if (value.Length == 0 || value.Any(c => "-+!@:|~".IndexOf(c) < 0) || value.Distinct().Count() != value.Length)
                    {
                        Error(statement, token, diagnostics, $"prefixes= takes distinct characters of -+!@:|~ in the order systemd reads them, not '{value}'");
                        return;
                    }

                    raw.Prefixes = value;
                    break;
                case "range":
                    var dots = value.IndexOf("..", StringComparison.Ordinal);
                    if (kind is not ("int" or "uint") || dots <= 0
                        || !long.TryParse(value.Substring(0, dots), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var min)
                        || !long.TryParse(value.Substring(dots + 2), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var max)
                        || min > max || (kind == "uint" && min < 0))
                    {
                        Error(statement, token, diagnostics, $"range= takes MIN..MAX (whole numbers, MIN at most MAX) on an int or uint directive, not '{value}'");
                        return;
                    }

                    raw.Range = (min, max);
                    break;
                case "check":
                    if (kind != "other" || !Checks.Contains(value))
                    {
                        Error(statement, token, diagnostics, $"check= takes one of {string.Join(", ", Checks)} on an 'other' directive, not '{value}'");
                        return;
                    }

                    raw.Check = value;
                    break;
                case "unit":
                    if (value != "ns")
                    {
                        Error(statement, token, diagnostics, "unit= only takes 'ns' (bare numbers are nanoseconds)");
                        return;
                    }

                    raw.Nanoseconds = true;
                    break;
                case "was":
                    if (!IgnoredKinds.Contains(value))
                    {
                        Error(statement, token, diagnostics, $"was= takes one of {string.Join(", ", IgnoredKinds)}, not '{value}'");
                        return;
                    }

                    raw.Was = value;
                    break;
            }
        }

        if (kind == "ignored" && raw.Was is null)
        {
            raw.Was = "string";
        }

        var existing = container.Directives.FirstOrDefault(d => d.Name == name);
        if (existing is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateSchemaDefinition, statement.Location,
                $"[{container.Name}] {name}=", $"{existing.Where.FilePath}:{existing.Where.Line + 1}"));
            return;
        }

        container.Directives.Add(raw);
    }

    private static void ReadEnum(SchemaStatement statement, Dictionary<string, (EnumSpec Spec, LocationInfo Where)> enums,
        List<string> order, List<DiagnosticInfo> diagnostics, bool compiled)
    {
        if (statement.Tokens.Count < 3 || !IsIdentifier(statement.Tokens[1].Text))
        {
            Error(statement, statement.Tokens[0], diagnostics, "'enum' needs a name and at least one value: enum Name value1 value2");
            return;
        }

        var name = statement.Tokens[1].Text;
        if (enums.TryGetValue(name, out var first))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateSchemaDefinition, statement.Location,
                $"enum {name}", $"{first.Where.FilePath}:{first.Where.Line + 1}"));
            return;
        }

        var spec = ReadEnumValues(statement, diagnostics);
        if (spec is not null)
        {
            enums.Add(name, (spec with { Compiled = compiled }, statement.Location));
            order.Add(name);
        }
    }

    /// <summary>Reads <c>enum Name v1 v2!"obsolete reason" ...</c> (shared with the cloud-config schema).</summary>
    internal static EnumSpec? ReadEnumValues(SchemaStatement statement, List<DiagnosticInfo> diagnostics)
    {
        var values = new List<EnumValueSpec>();
        foreach (var token in statement.Tokens.Skip(2))
        {
            var bang = token.Text.IndexOf('!');
            var value = bang < 0 ? token.Text : token.Text.Substring(0, bang);
            var reason = bang < 0 ? null : token.Text.Substring(bang + 1);
            var member = Naming.Pascal(value);
            if (value.Length == 0 || values.Any(v => v.MemberName == member))
            {
                Error(statement, token, diagnostics, value.Length == 0
                    ? "an enum value is empty"
                    : $"enum value '{value}' gives the C# name {member}, which another value of this enum already has");
                return null;
            }

            values.Add(new EnumValueSpec(value, member, reason));
        }

        return new EnumSpec(statement.Tokens[1].Text, values.ToEquatableArray(), statement.Doc);
    }

    private static Container? OpenContainer(SchemaStatement statement, Dictionary<string, Container> containers,
        List<Container> order, List<DiagnosticInfo> diagnostics, bool compiled)
    {
        if (statement.Tokens.Count != 2 || !IsIdentifier(statement.Tokens[1].Text))
        {
            Error(statement, statement.Tokens[0], diagnostics, $"'{statement.Keyword}' takes exactly one name: {statement.Keyword} Service");
            return null;
        }

        var isSection = statement.Keyword == "section";
        var name = statement.Tokens[1].Text;
        if (containers.TryGetValue(name, out var existing))
        {
            // A second file may extend a section or block with more directives. A section any bundled file declares is
            // compiled into CoreosDsl.Systemd, whichever file comes first in path order.
            existing.Compiled |= compiled;
            return existing.IsSection == isSection
                ? existing
                : Fail(statement, diagnostics, $"'{name}' is a {(existing.IsSection ? "section" : "block")} elsewhere; it cannot also be a {statement.Keyword}");
        }

        var created = new Container(name, isSection) { Compiled = compiled };
        containers.Add(name, created);
        order.Add(created);
        return created;
    }

    private static Container? Fail(SchemaStatement statement, List<DiagnosticInfo> diagnostics, string message)
    {
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedSchemaLine, statement.Location, message));
        return null;
    }

    private static bool RequireContainer(Container? current, SchemaStatement statement, List<DiagnosticInfo> diagnostics) =>
        Require(current is not null, statement, diagnostics, $"'{statement.Keyword}' comes before any 'section' or 'block' line");

    private static bool Require(bool condition, SchemaStatement statement, List<DiagnosticInfo> diagnostics, string message)
    {
        if (!condition)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedSchemaLine, statement.Location, message));
        }

        return condition;
    }

    private static void Error(SchemaStatement statement, SchemaToken token, List<DiagnosticInfo> diagnostics, string message) =>
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedSchemaLine, statement.LocationOf(token), message));

    internal static bool IsIdentifier(string text) =>
        text.Length > 0 && char.IsLetter(text[0]) && text.All(c => char.IsLetterOrDigit(c));

    private sealed class Container(string name, bool isSection)
    {
        public string Name { get; } = name;

        public bool IsSection { get; } = isSection;

        public bool Compiled { get; set; }

        public string? Note { get; set; }

        public List<(string Name, LocationInfo Where)> Includes { get; } = [];

        public List<RawDirective> Directives { get; } = [];
    }

    private sealed class RawDirective(string name, string kind, string? enumName, string? doc, LocationInfo where)
    {
        public string Name { get; } = name;
        public string Kind { get; } = kind;
        public string? EnumName { get; } = enumName;
        public string? Doc { get; } = doc;
        public LocationInfo Where { get; } = where;
        public bool Compiled { get; init; }
        public bool Repeat { get; set; }
        public bool Condition { get; set; }
        public bool OptionalPrefix { get; set; }
        public bool Nanoseconds { get; set; }
        public int? Deprecated { get; set; }
        public int? Ignored { get; set; }
        public string? Use { get; set; }
        public string? Because { get; set; }
        public string? Forms { get; set; }
        public string? Syntax { get; set; }
        public string? Prefixes { get; set; }
        public (long Min, long Max)? Range { get; set; }
        public string? Check { get; set; }
        public string? Was { get; set; }
        public string[]? Only { get; set; }
        public string[]? Except { get; set; }
    }
}
