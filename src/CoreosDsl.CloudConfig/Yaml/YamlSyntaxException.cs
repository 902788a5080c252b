namespace CoreosDsl.CloudConfig;

/// <summary>The text is not YAML that coreos-cloudinit could read; names the line and column and what is wrong.</summary>
public sealed class YamlSyntaxException : FormatException
{
    internal YamlSyntaxException(int line, int column, string problem)
        : base($"line {line}, column {column}: {problem}")
    {
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The 1-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the problem.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the position (YamlDotNet's message for syntax errors).</summary>
    public string Problem { get; }
}
