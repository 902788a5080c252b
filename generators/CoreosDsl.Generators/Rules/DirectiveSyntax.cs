namespace CoreosDsl.Rules;

/// <summary>
/// The syntax a directive's value is written in, as its generated builder method's <c>[SystemdSyntax]</c> says:
/// the syntax name (<c>calendar</c>, <c>exec</c>, <c>unit-name:service</c>, ...) and whether condition prefixes
/// (<c>|</c>, <c>!</c>) may lead it.
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
