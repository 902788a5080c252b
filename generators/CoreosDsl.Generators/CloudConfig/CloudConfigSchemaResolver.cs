using System;
using System.Collections.Generic;
using System.Linq;
using CoreosDsl.Generators.Infrastructure;
using CoreosDsl.Generators.Schema;
using CoreosDsl.Generators.Systemd;

namespace CoreosDsl.Generators.CloudConfig;

/// <summary>Reads the statements of the cloud-config schema file(s) into builder specs and the key table.</summary>
internal static class CloudConfigSchemaResolver
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal)
    {
        "string", "bool", "int", "float", "list<string>", "object", "list<object>",
    };

    private static readonly HashSet<string> Formats = new(StringComparer.Ordinal)
    {
        "url", "url-list", "key-value-list", "ssh-public-key", "file-mode", "absolute-path", "hostname", "unit-name",
        "unit-content", "drop-in-name", "password-hash", "locksmith-window-start", "go-duration",
    };

    private static readonly HashSet<string> Attributes = new(StringComparer.Ordinal)
    {
        "dash", "env", "valid", "deprecated", "format", "enum", "default", "separator", "builder",
    };

    public static CloudConfigModel Resolve(IReadOnlyList<ParsedSchemaFile> files)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var keys = new List<CloudKeySpec>();
        var keyLines = new Dictionary<string, LocationInfo>(StringComparer.Ordinal);
        var enums = new List<EnumSpec>();
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            diagnostics.AddRange(file.Diagnostics);
            foreach (var statement in file.Statements)
            {
                if (statement.Keyword == "enum")
                {
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

                if (keyLines.TryGetValue(key.Path, out var first))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateSchemaDefinition, statement.Location,
                        key.Path, $"{first.FilePath}:{first.Line + 1}"));
                    continue;
                }

                if (key.ParentPath.Length > 0 && !ParentExists(key.ParentPath, keys))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownSchemaReference, statement.Location,
                        $"'{key.Path}' comes before its parent '{key.ParentPath.TrimEnd('[', ']')}' (an object or list<object> line)"));
                    continue;
                }

                if (key.Enum is not null && !enums.Any(e => e.Name == key.Enum))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownSchemaReference, statement.Location,
                        $"'{key.Path}' uses enum '{key.Enum}', which is not defined above it"));
                    continue;
                }

                keyLines.Add(key.Path, statement.Location);
                keys.Add(key);
            }
        }

        var objects = new List<CloudObjectSpec> { new("", "CloudConfigBuilder", null, "The whole cloud-config document.", Children("", keys)) };
        foreach (var key in keys)
        {
            if (key.Type == "object")
            {
                objects.Add(new CloudObjectSpec(key.Path, ClassName(key, item: false), null, key.Doc, Children(key.Path, keys)));
            }
            else if (key.Type == "list<object>")
            {
                var item = ClassName(key, item: true);
                objects.Add(new CloudObjectSpec(key.Path + "[]", item, item.Substring(0, item.Length - "Builder".Length) + "sBuilder",
                    key.Doc, Children(key.Path + "[]", keys)));
            }
        }

        foreach (var group in objects.GroupBy(o => o.ClassName).Where(g => g.Count() > 1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateSchemaDefinition, keyLines[group.Last().Path.TrimEnd('[', ']')],
                $"builder class {group.Key}", $"'{group.First().Path}' (name one of them with builder=)"));
        }

        return new CloudConfigModel(keys.ToEquatableArray(), objects.ToEquatableArray(), enums.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    private static EquatableArray<CloudKeySpec> Children(string parent, List<CloudKeySpec> keys) =>
        keys.Where(k => k.ParentPath == parent).ToEquatableArray();

    private static bool ParentExists(string parentPath, List<CloudKeySpec> keys)
    {
        var isItem = parentPath.EndsWith("[]", StringComparison.Ordinal);
        var path = isItem ? parentPath.Substring(0, parentPath.Length - 2) : parentPath;
        return keys.Any(k => k.Path == path && k.Type == (isItem ? "list<object>" : "object"));
    }

    private static string ClassName(CloudKeySpec key, bool item)
    {
        if (key.Builder is not null)
        {
            return key.Builder + "Builder";
        }

        var name = Naming.Pascal(key.Name);
        if (item && name.EndsWith("s", StringComparison.Ordinal))
        {
            name = name.Substring(0, name.Length - 1);
        }

        return name + "Builder";
    }

    private static CloudKeySpec? ReadKey(SchemaStatement statement, List<DiagnosticInfo> diagnostics)
    {
        var tokens = statement.Tokens;
        var path = tokens[0].Text;
        if (path.Split('.').Any(segment => segment.Length == 0 || segment.TrimEnd('[', ']').Any(c => !(char.IsLetterOrDigit(c) || c == '_'))))
        {
            Error(statement, tokens[0], diagnostics, $"'{path}' is not a key path (segments of letters, digits and '_', separated by '.', list items marked '[]')");
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

        string? Get(string name) => values.TryGetValue(name, out var v) ? v : null;
        return new CloudKeySpec(path, tokens[1].Text, Get("dash"), Get("env"), Get("valid"), Get("deprecated"), format, Get("enum"),
            required, Get("default"), Get("separator"), Get("builder"), statement.Doc);
    }

    private static void Error(SchemaStatement statement, SchemaToken token, List<DiagnosticInfo> diagnostics, string message) =>
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedSchemaLine, statement.LocationOf(token), message));
}
