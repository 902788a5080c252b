namespace CoreosDsl.CloudConfig;

/// <summary>How the writer spells a string scalar.</summary>
internal enum StringStyle
{
    /// <summary>Unquoted: only when every reader in both dialects (and the YAML 1.1 spec) reads it back as this string.</summary>
    Plain,

    /// <summary>Double-quoted with escapes: represents any text.</summary>
    DoubleQuoted,

    /// <summary>A literal block (<c>|</c>, <c>|-</c>, <c>|+</c>, with an indentation indicator when needed).</summary>
    Literal,
}

/// <summary>
/// Decides how a string is written so that it reads back byte for byte as the same string under YAML 1.1
/// (coreos/yaml, go-yaml v1) and YAML 1.2 (yaml.v3).
/// </summary>
internal static class ScalarStyleRules
{
    /// <summary>The style for <paramref name="text"/>; keys never use literal blocks.</summary>
    public static StringStyle Choose(string text, bool isKey)
    {
        if (!isKey && CanBeLiteral(text))
        {
            return StringStyle.Literal;
        }

        return CanBePlain(text) ? StringStyle.Plain : StringStyle.DoubleQuoted;
    }

    /// <summary>
    /// A literal block holds text with line breaks when every character is printable (no tab, CR, NUL or other
    /// control character, no U+0085/U+2028/U+2029 which YAML 1.1 reads as line breaks, no BOM) and no line ends in a
    /// space (editors and emitters strip those; libyaml refuses block style for them), and at least one character is
    /// not a line break.
    /// </summary>
    public static bool CanBeLiteral(string text)
    {
        // Text made only of line breaks has no content line to anchor the block (YamlDotNet writes "|2" and an
        // empty line for "\n", which reads back as ""), so it is double-quoted.
        if (!text.Contains('\n', StringComparison.Ordinal) || text.EndsWith(' ') || text.All(c => c == '\n'))
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\n' && NeedsEscape(c))
            {
                return false;
            }

            if (c == ' ' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the text can stand unquoted on one line, as a key or a block value, and keep its meaning.</summary>
    public static bool CanBePlain(string text)
    {
        if (text.Length == 0 || text[0] == ' ' || text[^1] == ' ')
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c == '\n' || NeedsEscape(c))
            {
                return false;
            }
        }

        // Indicators that start something else than a plain scalar. A dash followed by a non-space ("-/usr/x",
        // "-LDOCKER") is an ordinary plain scalar.
        if ("?:,[]{}#&*!|>'\"%@`".Contains(text[0], StringComparison.Ordinal)
            || (text[0] == '-' && (text.Length == 1 || text[1] == ' ')))
        {
            return false;
        }

        // " *" inside: YamlDotNet's parser (our reader) then fails to see a following ": " as a key separator.
        // A plain "<<" is a merge key to every YAML 1.1 reader (and yaml.v3): as a key it would merge, not be a key.
        if (text == "<<")
        {
            return false;
        }

        if (text.StartsWith("---", StringComparison.Ordinal) || text.StartsWith("...", StringComparison.Ordinal)
            || text.Contains(": ", StringComparison.Ordinal) || text.EndsWith(':')
            || text.Contains(" #", StringComparison.Ordinal)
            || text.Contains(" *", StringComparison.Ordinal))
        {
            return false;
        }

        return PlainScalarResolver.Resolve(text, CloudConfigDialect.CoreOS) == YamlValueKind.String
            && PlainScalarResolver.Resolve(text, CloudConfigDialect.Flatcar) == YamlValueKind.String
            && !Yaml11Spec.IsImplicitlyTyped(text);
    }

    /// <summary>
    /// Characters that only a double-quoted scalar can carry: C0 controls (tab included: YAML 1.1 readers disagree on
    /// tabs in plain and block text), DEL, C1 controls (U+0085 is a 1.1 line break), the Unicode line and paragraph
    /// separators, the BOM and the non-characters U+FFFE/U+FFFF.
    /// </summary>
    public static bool NeedsEscape(char c) =>
        c < 0x20 || (c >= 0x7F && c <= 0x9F) || c is '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF';
}
