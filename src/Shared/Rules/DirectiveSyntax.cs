namespace CoreosDsl.Rules;

/// <summary>
/// The syntax a directive's value is written in, as its generated builder method says: the syntax name of its
/// <c>[SystemdSyntax]</c> (<c>calendar</c>, <c>exec</c>, <c>unit-name:service</c>, ...), or <c>bool</c> for a
/// method that takes only a <see cref="bool"/>; whether condition prefixes (<c>|</c>, <c>!</c>) may lead it; and the
/// other prefixes the directive documents (<c>SystemdSyntaxAttribute.Prefixes</c>).
/// </summary>
internal sealed class DirectiveSyntax
{
    public DirectiveSyntax(string syntax, bool condition, string prefixes = "", bool list = false)
    {
        Syntax = syntax;
        Condition = condition;
        Prefixes = prefixes;
        List = list;
    }

    public string Syntax { get; }

    public bool Condition { get; }

    public string Prefixes { get; }

    /// <summary>True when the builder takes several values (<c>params string[]</c>): a raw value is a space-separated list of them.</summary>
    public bool List { get; }
}
