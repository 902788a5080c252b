namespace CoreosDsl.Tests.Shared;

/// <summary>
/// The stand-in for a stock CoreOS ISO (Debian's kernel, a busybox initramfs whose /init prints BOOTLAB-
/// markers, isolinux), built once by <c>tests/TestData/bootlab/build-stock.sh</c> into <c>.cache/stock-HASH</c> (HASH: of the script and init)
/// and shared by every test project. Use it from an xunit class fixture or directly.
/// </summary>
public sealed class StockImage
{
    private static readonly Lazy<StockImage> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    private StockImage(string directory) => Directory = directory;

    /// <summary>The built fixture (building it on first use; a few seconds).</summary>
    public static StockImage Instance => Built.Value;

    /// <summary>The fixture folder.</summary>
    public string Directory { get; }

    /// <summary>The stock ISO, as a vendor ships it (xorriso, hybrid, El Torito, isolinux).</summary>
    public string IsoPath => Path.Combine(Directory, "stock.iso");

    /// <summary>The files of the ISO as a directory tree: <c>coreos/vmlinuz</c>, <c>coreos/cpio.gz</c>, <c>isolinux/*</c>.</summary>
    public string TreePath => Path.Combine(Directory, "tree");

    private static StockImage Build()
    {
        var script = Path.Combine(TestPaths.TestData, "bootlab", "build-stock.sh");
        // Keyed by what builds it, so that a changed init or script never reuses a stale fixture.
        var inputs = File.ReadAllBytes(script).Concat(File.ReadAllBytes(Path.Combine(TestPaths.TestData, "bootlab", "init"))).ToArray();
        var dir = Path.Combine(TestPaths.Cache, "stock-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(inputs))[..12]);
        // Serialize builds across test processes (test projects run in parallel).
        System.IO.Directory.CreateDirectory(TestPaths.Cache);
        using (var lockFile = AcquireLock(Path.Combine(TestPaths.Cache, "stock.lock")))
        {
            ExternalTool.Run("bash", [script, dir], TimeSpan.FromMinutes(5)).EnsureSuccess();
        }

        return new StockImage(dir);
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }
}
