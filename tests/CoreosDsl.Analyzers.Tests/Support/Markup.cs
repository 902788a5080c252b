namespace CoreosDsl.Analyzers.Tests.Support;

/// <summary>An expected diagnostic: its ID and the exact span it must cover.</summary>
public sealed record ExpectedDiagnostic(string Id, int Start, int Length)
{
    public override string ToString() => $"{Id} at {Start}..{Start + Length}";
}

/// <summary>
/// Source with expectations marked in place: <c>{|CDSL201:"*-*-* 25:00"|}</c> expects CDSL201 on exactly the text
/// between the markers. <see cref="Parse"/> returns the plain source and the expectations.
/// </summary>
public static class Markup
{
    public static (string Source, IReadOnlyList<ExpectedDiagnostic> Expected) Parse(string markup)
    {
        var source = new System.Text.StringBuilder(markup.Length);
        var expected = new List<ExpectedDiagnostic>();
        var open = new Stack<(string Id, int Start)>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                var colon = markup.IndexOf(':', i);
                open.Push((markup[(i + 2)..colon], source.Length));
                i = colon;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == '}' && open.Count > 0)
            {
                var (id, start) = open.Pop();
                expected.Add(new ExpectedDiagnostic(id, start, source.Length - start));
                i++;
            }
            else
            {
                source.Append(markup[i]);
            }
        }

        Assert.Empty(open);
        return (source.ToString(), expected.OrderBy(e => e.Start).ThenBy(e => e.Id, StringComparer.Ordinal).ToList());
    }
}
