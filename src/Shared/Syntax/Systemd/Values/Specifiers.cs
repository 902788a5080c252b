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
/// <remarks>
/// systemd replaces <c>%</c> followed by a known letter when it loads the unit; <c>%%</c> is a literal percent
/// sign; <c>%</c> followed by any other ASCII letter or digit is an error that invalidates the assignment; a
/// <c>%</c> before anything else (punctuation, a space, the end) stays literal.
/// </remarks>
public static class Specifiers
{
    /// <summary>Every specifier systemd (v261) knows in ordinary string, path and exec directives.</summary>
    public const string GeneralLetters = "nNpPiIjJfyYHlqmbaowWBMAvuUgGhstSCLETVdDcrR";

    /// <summary>The name-safe specifiers accepted where the value is a unit name (dependencies, Slice=, [Install]).</summary>
    public const string UnitNameLetters = "nNpijaAbBHlqmMovwWuUgG";

    /// <summary>Doubles every <c>%</c> so that the text reaches the program literally.</summary>
    public static string EscapeLiteral(string text) => text.Replace("%", "%%", StringComparison.Ordinal);

    /// <summary>Checks that every <c>%</c> followed by a letter or digit is a known specifier in that context.</summary>
    /// <param name="value">The value as written in the unit file (after unquoting).</param>
    /// <param name="context">Which specifiers are allowed.</param>
    /// <param name="error">Why the value is refused, naming the specifier and its column; null when valid.</param>
    public static bool TryValidate(string value, SpecifierContext context, out string? error)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '%')
            {
                continue;
            }

            if (i + 1 >= value.Length)
            {
                break; // a trailing % stays literal
            }

            var c = value[i + 1];
            i++;
            if (c == '%' || !(ValueText.IsLetter(c) || ValueText.IsDigit(c)))
            {
                continue; // %% is a literal %, and % before punctuation stays literal
            }

            if (!GeneralLetters.Contains(c, StringComparison.Ordinal))
            {
                error = ValueText.Error(value, "a valid value", $"%{c} at column {i} is not a systemd specifier; write %% for a literal percent sign");
                return false;
            }

            if (context == SpecifierContext.UnitName && !UnitNameLetters.Contains(c, StringComparison.Ordinal))
            {
                error = ValueText.Error(value, "a valid unit name value",
                    $"%{c} at column {i} is not allowed where a unit name is expected; the name-safe specifiers are %{string.Join(" %", UnitNameLetters.ToCharArray())}");
                return false;
            }
        }

        error = null;
        return true;
    }

    /// <summary>
    /// Turns <c>%%</c> back into <c>%</c> and leaves every other specifier as written: the value a program sees
    /// when the text holds no real specifiers.
    /// </summary>
    internal static string UnescapeLiteral(string value)
    {
        if (!value.Contains("%%", StringComparison.Ordinal))
        {
            return value;
        }

        var sb = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            sb.Append(value[i]);
            if (value[i] == '%' && i + 1 < value.Length && value[i + 1] == '%')
            {
                i++;
            }
        }

        return sb.ToString();
    }
}
