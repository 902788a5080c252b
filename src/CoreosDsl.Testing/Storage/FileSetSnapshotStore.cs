namespace CoreosDsl.Testing;

/// <summary>A file set: the folders <c>base.verified/</c> and <c>base.received/</c>.</summary>
internal sealed class FileSetSnapshotStore(SnapshotLocation location) : ISnapshotStore
{
    public string VerifiedPath { get; } = location.VerifiedFolder;

    public string ReceivedPath { get; } = location.ReceivedFolder;

    public bool IsFileSet => true;

    public IReadOnlyDictionary<string, string>? ReadVerified() =>
        Directory.Exists(VerifiedPath) ? SnapshotFolder.Read(VerifiedPath) : null;

    public void WriteReceived(IReadOnlyDictionary<string, string> files) => SnapshotFolder.Replace(ReceivedPath, files);

    public void WriteVerified(IReadOnlyDictionary<string, string> files) => SnapshotFolder.Replace(VerifiedPath, files);

    public void DeleteReceived() => location.DeleteReceived();

    public string Label(string relativePath, bool verified) =>
        $"{Path.GetFileName(verified ? VerifiedPath : ReceivedPath)}/{relativePath}";
}
