using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace CoreosDsl.Testing;

/// <summary>
/// Settings shared by every verification in the process: scrubbers that run after the key material scrubbers
/// and before each call's own. Register them once, for example in a <c>[ModuleInitializer]</c> of the test project.
/// </summary>
/// <example>
/// <code>
/// [ModuleInitializer]
/// public static void Init() => SnapshotDefaults.AddScrubber(Scrubber.HostName(Environment.MachineName));
/// </code>
/// </example>
public static class SnapshotDefaults
{
    private static ImmutableArray<Scrubber> scrubbers = [];

    /// <summary>The global scrubbers, in the order they run.</summary>
    public static IReadOnlyList<Scrubber> Scrubbers => scrubbers;

    /// <summary>Adds a scrubber to every later verification; returns it so that it can be removed.</summary>
    public static Scrubber AddScrubber(Scrubber scrubber)
    {
        ArgumentNullException.ThrowIfNull(scrubber);
        ImmutableInterlocked.Update(ref scrubbers, list => list.Add(scrubber));
        return scrubber;
    }

    /// <summary>Adds a global scrubber replacing each match of <paramref name="pattern"/> with <paramref name="replacement"/>.</summary>
    public static Scrubber AddScrubber(Regex pattern, string replacement) => AddScrubber(Scrubber.Replace(pattern, replacement));

    /// <summary>Adds a global scrubber applying <paramref name="transform"/> to each file's text.</summary>
    public static Scrubber AddScrubber(Func<string, string> transform) => AddScrubber(Scrubber.Custom(transform));

    /// <summary>Removes a global scrubber; false when it was not registered.</summary>
    public static bool RemoveScrubber(Scrubber scrubber)
    {
        ArgumentNullException.ThrowIfNull(scrubber);
        var removed = false;
        ImmutableInterlocked.Update(ref scrubbers, list =>
        {
            var index = list.IndexOf(scrubber);
            removed = index >= 0;
            return removed ? list.RemoveAt(index) : list;
        });
        return removed;
    }
}
