namespace CoreosDsl.Testing;

/// <summary>
/// One snapshot's verified and received sides on disk, as file sets keyed by relative path. A single text is a
/// set of one file whose key is the empty string.
/// </summary>
internal interface ISnapshotStore
{
    /// <summary>The verified file or folder.</summary>
    string VerifiedPath { get; }

    /// <summary>The received file or folder.</summary>
    string ReceivedPath { get; }

    /// <summary>True for a file set (a folder), false for a single text (a file).</summary>
    bool IsFileSet { get; }

    /// <summary>The verified files, or null when there is no verified snapshot.</summary>
    IReadOnlyDictionary<string, string>? ReadVerified();

    /// <summary>Writes the output as the received snapshot, replacing an older one.</summary>
    void WriteReceived(IReadOnlyDictionary<string, string> files);

    /// <summary>Writes the output as the verified snapshot (accepting it), replacing the old one.</summary>
    void WriteVerified(IReadOnlyDictionary<string, string> files);

    /// <summary>Deletes received files left by earlier runs.</summary>
    void DeleteReceived();

    /// <summary>How a diff header names one file of the verified (or received) side.</summary>
    string Label(string relativePath, bool verified);
}
