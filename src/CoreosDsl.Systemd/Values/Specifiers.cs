namespace CoreosDsl.Systemd;

/// <summary>Where a value is expanded: unit-name contexts accept only the name-safe specifiers.</summary>
public enum SpecifierContext
{
    /// <summary>Ordinary string, path and exec directives: every specifier of <c>value-grammars.md</c> §6.</summary>
    General,
    /// <summary>Dependencies, Slice=, Unit=, Sockets= and [Install] values: the name-safe subset.</summary>
    UnitName,
}

/// <summary>systemd's <c>%</c> specifiers (<c>value-grammars.md</c> §6).</summary>
public static class Specifiers
{
    /// <summary>Doubles every <c>%</c> so that the text reaches the program literally.</summary>
    public static string EscapeLiteral(string text) => text.Replace("%", "%%", StringComparison.Ordinal);

    /// <summary>Checks that every <c>%</c> followed by a letter or digit is a known specifier in that context.</summary>
    public static bool TryValidate(string value, SpecifierContext context, out string? error) => throw new NotImplementedException();
}
