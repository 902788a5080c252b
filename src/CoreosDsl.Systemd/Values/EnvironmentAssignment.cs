namespace CoreosDsl.Systemd;

/// <summary>One <c>NAME=VALUE</c> word of <c>Environment=</c> (<c>value-grammars.md</c> §8).</summary>
public readonly record struct EnvironmentAssignment
{
    /// <summary>Creates an assignment; the value is literal text.</summary>
    /// <exception cref="ArgumentException">The name is not a valid environment variable name.</exception>
    public EnvironmentAssignment(string name, string value) => throw new NotImplementedException();

    /// <summary>The variable name.</summary>
    public string Name { get; }
    /// <summary>The value, unescaped.</summary>
    public string Value { get; }

    /// <summary>True when <paramref name="name"/> is a valid variable name (<c>[A-Za-z_][A-Za-z0-9_]*</c>).</summary>
    public static bool IsValidName(string name) => throw new NotImplementedException();

    /// <summary>The word as it goes into the unit file, quoted and escaped where needed.</summary>
    public override string ToString() => throw new NotImplementedException();
}
