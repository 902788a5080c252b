using CoreosDsl.Systemd;

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
            var distance = string.Equals(name, candidate, StringComparison.OrdinalIgnoreCase) ? 0 : EditDistance.Between(name, candidate);
            if (distance > allowed || distance > bestDistance)
            {
                continue;
            }

            ambiguous = distance == bestDistance && best is not null;
            (best, bestDistance) = (candidate, distance);
        }

        return ambiguous ? null : best;
    }
}
