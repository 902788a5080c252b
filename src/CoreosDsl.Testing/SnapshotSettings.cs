using System.Globalization;
using System.Text.RegularExpressions;

namespace CoreosDsl.Testing;

/// <summary>
/// Options for one verification: how the snapshot is named and where it lives, and which scrubbers run. Every
/// property has a sensible default, so most tests pass no settings at all.
/// </summary>
/// <example>
/// <code>
/// [Theory, InlineData("alpha"), InlineData("stable")]
/// public void Worker_per_channel(string group) =>
///     Snapshot.VerifyFiles(Build(group), new SnapshotSettings().UseParameters(group));
///     // WorkerTests.Worker_per_channel_alpha.verified/, WorkerTests.Worker_per_channel_stable.verified/
/// </code>
/// </example>
public sealed class SnapshotSettings
{
    private readonly List<Scrubber> scrubbers = [];

    /// <summary>
    /// The first part of the snapshot name. Default: the test source file's name without extension (by convention
    /// the test class). Set it when one file holds several test classes.
    /// </summary>
    public string? TypeName { get; set; }

    /// <summary>The second part of the snapshot name. Default: the calling member (the test method).</summary>
    public string? MethodName { get; set; }

    /// <summary>
    /// A suffix after the method name (<c>Type.Method_{Parameters}</c>), so that each case of a parameterized test,
    /// or each of several snapshots in one test, has its own snapshot. See <see cref="UseParameters"/>.
    /// </summary>
    public string? Parameters { get; set; }

    /// <summary>
    /// Where the snapshots live: an absolute folder, or a folder relative to the test source file's folder.
    /// Default: the test source file's folder.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>
    /// Whether the key material scrubbers (<see cref="Scrubber.KeyMaterial"/>: SSH public keys, PEM blocks,
    /// password hashes) run before the global and per-call scrubbers. Default: true.
    /// </summary>
    public bool ScrubKeyMaterial { get; set; } = true;

    /// <summary>The scrubbers added to this verification, in the order they run (after the global ones).</summary>
    public IReadOnlyList<Scrubber> Scrubbers => scrubbers;

    /// <summary>
    /// How this verification reads environment variables (the accept and CI variables). Tests of this library
    /// replace it so they are independent of the environment they run in.
    /// </summary>
    internal Func<string, string?> ReadEnvironment { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>
    /// Sets <see cref="Parameters"/> from the test's arguments, joined with <c>_</c> and formatted with the
    /// invariant culture; characters that cannot appear in file names become <c>-</c>.
    /// </summary>
    public SnapshotSettings UseParameters(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Parameters = string.Join('_', values.Select(value => value switch
        {
            null => "null",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        }));
        return this;
    }

    /// <summary>Adds a scrubber for this verification.</summary>
    public SnapshotSettings AddScrubber(Scrubber scrubber)
    {
        ArgumentNullException.ThrowIfNull(scrubber);
        scrubbers.Add(scrubber);
        return this;
    }

    /// <summary>Replaces each match of <paramref name="pattern"/> with <paramref name="replacement"/> (<c>$1</c> allowed).</summary>
    public SnapshotSettings AddScrubber(Regex pattern, string replacement) =>
        AddScrubber(Scrubber.Replace(pattern, replacement));

    /// <summary>Applies <paramref name="transform"/> to each file's text.</summary>
    public SnapshotSettings AddScrubber(Func<string, string> transform) => AddScrubber(Scrubber.Custom(transform));
}
