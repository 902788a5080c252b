using System.Runtime.CompilerServices;

namespace CoreosDsl.Testing;

/// <summary>
/// Snapshot testing in one line: "this output must match its snapshot". Snapshots are plain files next to the test
/// source, <c>TestClass.TestMethod.verified.ext</c> for a text and <c>TestClass.TestMethod.verified/</c> for a set of
/// files. On a mismatch the call throws <see cref="SnapshotMismatchException"/> with a unified diff and writes the
/// output beside the snapshot as <c>*.received.*</c>; accept it with <c>COREOSDSL_ACCEPT_SNAPSHOTS=1</c> (never on
/// CI) or <c>accept-snapshots.sh</c>. Works with any test framework. See docs/snapshot-testing.md.
/// </summary>
/// <remarks>
/// Overloads for CoreosDsl's own models (for example <c>Verify(WorkerDefinition)</c>) belong in further files of this
/// partial class, each a thin call to <see cref="VerifyFiles"/> or <see cref="Verify(string, string, SnapshotSettings?, string, string)"/> that forwards the
/// <c>[CallerFilePath]</c> and <c>[CallerMemberName]</c> parameters.
/// </remarks>
public static partial class Snapshot
{
    /// <summary>The environment variable that accepts mismatches on the spot: <c>COREOSDSL_ACCEPT_SNAPSHOTS=1</c>.</summary>
    public const string AcceptVariable = "COREOSDSL_ACCEPT_SNAPSHOTS";

    /// <summary>The environment variable CI systems set; any non-empty value turns accepting off.</summary>
    public const string CiVariable = "CI";

    /// <summary>
    /// Verifies one text against <c>TestClass.TestMethod.verified.<paramref name="extension"/></c>.
    /// </summary>
    /// <param name="text">The output, for example one unit file or the cloud-config YAML.</param>
    /// <param name="extension">The snapshot's extension without dot (<c>yml</c>, <c>service</c>), so editors highlight it.</param>
    /// <param name="settings">Naming, location and scrubbers; null for the defaults.</param>
    /// <param name="sourceFile">Filled in by the compiler; helpers that wrap this method should forward theirs.</param>
    /// <param name="testMethod">Filled in by the compiler; helpers that wrap this method should forward theirs.</param>
    /// <exception cref="SnapshotMismatchException">The text differs from the snapshot, or there is none yet.</exception>
    public static void Verify(string text, string extension = "txt", SnapshotSettings? settings = null,
        [CallerFilePath] string sourceFile = "", [CallerMemberName] string testMethod = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        extension = CheckExtension(extension);
        settings ??= new SnapshotSettings();
        var location = SnapshotLocation.Resolve(settings, sourceFile, testMethod);
        var output = new SortedDictionary<string, string>(StringComparer.Ordinal) { [""] = SnapshotText.Normalize(text) };
        SnapshotVerifier.Verify(location, new TextSnapshotStore(location, extension), output, settings);
    }

    /// <summary>
    /// Verifies a set of named text files (relative path → text, such as <c>cloud-config.yml</c>,
    /// <c>units/locksmithd.service</c>, <c>syslinux.cfg</c>) against the folder <c>TestClass.TestMethod.verified/</c>:
    /// changed, added and removed files all fail.
    /// </summary>
    /// <param name="files">The output files, keyed by relative path with <c>/</c> separators.</param>
    /// <param name="settings">Naming, location and scrubbers; null for the defaults.</param>
    /// <param name="sourceFile">Filled in by the compiler; helpers that wrap this method should forward theirs.</param>
    /// <param name="testMethod">Filled in by the compiler; helpers that wrap this method should forward theirs.</param>
    /// <exception cref="SnapshotMismatchException">The files differ from the snapshot, or there is none yet.</exception>
    /// <exception cref="ArgumentException">A file name is not a portable relative path, or the set is empty.</exception>
    public static void VerifyFiles(IReadOnlyDictionary<string, string> files, SnapshotSettings? settings = null,
        [CallerFilePath] string sourceFile = "", [CallerMemberName] string testMethod = "")
    {
        var output = FileSetPaths.Normalize(files, nameof(files));
        settings ??= new SnapshotSettings();
        var location = SnapshotLocation.Resolve(settings, sourceFile, testMethod);
        SnapshotVerifier.Verify(location, new FileSetSnapshotStore(location), output, settings);
    }

    /// <summary>
    /// Verifies the text files below <paramref name="directory"/> (for example what an example project wrote) as a
    /// file set, like <see cref="VerifyFiles"/>.
    /// </summary>
    /// <param name="directory">The folder to read.</param>
    /// <param name="include">Which files to include, by relative path with <c>/</c> separators; null for all. Leave out binary files such as images.</param>
    /// <param name="settings">Naming, location and scrubbers; null for the defaults.</param>
    /// <param name="sourceFile">Filled in by the compiler.</param>
    /// <param name="testMethod">Filled in by the compiler.</param>
    /// <exception cref="InvalidDataException">An included file is not UTF-8 text.</exception>
    public static void VerifyDirectory(string directory, Func<string, bool>? include = null,
        SnapshotSettings? settings = null, [CallerFilePath] string sourceFile = "", [CallerMemberName] string testMethod = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Cannot snapshot '{directory}': it is not a folder.");
        }

        var files = SnapshotFolder.Read(directory, include ?? (_ => true),
            "Snapshots hold text: leave binary files out with the include filter.");
        VerifyFiles(files, settings, sourceFile, testMethod);
    }

    /// <summary>
    /// Accepts every received snapshot below <paramref name="root"/>: <c>X.received.ext</c> replaces
    /// <c>X.verified.ext</c>, and <c>X.received/</c> replaces the whole <c>X.verified/</c>. Returns the verified paths
    /// written. The same as <c>accept-snapshots.sh</c>; review the changes (<c>git diff</c>) before committing.
    /// </summary>
    public static IReadOnlyList<string> AcceptAll(string root) => SnapshotAcceptor.AcceptAll(root);

    private static string CheckExtension(string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        var trimmed = extension.StartsWith('.') ? extension[1..] : extension;
        if (trimmed.Length == 0 || trimmed.IndexOfAny(['/', '\\', '<', '>', ':', '"', '|', '?', '*']) >= 0 ||
            trimmed.Any(char.IsControl) || trimmed.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException(
                $"The extension '{extension}' cannot end a file name; use letters such as 'yml', 'service' or 'txt'.",
                nameof(extension));
        }

        return trimmed;
    }
}
