using CoreosDsl.Fat;
using CoreosDsl.Images.Syslinux;

namespace CoreosDsl.Images.Usb;

/// <summary>What <see cref="UsbImage.Create"/> builds.</summary>
public sealed class UsbImageOptions
{
    /// <summary>The seed's partition size: fdisk's <c>+2048M</c>.</summary>
    public const long DefaultPartitionSize = 2048L << 20;

    /// <summary>
    /// The text of <c>syslinux/syslinux.cfg</c> (syslinux looks in /boot/syslinux, /syslinux and / in that order),
    /// for example the seed's <c>DEFAULT coreos</c> ... <c>APPEND initrd=/coreos/cpio.gz cloud-config-url=...</c>.
    /// </summary>
    public required string SyslinuxConfig { get; init; }

    /// <summary>The boot partition's size in bytes (a multiple of 1 MiB); the image is 1 MiB larger (plus the config drive). Sparse: free space costs no disk.</summary>
    public long PartitionSize { get; init; } = DefaultPartitionSize;

    /// <summary>FAT16 or FAT32; null takes FAT16 when the size and content allow it (the seed's choice) and FAT32 otherwise.</summary>
    public FatType? FatType { get; init; }

    /// <summary>The boot partition's volume label.</summary>
    public string VolumeLabel { get; init; } = "COREOS";

    /// <summary>How syslinux is installed.</summary>
    public SyslinuxInstallMode Syslinux { get; init; } = SyslinuxInstallMode.Automatic;

    /// <summary>The syslinux build for the managed installer (see <see cref="Syslinux.SyslinuxDistribution.FromDirectory"/>).</summary>
    public SyslinuxDistribution? SyslinuxDistribution { get; init; }

    /// <summary>
    /// The MBR boot code (at most 440 bytes). Null takes the distribution's <c>mbr.bin</c>, else the host's
    /// <c>/usr/lib/syslinux/mbr/mbr.bin</c> (package syslinux-common), as the seed's <c>dd</c> does.
    /// </summary>
    public byte[]? MasterBootCode { get; init; }

    /// <summary>
    /// When set, a second partition with a FAT volume labelled <c>config-2</c> holding this as
    /// <c>openstack/latest/user_data</c>: a config drive, so the machine needs no web server for its cloud-config.
    /// </summary>
    public byte[]? ConfigDriveUserData { get; init; }

    /// <summary>The config drive partition's size (a multiple of 1 MiB).</summary>
    public long ConfigDriveSize { get; init; } = ConfigDrive.DefaultSize;

    /// <summary>The time stamped on every file; defaults to SOURCE_DATE_EPOCH, else 1980-01-01, so builds are reproducible.</summary>
    public DateTime? Timestamp { get; init; }

    /// <summary>The MBR disk signature; null derives one from the boot volume's id (deterministic).</summary>
    public uint? DiskSignature { get; init; }
}
