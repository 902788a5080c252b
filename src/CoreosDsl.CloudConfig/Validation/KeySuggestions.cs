namespace CoreosDsl.CloudConfig.Validation;

/// <summary>"Did you mean" for an unknown key: the closest known key, when one is close enough to be a typo.</summary>
internal static class KeySuggestions
{
    /// <summary>The known name <paramref name="name"/> most likely stands for, or null.</summary>
    public static string? Closest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var ambiguous = false;
        var allowed = Math.Max(1, name.Length / 3);
        foreach (var candidate in known)
        {
            var distance = string.Equals(name, candidate, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(name, candidate);
            if (distance > allowed || distance > bestDistance)
            {
                continue;
            }

            ambiguous = distance == bestDistance && best is not null;
            (best, bestDistance) = (candidate, distance);
        }

        return ambiguous ? null : best;
    }

    // Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
