namespace CoreosDsl.Testing;

/// <summary>A single text: <c>base.verified.ext</c> and <c>base.received.ext</c>.</summary>
internal sealed class TextSnapshotStore(SnapshotLocation location, string extension) : ISnapshotStore
{
    public string VerifiedPath { get; } = location.VerifiedFile(extension);

    public string ReceivedPath { get; } = location.ReceivedFile(extension);

    public bool IsFileSet => false;

    public IReadOnlyDictionary<string, string>? ReadVerified() =>
        File.Exists(VerifiedPath) ? new Dictionary<string, string> { [""] = SnapshotText.Read(VerifiedPath) } : null;

    public void WriteReceived(IReadOnlyDictionary<string, string> files) => SnapshotText.WriteAtomic(ReceivedPath, files[""]);

    public void WriteVerified(IReadOnlyDictionary<string, string> files) => SnapshotText.WriteAtomic(VerifiedPath, files[""]);

    public void DeleteReceived() => location.DeleteReceived();

    public string Label(string relativePath, bool verified) => Path.GetFileName(verified ? VerifiedPath : ReceivedPath);
}
