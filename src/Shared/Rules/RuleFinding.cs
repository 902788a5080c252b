using System.Globalization;

namespace CoreosDsl.Rules;

/// <summary>
/// One finding of a rule: the rule, the message arguments, where it points (an opaque origin the caller gave the
/// model: a source location for the analyzer, a unit and directive for the runtime twin) and, when the fix is
/// certain, the text that replaces the flagged value.
/// </summary>
internal sealed class RuleFinding
{
    public RuleFinding(RuleDescriptor rule, object? origin, params string[] arguments)
    {
        Rule = rule;
        Origin = origin;
        Arguments = arguments;
    }

    public RuleDescriptor Rule { get; }

    public object? Origin { get; }

    /// <summary>The values of the message's placeholders.</summary>
    public string[] Arguments { get; }

    /// <summary>The text that replaces the flagged value, when the fix is certain (a code fix applies it).</summary>
    public string? Replacement { get; init; }

    /// <summary>The message, formatted as the compiler formats it.</summary>
    public string Message => string.Format(CultureInfo.InvariantCulture, Rule.MessageFormat, Arguments);
}
