using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace CoreosDsl.CloudConfig.Validation;

/// <summary>
/// Runs the schema's Go RE2 patterns with .NET regexes. The translation handles what the patterns use and where the
/// engines differ: <c>$</c> outside a class means end of text in Go (<c>\z</c>), not "before a final newline";
/// <c>\d</c> is ASCII only in Go; <c>(?i:...)</c> groups are the same in both.
/// </summary>
internal static class GoRegex
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>Go's <c>regexp.MatchString(pattern, value)</c> (an unanchored search, like Go's).</summary>
    public static bool IsMatch(string pattern, string value) => Cache.GetOrAdd(pattern, Compile).IsMatch(value);

    /// <summary>The .NET equivalent of a Go RE2 pattern.</summary>
    public static string Translate(string pattern)
    {
        var sb = new StringBuilder(pattern.Length + 8);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[++i];
                sb.Append(next switch
                {
                    'd' => inClass ? "0-9" : "[0-9]",
                    'D' => "[^0-9]",
                    'z' => @"\z",
                    _ => "\\" + next,
                });
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                sb.Append(c);
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    sb.Append(c);
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                    {
                        sb.Append('^');
                        i++;
                    }

                    if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                    {
                        sb.Append(@"\]");
                        i++;
                    }

                    break;
                case '$':
                    sb.Append(@"\z");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    private static Regex Compile(string pattern) =>
        new(Translate(pattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
