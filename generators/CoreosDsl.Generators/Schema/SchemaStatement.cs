using System;
using CoreosDsl.Generators.Infrastructure;

namespace CoreosDsl.Generators.Schema;

/// <summary>One word of a schema line: its text with quotes removed, and where it starts and ends.</summary>
internal sealed record SchemaToken(string Text, int StartColumn, int EndColumn) : IEquatable<SchemaToken>;

/// <summary>
/// One non-comment line of a schema file: its words and the documentation after <c>--</c>.
/// </summary>
internal sealed record SchemaStatement(string FilePath, int Line, EquatableArray<SchemaToken> Tokens, string? Doc)
{
    public string Keyword => Tokens[0].Text;

    public LocationInfo Location => new(FilePath, Line, Tokens[0].StartColumn, Tokens[Tokens.Count - 1].EndColumn);

    public LocationInfo LocationOf(SchemaToken token) => new(FilePath, Line, token.StartColumn, token.EndColumn);
}
