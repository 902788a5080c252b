using System.Collections.Generic;
using System.Text;
using System.Threading;
using CoreosDsl.Generators.Infrastructure;
using Microsoft.CodeAnalysis.Text;

namespace CoreosDsl.Generators.Schema;

/// <summary>What a schema file describes (its <c>schema</c> line).</summary>
internal enum SchemaKind
{
    Unknown,
    Systemd,
    CloudConfig,
    Ignition,
    Networkd,
}

/// <summary>A schema file split into statements, with the problems found on the way.</summary>
internal sealed record ParsedSchemaFile(
    string Path, SchemaKind Kind, EquatableArray<SchemaStatement> Statements, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// Splits schema files into statements: <c>#</c> comment lines and blank lines are skipped; words are separated
/// by white space; <c>"..."</c> quotes a word (or the value of <c>key="..."</c>) with <c>\"</c> and <c>\\</c>
/// escapes; a lone <c>--</c> starts the documentation, which runs to the end of the line. The first statement
/// must be <c>schema systemd</c>, <c>schema cloud-config</c>, <c>schema ignition</c> or <c>schema networkd</c>.
/// </summary>
internal static class SchemaFileParser
{
    public static ParsedSchemaFile Parse(string path, SourceText? text, CancellationToken cancellationToken)
    {
        var statements = new List<SchemaStatement>();
        var diagnostics = new List<DiagnosticInfo>();
        var kind = SchemaKind.Unknown;
        if (text is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedSchemaLine, new LocationInfo(path, 0, 0, 0),
                $"{path}: the schema file could not be read"));
            return new(path, kind, EquatableArray<SchemaStatement>.Empty, diagnostics.ToEquatableArray());
        }

        foreach (var line in text.Lines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var content = line.ToString();
            var trimmed = content.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            var statement = Tokenize(path, line.LineNumber, content, out var error);
            if (statement is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedSchemaLine,
                    new LocationInfo(path, line.LineNumber, 0, content.Length), error!));
                continue;
            }

            if (kind == SchemaKind.Unknown)
            {
                kind = ReadHeader(statement, diagnostics);
                if (kind == SchemaKind.Unknown)
                {
                    break;
                }

                continue;
            }

            statements.Add(statement);
        }

        if (kind == SchemaKind.Unknown && diagnostics.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedSchemaLine, new LocationInfo(path, 0, 0, 0),
                "the schema file has no 'schema systemd', 'schema cloud-config', 'schema ignition' or 'schema networkd' line"));
        }

        return new(path, kind, statements.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    private static SchemaKind ReadHeader(SchemaStatement statement, List<DiagnosticInfo> diagnostics)
    {
        if (statement.Keyword == "schema" && statement.Tokens.Count == 2)
        {
            switch (statement.Tokens[1].Text)
            {
                case "systemd":
                    return SchemaKind.Systemd;
                case "cloud-config":
                    return SchemaKind.CloudConfig;
                case "ignition":
                    return SchemaKind.Ignition;
                case "networkd":
                    return SchemaKind.Networkd;
            }
        }

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedSchemaLine, statement.Location,
            "the first line of a schema file must be 'schema systemd', 'schema cloud-config', 'schema ignition' or 'schema networkd'"));
        return SchemaKind.Unknown;
    }

    /// <summary>Splits one line; returns null with an error for an unterminated quote or a bad escape.</summary>
    internal static SchemaStatement? Tokenize(string path, int lineNumber, string line, out string? error)
    {
        var tokens = new List<SchemaToken>();
        string? doc = null;
        var i = 0;
        error = null;
        while (i < line.Length)
        {
            if (char.IsWhiteSpace(line[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var word = new StringBuilder();
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
            {
                if (line[i] != '"')
                {
                    word.Append(line[i++]);
                    continue;
                }

                var quoteStart = i++;
                var closed = false;
                while (i < line.Length)
                {
                    var c = line[i++];
                    if (c == '"')
                    {
                        closed = true;
                        break;
                    }

                    if (c == '\\')
                    {
                        if (i < line.Length && line[i] is '"' or '\\')
                        {
                            word.Append(line[i++]);
                            continue;
                        }

                        error = $"column {i}: only \\\" and \\\\ may follow a backslash inside quotes";
                        return null;
                    }

                    word.Append(c);
                }

                if (!closed)
                {
                    error = $"column {quoteStart + 1}: the quote that starts here is never closed";
                    return null;
                }
            }

            var text = word.ToString();
            if (text == "--" && line.Substring(start, i - start) == "--")
            {
                doc = line.Substring(i).Trim();
                break;
            }

            tokens.Add(new SchemaToken(text, start, i));
        }

        if (tokens.Count == 0)
        {
            error = "the line has documentation but no definition before '--'";
            return null;
        }

        return new SchemaStatement(path, lineNumber, tokens.ToEquatableArray(), doc);
    }
}
