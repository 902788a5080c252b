using System;
using System.Collections.Generic;
using System.Linq;
using CoreosDsl.Generators.Infrastructure;
using CoreosDsl.Generators.Schema;
using CoreosDsl.Generators.Systemd;

namespace CoreosDsl.Generators.Ignition;

/// <summary>
/// Reads the statements of the Ignition schema file into builder specs (one class per object, list item and
/// shape) and the key table, in which every <c>like=@shape</c> is expanded into the shape's keys.
/// </summary>
internal static class IgnitionSchemaResolver
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal)
    {
        "string", "bool", "int", "list<string>", "object", "list<object>",
    };

    private static readonly HashSet<string> Formats = new(StringComparer.Ordinal)
    {
        "path", "url", "hash", "mode", "unit-name", "drop-in-name", "unit-content", "version", "ssh-public-key",
    };

    private static readonly HashSet<string> Attributes = new(StringComparer.Ordinal)
    {
        "format", "enum", "key", "item", "builder", "like", "since",
    };

    public static IgnitionModel Resolve(IReadOnlyList<ParsedSchemaFile> files)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var declared = new List<IgnitionKeySpec>();
        var lines = new Dictionary<string, LocationInfo>(StringComparer.Ordinal);
        var enums = new List<EnumSpec>();
        var version = "";
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            diagnostics.AddRange(file.Diagnostics);
            foreach (var statement in file.Statements)
            {
                switch (statement.Keyword)
                {
                    case "spec":
                        if (statement.Tokens.Count != 2 || version.Length > 0)
                        {
                            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedSchemaLine, statement.Location,
                                "'spec' takes one version (spec 3.3.0) and appears once"));
                        }
                        else
                        {
                            version = statement.Tokens[1].Text;
                        }

                        continue;
                    case "enum":
                        if (statement.Tokens.Count < 3 || !SystemdSchemaResolver.IsIdentifier(statement.Tokens[1].Text))
                        {
                            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedSchemaLine, statement.Location,
                                "'enum' needs a name and at least one value: enum Name value1 value2"));
                        }
                        else if (enums.Any(e => e.Name == statement.Tokens[1].Text))
                        {
                            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateSchemaDefinition, statement.Location,
                                $"enum {statement.Tokens[1].Text}", "an earlier line"));
                        }
                        else if (SystemdSchemaResolver.ReadEnumValues(statement, diagnostics) is { } spec)
                        {
                            enums.Add(spec);
                        }

                        continue;
                }

                var key = ReadKey(statement, diagnostics);
                if (key is null)
                {
                    continue;
                }

                if (lines.TryGetValue(key.Path, out var first))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateSchemaDefinition, statement.Location,
                        key.Path, $"{first.FilePath}:{first.Line + 1}"));
                    continue;
                }

                var problem = key.ParentPath.Length > 0 && !ParentExists(key.ParentPath, declared)
                    ? $"'{key.Path}' comes before its parent '{key.ParentPath.TrimEnd('[', ']')}' (an object or list<object> line)"
                    : key.Enum is not null && !enums.Any(e => e.Name == key.Enum)
                        ? $"'{key.Path}' uses enum '{key.Enum}', which is not defined above it"
                        : key.Like is not null && !declared.Any(k => k.Path == key.Like && k.Type == "object")
                            ? $"'{key.Path}' is like '{key.Like}', which is not a shape declared above it (@name object)"
                            : key.Key is not null && key.Type != "list<object>"
                                ? $"'{key.Path}' has key= but is not a list<object>"
                                : null;
                if (problem is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownSchemaReference, statement.Location, problem));
                    continue;
                }

                lines.Add(key.Path, statement.Location);
                declared.Add(key);
            }
        }

        if (version.Length == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedSchemaLine,
                new LocationInfo(files.Count > 0 ? files[0].Path : "", 0, 0, 0), "the Ignition schema has no 'spec VERSION' line"));
        }

        var objects = new List<IgnitionObjectSpec> { new("", "IgnitionConfigBuilder", "The whole Ignition config.", Children("", declared)) };
        foreach (var key in declared.Where(k => k.Like is null))
        {
            if (key.Type == "object")
            {
                objects.Add(new IgnitionObjectSpec(key.Path, ClassName(key, item: false), key.Doc, Children(key.Path, declared)));
            }
            else if (key.Type == "list<object>")
            {
                objects.Add(new IgnitionObjectSpec(key.Path + "[]", ClassName(key, item: true), key.Doc, Children(key.Path + "[]", declared)));
            }
        }

        foreach (var group in objects.GroupBy(o => o.ClassName).Where(g => g.Count() > 1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateSchemaDefinition, lines[group.Last().Path.TrimEnd('[', ']')],
                $"builder class {group.Key}", $"'{group.First().Path}' (name one of them with builder=)"));
        }

        var table = new List<IgnitionKeySpec>();
        foreach (var key in declared.Where(k => k.Path[0] != '@'))
        {
            table.Add(key);
            if (key.Like is not null)
            {
                var prefix = key.Type == "list<object>" ? key.Path + "[]" : key.Path;
                table.AddRange(declared
                    .Where(k => k.Path.StartsWith(key.Like + ".", StringComparison.Ordinal))
                    .Select(k => k with { Path = prefix + k.Path.Substring(key.Like.Length) }));
            }
        }

        return new IgnitionModel(version, table.ToEquatableArray(), objects.ToEquatableArray(), enums.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    /// <summary>The builder class of the value of <paramref name="key"/> (an object, list item or shape).</summary>
    public static string ValueClass(IgnitionKeySpec key, IgnitionModel model) =>
        model.Objects.First(o => o.Path == key.ValuePath).ClassName;

    private static EquatableArray<IgnitionKeySpec> Children(string parent, List<IgnitionKeySpec> keys) =>
        keys.Where(k => k.ParentPath == parent).ToEquatableArray();

    private static bool ParentExists(string parentPath, List<IgnitionKeySpec> keys)
    {
        var isItem = parentPath.EndsWith("[]", StringComparison.Ordinal);
        var path = isItem ? parentPath.Substring(0, parentPath.Length - 2) : parentPath;
        return keys.Any(k => k.Path == path && k.Like is null && k.Type == (isItem ? "list<object>" : "object"));
    }

    private static string ClassName(IgnitionKeySpec key, bool item)
    {
        if (key.Builder is not null)
        {
            return key.Builder + "Builder";
        }

        if (item)
        {
            return (key.Item ?? Singular(Naming.Pascal(key.Name))) + "Builder";
        }

        return Naming.Pascal(key.Name.TrimStart('@')) + "Builder";
    }

    /// <summary>The method name for one item of a list: <c>item=</c>, or the key name without its plural s.</summary>
    public static string ItemMethod(IgnitionKeySpec key) => key.Item ?? Singular(Naming.Pascal(key.Name));

    private static string Singular(string name) =>
        name.EndsWith("ies", StringComparison.Ordinal) ? name.Substring(0, name.Length - 3) + "y"
        : name.EndsWith("s", StringComparison.Ordinal) ? name.Substring(0, name.Length - 1)
        : name;

    private static IgnitionKeySpec? ReadKey(SchemaStatement statement, List<DiagnosticInfo> diagnostics)
    {
        var tokens = statement.Tokens;
        var path = tokens[0].Text;
        var segments = path.Split('.');
        if (segments.Select((segment, i) => i == 0 && segment.StartsWith("@", StringComparison.Ordinal) ? segment.Substring(1) : segment)
            .Any(segment => segment.Length == 0 || segment.TrimEnd('[', ']').Any(c => !(char.IsLetterOrDigit(c) || c == '_'))))
        {
            Error(statement, tokens[0], diagnostics, $"'{path}' is not a key path (segments of letters, digits and '_', separated by '.', list items marked '[]', a shape starting with '@')");
            return null;
        }

        if (tokens.Count < 2 || !Types.Contains(tokens[1].Text))
        {
            Error(statement, tokens.Count < 2 ? tokens[0] : tokens[1], diagnostics,
                $"'{path}' needs a type: one of {string.Join(", ", Types)}");
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var required = false;
        foreach (var token in tokens.Skip(2))
        {
            if (token.Text == "required")
            {
                required = true;
                continue;
            }

            var eq = token.Text.IndexOf('=');
            var name = eq < 0 ? token.Text : token.Text.Substring(0, eq);
            if (eq < 0 || !Attributes.Contains(name))
            {
                Error(statement, token, diagnostics, $"unknown attribute '{name}'; expected required or one of {string.Join(", ", Attributes)} with =value");
                return null;
            }

            values[name] = token.Text.Substring(eq + 1);
        }

        if (values.TryGetValue("format", out var format) && !Formats.Contains(format))
        {
            Error(statement, tokens[0], diagnostics, $"unknown format '{format}'; expected one of {string.Join(", ", Formats)}");
            return null;
        }

        if (values.TryGetValue("since", out var since) && !IsVersion(since))
        {
            Error(statement, tokens[0], diagnostics, $"since={since} is not a spec version; write since=MAJOR.MINOR.PATCH (since=3.4.0)");
            return null;
        }

        string? Get(string name) => values.TryGetValue(name, out var v) ? v : null;
        return new IgnitionKeySpec(path, tokens[1].Text, format, Get("enum"), Get("key"), Get("item"), Get("builder"), Get("like"),
            required, statement.Doc, Get("since"));
    }

    private static bool IsVersion(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 3 && parts.All(p => p.Length > 0 && p.All(c => c >= '0' && c <= '9'));
    }

    private static void Error(SchemaStatement statement, SchemaToken token, List<DiagnosticInfo> diagnostics, string message) =>
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedSchemaLine, statement.LocationOf(token), message));
}
