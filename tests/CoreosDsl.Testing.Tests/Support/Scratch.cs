using System.Text;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Testing.Tests;

/// <summary>
/// A temporary snapshot folder and a fake environment for one test, so that tests never write into the source
/// tree and do not depend on (or change) the real COREOSDSL_ACCEPT_SNAPSHOTS and CI variables.
/// </summary>
internal sealed class Scratch : IDisposable
{
    public string Folder { get; } = TestPaths.NewScratchDirectory("snapshots");

    /// <summary>What the verification sees as environment variables; empty means neither accept nor CI.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Settings that keep snapshots in <see cref="Folder"/> and read <see cref="Environment"/>.</summary>
    public SnapshotSettings Settings() => new()
    {
        Directory = Folder,
        ReadEnvironment = name => Environment.GetValueOrDefault(name),
    };

    public string PathOf(string name) => Path.Combine(Folder, name);

    public void Write(string name, string text)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }

    public string Read(string name) => File.ReadAllText(PathOf(name));

    public byte[] ReadBytes(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>Every file and folder below <see cref="Folder"/>, relative, '/'-separated, sorted; folders end with '/'.</summary>
    public string[] Tree() => Directory.EnumerateFileSystemEntries(Folder, "*", SearchOption.AllDirectories)
        .Select(p => Path.GetRelativePath(Folder, p).Replace('\\', '/') + (Directory.Exists(p) ? "/" : ""))
        .Order(StringComparer.Ordinal)
        .ToArray();

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
