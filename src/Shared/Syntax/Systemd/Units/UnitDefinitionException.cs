namespace CoreosDsl.Systemd;

/// <summary>A value that systemd would reject or read differently; names the unit, section, directive and rule.</summary>
public sealed class UnitDefinitionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UnitDefinitionException(string unit, string section, string directive, string rule, Exception? inner = null)
        : base($"{unit}: [{section}] {directive}=: {rule}", inner)
    {
        Unit = unit;
        Section = section;
        Directive = directive;
        Rule = rule;
    }

    /// <summary>The unit name.</summary>
    public string Unit { get; }

    /// <summary>The section name.</summary>
    public string Section { get; }

    /// <summary>The directive name.</summary>
    public string Directive { get; }

    /// <summary>The rule the value breaks, and how to fix it.</summary>
    public string Rule { get; }
}
