using System.Text.RegularExpressions;

namespace CoreosDsl.CloudConfig.Validation;

/// <summary>
/// coreos-cloudinit's way of giving a key its line: not from the parser, but by searching the text (carriage returns
/// removed) from the parent key's line for the first line matching <c>^ *-? ?(?P&lt;key&gt;.*?):</c> whose captured key
/// is the name; list items are the next lines matching <c>^ *-</c>, one after the other. The search ignores
/// indentation, so it can land on a same-named key elsewhere; a key it cannot find gets line 0. Reproduced as is so
/// that lines agree with <c>coreos-cloudinit -validate</c>.
/// </summary>
internal readonly partial record struct LineLocator(string[] Lines, int Index)
{
    /// <summary>The 1-based line the locator is at.</summary>
    public int LineNumber => Index + 1;

    /// <summary>A locator at line 1 of <paramref name="text"/>.</summary>
    public static LineLocator Start(string text) => new(text.Replace("\r", "", StringComparison.Ordinal).Split('\n'), 0);

    /// <summary>The locator at the first line from here that holds key <paramref name="name"/>, or past the end.</summary>
    public (LineLocator At, bool Found) FindKey(string name)
    {
        for (var i = Index; i < Lines.Length; i++)
        {
            var m = KeyPattern().Match(Lines[i]);
            if (m.Success && string.Equals(m.Groups["key"].Value, name, StringComparison.Ordinal))
            {
                return (this with { Index = i }, true);
            }
        }

        return (this with { Index = Lines.Length }, false);
    }

    /// <summary>The locator at the first line from here that starts a list item, or past the end.</summary>
    public (LineLocator At, bool Found) FindItem()
    {
        for (var i = Index; i < Lines.Length; i++)
        {
            if (ItemPattern().IsMatch(Lines[i]))
            {
                return (this with { Index = i }, true);
            }
        }

        return (this with { Index = Lines.Length }, false);
    }

    /// <summary>The next line.</summary>
    public LineLocator Next() => this with { Index = Math.Min(Index + 1, Lines.Length) };

    [GeneratedRegex("^ *-? ?(?<key>.*?):", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^ *-", RegexOptions.CultureInvariant)]
    private static partial Regex ItemPattern();
}
