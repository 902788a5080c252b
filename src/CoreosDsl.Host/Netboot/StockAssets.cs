using System.Globalization;
using CoreosDsl.Iso9660;

namespace CoreosDsl.Host.Netboot;

/// <summary>One kernel or initrd of the stock image, as the server hands it out.</summary>
/// <param name="ImagePath">Its path in the image (<c>/coreos/vmlinuz</c>).</param>
/// <param name="File">The file, read in place.</param>
/// <param name="ETag">A strong validator: the image's identity and the file's place and length in it.</param>
/// <param name="LastModified">The file's modification time as recorded in the image.</param>
internal sealed record StockAsset(string ImagePath, IsoFile File, string ETag, DateTimeOffset LastModified);

/// <summary>
/// The kernels and initrds the workers boot, read straight out of the stock ISO with CoreosDsl's ISO reader: no
/// extraction step, nothing copied to disk. The image stays open while the server runs; each download opens its
/// own stream over the file's extents.
/// </summary>
internal sealed class StockAssets : IDisposable
{
    private readonly IsoImage image;
    private readonly Dictionary<string, StockAsset> byUrlPath;

    private StockAssets(IsoImage image, Dictionary<string, StockAsset> byUrlPath)
    {
        this.image = image;
        this.byUrlPath = byUrlPath;
    }

    /// <summary>The assets by their path under the server's base URL (<c>assets/coreos/vmlinuz</c>).</summary>
    public IReadOnlyDictionary<string, StockAsset> ByUrlPath => byUrlPath;

    /// <summary>Opens <paramref name="stockIso"/> and finds the kernel and initrd of every worker in it.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">It is not an ISO image, or a worker's kernel or initrd is not in it (the message names the worker and the fix).</exception>
    public static StockAssets Open(string stockIso, IReadOnlyList<WorkerDefinition> workers)
    {
        if (Directory.Exists(stockIso))
        {
            throw new InvalidDataException($"{stockIso} is a folder; give the stock CoreOS/Flatcar ISO file itself (--stock FILE.iso).");
        }

        if (!File.Exists(stockIso))
        {
            throw new FileNotFoundException($"No stock image at {stockIso}: download the CoreOS/Flatcar ISO and give its path (--stock FILE.iso).", stockIso);
        }

        IsoImage image;
        try
        {
            image = IsoReader.Open(stockIso);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new InvalidDataException($"{stockIso} is not a readable ISO 9660 image ({e.Message}): is this a CoreOS/Flatcar ISO?", e);
        }

        try
        {
            // The image's identity: its length and modification time, as a web server's ETag for a file.
            var info = new FileInfo(stockIso);
            var identity = string.Create(CultureInfo.InvariantCulture, $"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}");
            var assets = new Dictionary<string, StockAsset>(StringComparer.Ordinal);
            foreach (var worker in workers)
            {
                foreach (var (path, what, property) in new[] { (worker.Boot.Kernel, "kernel", "Kernel"), (worker.Boot.Initrd, "initrd", "Initrd") })
                {
                    var urlPath = NetbootPaths.Asset(path);
                    if (assets.ContainsKey(urlPath))
                    {
                        continue;
                    }

                    if (image.GetEntry(path) is not IsoFile file)
                    {
                        throw new InvalidDataException($"{worker.Name} boots the {what} {path}, but {stockIso} has no such file: " +
                            $"set BootSettings.{property} with WithBoot(...) to the stock image's path.");
                    }

                    var etag = string.Create(CultureInfo.InvariantCulture, $"\"{identity}-{file.Lba:x}-{file.Length:x}\"");
                    assets.Add(urlPath, new StockAsset(path, file, etag, file.ModificationTime));
                }
            }

            return new StockAssets(image, assets);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => image.Dispose();
}
