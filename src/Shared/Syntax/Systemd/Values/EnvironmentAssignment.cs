namespace CoreosDsl.Systemd;

/// <summary>One <c>NAME=VALUE</c> word of <c>Environment=</c> (<c>value-grammars.md</c> §8).</summary>
/// <remarks>
/// The value is literal text: on output every <c>%</c> is doubled (Environment= expands specifiers), and the
/// whole word is wrapped in double quotes with C escapes when the value has whitespace, quotes, backslashes or
/// control characters (<c>"A=one two"</c>, <c>"B=tab\there"</c>). Environment= does not expand <c>$</c>.
/// </remarks>
public readonly record struct EnvironmentAssignment
{
    /// <summary>Creates an assignment; the value is literal text.</summary>
    /// <exception cref="ArgumentException">The name is not a valid environment variable name, or the value cannot
    /// be written (it contains NUL or is not valid Unicode).</exception>
    public EnvironmentAssignment(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!IsValidName(name))
        {
            throw new ArgumentException(
                $"{ValueText.Quote(name)} is not an environment variable name: use letters, digits and '_', not starting with a digit.",
                nameof(name));
        }

        var problem = UnitFileWords.CheckWritable(value);
        if (problem is not null)
        {
            throw new ArgumentException($"The value of {name} cannot be written: {problem}.", nameof(value));
        }

        Name = name;
        Value = value;
    }

    /// <summary>The variable name.</summary>
    public string Name { get; }
    /// <summary>The value, unescaped.</summary>
    public string Value { get; }

    /// <summary>True when <paramref name="name"/> is a valid variable name (<c>[A-Za-z_][A-Za-z0-9_]*</c>).</summary>
    public static bool IsValidName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || ValueText.IsDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(ValueText.IsLetter(c) || ValueText.IsDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The word as it goes into the unit file, quoted and escaped where needed.</summary>
    public override string ToString() =>
        Name is null ? "" : UnitFileWords.Write(Name + "=" + Specifiers.EscapeLiteral(Value ?? ""));
}
