using System.Text;
using CoreosDsl.Iso9660;
using CoreosDsl.Images.Usb;

namespace CoreosDsl.Images;

/// <summary>
/// Bootable images of a worker, made from a stock CoreOS/Flatcar ISO: a remastered ISO (its isolinux configuration
/// rewritten to boot the worker, everything else kept, including El Torito and isohybrid boot) and the seed's USB
/// stick as a disk image (the ISO's files on a FAT partition with syslinux). Either can carry the worker's
/// cloud-config on a <c>config-2</c> config drive, so the machine needs no web server. Images are written to a
/// temporary file and renamed when complete.
/// </summary>
public static class WorkerImages
{
    /// <summary>A fixed image time for stock images that record none, so output stays reproducible.</summary>
    private static readonly DateTimeOffset FallbackTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Writes a remastered copy of <paramref name="stockIsoPath"/> to <paramref name="outputPath"/> that boots
    /// <paramref name="worker"/>; with <see cref="WorkerImageRequest.ConfigDrive"/>, also the config drive as a small
    /// ISO labelled <c>config-2</c> beside it (<see cref="ConfigDrivePathFor"/>), to attach as a second drive.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no stock image.</exception>
    /// <exception cref="InvalidDataException">The stock image is not a bootable isolinux ISO, or lacks the worker's kernel or initrd; the message says what was expected.</exception>
    public static WorkerImageResult CreateIso(WorkerDefinition worker, string stockIsoPath, string outputPath, IsoImageRequest? request = null,
        IProgress<ImageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(outputPath);
        request ??= new IsoImageRequest();
        var boot = request.Apply(worker.Boot);
        using var stock = StockIso.Open(stockIsoPath);
        var stockConfig = stock.ReadBootConfig();
        stock.RequireFile(boot.Kernel, "kernel", stockConfig);
        stock.RequireFile(boot.Initrd, "initrd", stockConfig);
        var configPath = stock.BootConfig.FullPath.TrimStart('/');
        var config = IsolinuxConfig.Rewrite(stockConfig, boot, configPath);

        var timestamp = ResolveTimestamp(request, stock.Image);
        var builder = IsoBuilder.FromImage(stock.Image);
        builder.Timestamp = timestamp;
        var total = stock.Image.EnumerateFiles().Where(f => f.FullPath != stock.CatalogPath && f.FullPath != stock.BootConfig.FullPath).Sum(f => f.Length)
            + Encoding.UTF8.GetByteCount(config);
        var counter = new ProgressCounter(total, "iso", progress, cancellationToken);
        foreach (var file in stock.Image.EnumerateFiles())
        {
            if (file.FullPath == stock.CatalogPath || file.FullPath == stock.BootConfig.FullPath)
            {
                continue;
            }

            var source = file;
            builder.AddFile(file.FullPath, IsoFileSource.FromStream(file.Length, () => counter.Wrap(source.Open()), file.Mode, file.ModificationTime));
        }

        var configBytes = new UTF8Encoding(false).GetBytes(config);
        builder.AddFile(configPath, IsoFileSource.FromStream(configBytes.Length, () => counter.Wrap(new MemoryStream(configBytes, writable: false)),
            stock.BootConfig.Mode, stock.BootConfig.ModificationTime));
        builder.WriteToFile(outputPath);
        counter.Complete();

        string? configDrivePath = null;
        if (boot.ConfigDrive)
        {
            configDrivePath = ConfigDrivePathFor(outputPath);
            var drive = ConfigDrive.CreateIsoBuilder(worker.ConfigDriveUserData());
            drive.Timestamp = timestamp;
            drive.WriteToFile(configDrivePath);
            progress?.Report(new ImageProgress(total, total, "config drive"));
        }

        return new WorkerImageResult(Path.GetFullPath(outputPath), new FileInfo(outputPath).Length, configDrivePath is null ? null : Path.GetFullPath(configDrivePath),
            configPath, config, boot, Warnings(boot));
    }

    /// <summary>
    /// Writes the seed's bootable USB stick for <paramref name="worker"/> as a disk image at
    /// <paramref name="outputPath"/>: an MBR with syslinux's boot code, a FAT partition holding every file of the stock
    /// ISO (read straight from it, nothing extracted) and <c>syslinux/syslinux.cfg</c> from the worker, syslinux
    /// installed; with <see cref="WorkerImageRequest.ConfigDrive"/>, a second partition labelled <c>config-2</c> holding
    /// the worker's cloud-config.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no stock image.</exception>
    /// <exception cref="InvalidDataException">The stock image is not a bootable isolinux ISO, or lacks the worker's kernel or initrd.</exception>
    /// <exception cref="CoreosDsl.Fat.FatCapacityException">The files do not fit <see cref="UsbImageRequest.Size"/>.</exception>
    public static WorkerImageResult CreateUsb(WorkerDefinition worker, string stockIsoPath, string outputPath, UsbImageRequest? request = null,
        IProgress<ImageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(outputPath);
        request ??= new UsbImageRequest();
        var boot = request.Apply(worker.Boot);
        using var stock = StockIso.Open(stockIsoPath);
        var stockConfig = stock.ReadBootConfig();
        stock.RequireFile(boot.Kernel, "kernel", stockConfig);
        stock.RequireFile(boot.Initrd, "initrd", stockConfig);
        var config = SyslinuxConfig.Write(boot);

        // The seed's "cp -r stock/* vfat/": every file, except the El Torito catalog (meaningless on a disk) and the
        // names the syslinux install and our syslinux.cfg take.
        string[] reserved = [UsbImage.SyslinuxConfigPath, "ldlinux.sys", "ldlinux.c32"];
        var files = stock.Image.EnumerateFiles()
            .Where(f => f.FullPath != stock.CatalogPath)
            .Where(f => !reserved.Contains(f.FullPath.TrimStart('/'), StringComparer.OrdinalIgnoreCase))
            .Select(f => new UsbImageFile(f.FullPath.TrimStart('/'), f.Length, f.Open))
            .ToList();
        var options = new UsbImageOptions
        {
            SyslinuxConfig = config,
            PartitionSize = request.Size,
            SyslinuxDistribution = request.SyslinuxDistribution,
            ConfigDriveUserData = boot.ConfigDrive ? new UTF8Encoding(false).GetBytes(worker.ConfigDriveUserData()) : null,
            Timestamp = request.Timestamp?.UtcDateTime,
        };
        var result = UsbImage.Create(outputPath, files, options, progress, cancellationToken);
        return new WorkerImageResult(result.Path, result.Size, null, UsbImage.SyslinuxConfigPath, config, boot, Warnings(boot));
    }

    /// <summary>Where <see cref="CreateIso"/> writes the config drive for <paramref name="isoPath"/>: <c>NAME.config-2.iso</c> beside it.</summary>
    public static string ConfigDrivePathFor(string isoPath)
    {
        ArgumentNullException.ThrowIfNull(isoPath);
        return string.Equals(Path.GetExtension(isoPath), ".iso", StringComparison.OrdinalIgnoreCase)
            ? Path.ChangeExtension(isoPath, ".config-2.iso")
            : isoPath + ".config-2.iso";
    }

    private static IReadOnlyList<string> Warnings(BootSettings boot) => boot.ConfigUrl is null && boot.IgnitionConfigUrl is null && !boot.ConfigDrive
        ? ["the kernel line names no cloud-config source (no cloud-config-url=, no coreos.configdrive=1): the machine boots without this worker's cloud-config; give a config URL or a config drive"]
        : [];

    private static DateTimeOffset? ResolveTimestamp(WorkerImageRequest request, IsoImage stock)
    {
        if (request.Timestamp is { } explicitTime)
        {
            return explicitTime;
        }

        // Left unset, the ISO writer honours SOURCE_DATE_EPOCH; otherwise the stock image's own time keeps output reproducible.
        return string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"))
            ? stock.ModificationTime ?? stock.CreationTime ?? FallbackTimestamp
            : null;
    }
}
