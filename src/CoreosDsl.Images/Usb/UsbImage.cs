using CoreosDsl.IO;
using System.Text;
using CoreosDsl.Fat;
using CoreosDsl.Mbr;
using CoreosDsl.Images.Syslinux;

namespace CoreosDsl.Images.Usb;

/// <summary>What <see cref="UsbImage.Create"/> built.</summary>
/// <param name="Path">The image file.</param>
/// <param name="Size">Its length in bytes (it is sparse: free space takes no disk).</param>
/// <param name="BootPartition">The boot volume's layout (FAT type, cluster size, where each file lies).</param>
/// <param name="Syslinux">How syslinux was installed (<see cref="SyslinuxInstallMode.Managed"/> or <see cref="SyslinuxInstallMode.Host"/>).</param>
/// <param name="ConfigDrivePartition">The config drive's layout, when there is one.</param>
public sealed record UsbImageResult(string Path, long Size, FatLayout BootPartition, SyslinuxInstallMode Syslinux, FatLayout? ConfigDrivePartition);

/// <summary>
/// Builds the seed's bootable USB stick as one image file, without touching a device: an MBR with syslinux's
/// boot code and one active FAT partition at 1 MiB (2048 MiB and FAT16 by default, like the seed's fdisk and
/// mkfs.msdos) holding the given files, <c>syslinux/syslinux.cfg</c> and syslinux itself; optionally a second
/// partition with a <c>config-2</c> config drive. The image is written to a temporary file next to the target and
/// renamed when complete; free space is never written, so the file is sparse.
/// </summary>
public static class UsbImage
{
    /// <summary>The boot partition's first sector: 1 MiB, where fdisk and sfdisk align it.</summary>
    public const uint PartitionStartLba = 2048;

    /// <summary>Where syslinux.cfg goes (syslinux searches /boot/syslinux, /syslinux, then /).</summary>
    public const string SyslinuxConfigPath = "syslinux/syslinux.cfg";

    private const int SectorSize = 512;
    private const long Alignment = 1 << 20;
    private const string HostMasterBootCode = "/usr/lib/syslinux/mbr/mbr.bin";

    /// <summary>
    /// The largest boot partition: an MBR addresses 2 TiB (32-bit sector numbers); this leaves room for the
    /// partition's 1 MiB offset and a config drive after it.
    /// </summary>
    public const long MaxPartitionSize = (2048L << 30) - (64L << 20);

    /// <summary>
    /// Builds the image at <paramref name="outputPath"/> from <paramref name="files"/> (the stock ISO's tree:
    /// <c>coreos/vmlinuz</c>, <c>coreos/cpio.gz</c>, <c>EFI/BOOT/...</c> are all kept as given). Throws
    /// <see cref="FatCapacityException"/> when the content does not fit the partition (naming the size that fits),
    /// <see cref="ArgumentException"/> for bad input (a size that is not whole MiB or above
    /// <see cref="MaxPartitionSize"/>), and <see cref="ExternalToolException"/> when the host syslinux is needed but
    /// missing (naming the package) or fails (with its message); the target is then left untouched.
    /// </summary>
    public static UsbImageResult Create(string outputPath, IEnumerable<UsbImageFile> files, UsbImageOptions options,
        IProgress<ImageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputPath);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        CheckSize(options.PartitionSize, nameof(options.PartitionSize));
        if (options.PartitionSize > MaxPartitionSize || options.ConfigDriveUserData is not null && options.ConfigDriveSize > 32L << 20)
        {
            throw new ArgumentException($"{nameof(options.PartitionSize)} is at most {MaxPartitionSize >> 20} MiB and {nameof(options.ConfigDriveSize)} " +
                $"at most 32 MiB (an MBR addresses 2 TiB), found {options.PartitionSize >> 20} MiB and {options.ConfigDriveSize >> 20} MiB.", nameof(options));
        }

        var mode = ResolveMode(options);
        var timestamp = options.Timestamp ?? FatFormatOptions.DefaultTimestamp;

        // Plan everything before writing anything: a capacity or input error leaves no file behind.
        var boot = new FatBuilder(new FatFormatOptions
        {
            Size = options.PartitionSize,
            Type = options.FatType,
            VolumeLabel = options.VolumeLabel,
            HiddenSectors = PartitionStartLba,
            Timestamp = timestamp,
        });
        AddFiles(boot, files);
        boot.AddFile(SyslinuxConfigPath, Encoding.UTF8.GetBytes(options.SyslinuxConfig));
        var installer = mode == SyslinuxInstallMode.Managed ? new SyslinuxInstaller(options.SyslinuxDistribution!) : null;
        installer?.Prepare(boot);
        var bootLayout = boot.Plan();

        FatLayout? configLayout = null;
        var configStart = AlignUp(PartitionStartLba * (long)SectorSize + options.PartitionSize, Alignment);
        if (options.ConfigDriveUserData is { } userData)
        {
            CheckSize(options.ConfigDriveSize, nameof(options.ConfigDriveSize));
            configLayout = ConfigDrive.CreateFatBuilder(userData, options.ConfigDriveSize, (uint)(configStart / SectorSize), timestamp).Plan();
        }

        var diskSize = configLayout is null ? configStart : configStart + configLayout.Size;
        var mbr = BuildMasterBootRecord(options, bootLayout, configLayout, configStart);

        var full = Path.GetFullPath(outputPath);
        var total = MasterBootRecord.Size + bootLayout.TotalWriteBytes + (installer?.LoaderFileLength ?? 0) + (configLayout?.TotalWriteBytes ?? 0);
        long done = 0;
        IProgress<long> Step(string name)
        {
            var before = done;
            return new SynchronousProgress<long>(written =>
            {
                done = before + written;
                progress?.Report(new ImageProgress(done, total, name));
            });
        }

        AtomicFile.WriteVia(full, temporary =>
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0))
            {
                stream.SetLength(diskSize);
                stream.Write(mbr.ToBytes());
                done = MasterBootRecord.Size;
                bootLayout.WriteTo(stream, PartitionStartLba * (long)SectorSize, Step("boot partition"), cancellationToken);
                if (installer is not null)
                {
                    installer.Install(stream, PartitionStartLba * (long)SectorSize, bootLayout);
                    done += installer.LoaderFileLength;
                    progress?.Report(new ImageProgress(done, total, "syslinux"));
                }

                configLayout?.WriteTo(stream, configStart, Step("config drive"), cancellationToken);
            }

            if (mode == SyslinuxInstallMode.Host)
            {
                cancellationToken.ThrowIfCancellationRequested();
                HostSyslinux.Install(temporary, PartitionStartLba * (long)SectorSize, cancellationToken);
                if (bootLayout.Type == FatType.Fat32)
                {
                    CopyBootSectorToBackup(temporary, PartitionStartLba * (long)SectorSize, bootLayout.BootSector.BackupBootSector);
                }

                progress?.Report(new ImageProgress(total, total, "syslinux"));
            }
        });

        return new UsbImageResult(full, diskSize, bootLayout, mode, configLayout);
    }

    private static SyslinuxInstallMode ResolveMode(UsbImageOptions options)
    {
        switch (options.Syslinux)
        {
            case SyslinuxInstallMode.Managed when options.SyslinuxDistribution is null:
                throw new ArgumentException("The managed syslinux installer needs SyslinuxDistribution (a directory with ldlinux.bss, ldlinux.sys and ldlinux.c32).",
                    nameof(options));
            case SyslinuxInstallMode.Managed:
            case SyslinuxInstallMode.Automatic when options.SyslinuxDistribution is not null:
                return SyslinuxInstallMode.Managed;
            default:
                if (!HostSyslinux.IsAvailable)
                {
                    throw new ExternalToolException("syslinux",
                        "No way to install syslinux: give a syslinux distribution (ldlinux.bss, ldlinux.sys and ldlinux.c32 of one build) for the managed " +
                        "installer, or install the host's: 'apt-get install syslinux mtools'.");
                }

                return SyslinuxInstallMode.Host;
        }
    }

    private static void AddFiles(FatBuilder builder, IEnumerable<UsbImageFile> files)
    {
        foreach (var file in files)
        {
            var path = file.Path.Trim('/');
            if (string.Equals(path, SyslinuxConfigPath, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"The input already has '{file.Path}': give its text as UsbImageOptions.SyslinuxConfig instead.", nameof(files));
            }

            if (string.Equals(path, SyslinuxInstaller.LoaderPath, StringComparison.OrdinalIgnoreCase)
                || string.Equals(path, SyslinuxInstaller.ModulePath, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"The input has '{file.Path}', which the syslinux install writes: leave it out.", nameof(files));
            }

            builder.AddFile(path, file.Length, file.Open);
        }
    }

    private static MasterBootRecord BuildMasterBootRecord(UsbImageOptions options, FatLayout boot, FatLayout? config, long configStart)
    {
        var code = options.MasterBootCode ?? options.SyslinuxDistribution?.MasterBootCode
            ?? (File.Exists(HostMasterBootCode) ? File.ReadAllBytes(HostMasterBootCode) : null)
            ?? throw new ExternalToolException(HostMasterBootCode,
                $"No MBR boot code: set UsbImageOptions.MasterBootCode, give a syslinux distribution holding mbr.bin, or 'apt-get install syslinux-common' for {HostMasterBootCode}.");
        if (code.Length > MasterBootRecord.BootCodeSize)
        {
            throw new ArgumentException($"MBR boot code is at most {MasterBootRecord.BootCodeSize} bytes, found {code.Length}.", nameof(options));
        }

        var partitions = new List<MbrPartitionEntry>
        {
            MbrPartitionEntry.Create(TypeOf(boot), PartitionStartLba, (uint)(boot.Size / SectorSize), active: true),
        };
        if (config is not null)
        {
            partitions.Add(MbrPartitionEntry.Create(TypeOf(config), (uint)(configStart / SectorSize), (uint)(config.Size / SectorSize), active: false));
        }

        return new MasterBootRecord(code, options.DiskSignature ?? boot.BootSector.VolumeId, partitions);
    }

    /// <summary>syslinux rewrites only the FAT32 boot sector; keep the backup equal, as fsck.fat expects.</summary>
    private static void CopyBootSectorToBackup(string image, long volumeOffset, int backupSector)
    {
        using var stream = new FileStream(image, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        var sector = new byte[SectorSize];
        stream.Position = volumeOffset;
        stream.ReadExactly(sector);
        stream.Position = volumeOffset + (backupSector * (long)SectorSize);
        stream.Write(sector);
    }

    private static MbrPartitionType TypeOf(FatLayout layout) => layout.Type == FatType.Fat32 ? MbrPartitionType.Fat32Lba : MbrPartitionType.Fat16;

    private static void CheckSize(long size, string name)
    {
        if (size <= 0 || size % Alignment != 0)
        {
            throw new ArgumentException($"{name} must be a positive whole number of MiB, found {size} bytes.", name);
        }
    }

    private static long AlignUp(long value, long alignment) => (value + alignment - 1) / alignment * alignment;
}
