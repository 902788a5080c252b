using CoreosDsl.Text;
using System.Text;

namespace CoreosDsl.Testing;

/// <summary>
/// The text of a <see cref="SnapshotMismatchException"/>: what differs, where both sides are, a unified diff per
/// file (new files against <c>/dev/null</c>, as git shows them), and how to accept.
/// </summary>
internal static class FailureMessage
{
    /// <summary>Diff lines shown per file; the rest is in the received file.</summary>
    internal const int MaxDiffLinesPerFile = 200;

    private const string NoFile = "/dev/null";

    public static string Build(string snapshotName, ISnapshotStore store, IReadOnlyDictionary<string, string>? verified,
        IReadOnlyDictionary<string, string> received, SnapshotComparison comparison, AcceptPolicy policy)
    {
        var text = new StringBuilder();
        var verifiedName = Path.GetFileName(store.VerifiedPath) + (store.IsFileSet ? "/" : "");
        if (verified is null)
        {
            text.Append($"Snapshot {snapshotName} has no verified {(store.IsFileSet ? "folder" : "file")} yet (a new or renamed test): {verifiedName}\n");
        }
        else if (store.IsFileSet)
        {
            text.Append($"Snapshot {snapshotName} does not match {verifiedName}: {comparison.Changed.Count} changed, " +
                $"{comparison.Added.Count} added, {comparison.Removed.Count} removed.\n");
        }
        else
        {
            text.Append($"Snapshot {snapshotName} does not match {verifiedName}.\n");
        }

        var folderMark = store.IsFileSet ? "/" : "";
        text.Append($"  verified: {store.VerifiedPath}{folderMark}{(verified is null ? " (missing)" : "")}\n");
        text.Append($"  received: {store.ReceivedPath}{folderMark} (written now)\n");
        if (store.IsFileSet)
        {
            AppendList(text, "changed: ", comparison.Changed);
            AppendList(text, "added:   ", comparison.Added);
            AppendList(text, "removed: ", comparison.Removed);
        }

        foreach (var path in comparison.Changed.Concat(comparison.Added).Concat(comparison.Removed).Order(StringComparer.Ordinal))
        {
            var oldText = verified?.GetValueOrDefault(path) ?? "";
            var newText = received.GetValueOrDefault(path) ?? "";
            var oldLabel = verified?.ContainsKey(path) == true ? store.Label(path, verified: true) : NoFile;
            var newLabel = received.ContainsKey(path) ? store.Label(path, verified: false) : NoFile;
            text.Append('\n').Append(Truncate(UnifiedDiff.Create(oldText, newText, oldLabel, newLabel)));
        }

        text.Append('\n');
        if (policy.IgnoredOnCi)
        {
            text.Append($"{Snapshot.AcceptVariable} is set but ignored because {Snapshot.CiVariable} is set: on CI a mismatch always fails.\n");
        }

        text.Append($"To accept the received output after review: run the tests with {Snapshot.AcceptVariable}=1 " +
            "(not on CI), or move received over verified with src/CoreosDsl.Testing/accept-snapshots.sh <folder> " +
            "(see docs/snapshot-testing.md).");
        return text.ToString();
    }

    private static void AppendList(StringBuilder text, string title, IReadOnlyList<string> paths)
    {
        if (paths.Count > 0)
        {
            text.Append("  ").Append(title).Append(' ').AppendJoin(", ", paths).Append('\n');
        }
    }

    /// <summary>Keeps the first <see cref="MaxDiffLinesPerFile"/> lines of one file's diff.</summary>
    private static string Truncate(string diff)
    {
        var lines = UnifiedDiff.SplitLines(diff);
        if (lines.Count <= MaxDiffLinesPerFile)
        {
            return diff;
        }

        return string.Concat(lines.Take(MaxDiffLinesPerFile)) +
            $"... {lines.Count - MaxDiffLinesPerFile} more diff lines; see the received file.\n";
    }
}
