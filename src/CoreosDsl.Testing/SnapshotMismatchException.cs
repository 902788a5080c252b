namespace CoreosDsl.Testing;

/// <summary>
/// Thrown when an output does not match its verified snapshot, or has none yet. Any test framework reports it as a
/// failure; the message holds a unified diff of each differing file, the added and removed files, where the
/// received output was written, and how to accept it.
/// </summary>
public sealed class SnapshotMismatchException : Exception
{
    internal SnapshotMismatchException(string message, string snapshotName, string verifiedPath, string receivedPath,
        bool snapshotMissing, IReadOnlyList<string> changedFiles, IReadOnlyList<string> addedFiles,
        IReadOnlyList<string> removedFiles)
        : base(message)
    {
        SnapshotName = snapshotName;
        VerifiedPath = verifiedPath;
        ReceivedPath = receivedPath;
        SnapshotMissing = snapshotMissing;
        ChangedFiles = changedFiles;
        AddedFiles = addedFiles;
        RemovedFiles = removedFiles;
    }

    /// <summary>The snapshot's name, <c>Type.Method</c> or <c>Type.Method_Parameters</c>.</summary>
    public string SnapshotName { get; }

    /// <summary>The verified file (<c>*.verified.ext</c>) or folder (<c>*.verified/</c>) the output was compared with.</summary>
    public string VerifiedPath { get; }

    /// <summary>The received file or folder, written with the (scrubbed) output.</summary>
    public string ReceivedPath { get; }

    /// <summary>True when there was no verified snapshot at all (a new test, or a renamed one).</summary>
    public bool SnapshotMissing { get; }

    /// <summary>For a file set: relative paths present on both sides with different text. Empty for a single text.</summary>
    public IReadOnlyList<string> ChangedFiles { get; }

    /// <summary>For a file set: relative paths in the output but not in the snapshot. Empty for a single text.</summary>
    public IReadOnlyList<string> AddedFiles { get; }

    /// <summary>For a file set: relative paths in the snapshot but not in the output. Empty for a single text.</summary>
    public IReadOnlyList<string> RemovedFiles { get; }
}
