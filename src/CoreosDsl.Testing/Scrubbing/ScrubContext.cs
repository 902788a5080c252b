namespace CoreosDsl.Testing;

/// <summary>
/// The numbering state of one verification: each distinct scrubbed value gets a stable placeholder numbered by
/// first occurrence (<c>{scrubbed-key-1}</c>, <c>{scrubbed-key-2}</c>, ...), shared by every file of a file set so
/// that the same key in two files gets the same number and different keys stay distinguishable.
/// </summary>
internal sealed class ScrubContext
{
    private readonly Dictionary<string, Dictionary<string, int>> numbers = new(StringComparer.Ordinal);

    /// <summary>The placeholder for <paramref name="value"/> within <paramref name="category"/>.</summary>
    public string Placeholder(string category, string value)
    {
        if (!numbers.TryGetValue(category, out var values))
        {
            values = new Dictionary<string, int>(StringComparer.Ordinal);
            numbers.Add(category, values);
        }

        if (!values.TryGetValue(value, out var number))
        {
            number = values.Count + 1;
            values.Add(value, number);
        }

        return $"{{scrubbed-{category}-{number}}}";
    }
}
