using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Iso9660.Tests;

/// <summary>A scratch directory for one test, deleted when disposed.</summary>
internal sealed class Scratch : IDisposable
{
    public Scratch(string purpose) => Directory = TestPaths.NewScratchDirectory(purpose);

    public string Directory { get; }

    public string PathOf(string name) => System.IO.Path.Combine(Directory, name);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: the system temp folder is cleaned anyway
        }
    }
}
