namespace CoreosDsl.Rules;

/// <summary>
/// The syntax a directive's value is written in, as its generated builder method says: the syntax name of its
/// <c>[SystemdSyntax]</c> (<c>calendar</c>, <c>exec</c>, <c>unit-name:service</c>, ...), or <c>bool</c> for a
/// method that takes only a <see cref="bool"/>; and whether condition prefixes (<c>|</c>, <c>!</c>) may lead it.
/// </summary>
internal sealed class DirectiveSyntax
{
    public DirectiveSyntax(string syntax, bool condition)
    {
        Syntax = syntax;
        Condition = condition;
    }

    public string Syntax { get; }

    public bool Condition { get; }
}
