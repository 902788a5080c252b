using System.Buffers.Binary;
using CoreosDsl.Mbr;

namespace CoreosDsl.Iso9660;

/// <summary>
/// The boot code of an isohybrid MBR: the 432 bytes of syslinux's isohdpfx.bin (or of a stock image's system
/// area), which loads isolinux.bin when a BIOS boots the image as a disk. The writer completes the MBR with the
/// boot image position, a disk signature and a partition covering the image (<see cref="Complete"/>): in such an
/// MBR the code is 432 bytes and the 64-bit number at 0x1B0 is the El Torito boot image's position in 512-byte
/// sectors (its LBA × 4), which the code loads when a BIOS boots the image as a disk.
/// </summary>
public sealed class IsohybridMbr
{
    private readonly byte[] _code;

    private IsohybridMbr(byte[] code, uint? diskSignature)
    {
        _code = code;
        DiskSignature = diskSignature;
    }

    /// <summary>Length of the isohybrid code (isohdpfx.bin) at the start of the boot code area.</summary>
    public const int CodeLength = 432;

    /// <summary>Offset of the isohybrid boot image position (u64, 512-byte sectors) in the MBR.</summary>
    public const int BootImageSectorOffset = 0x1B0;

    /// <summary>The 432 bytes of MBR code.</summary>
    public ReadOnlyMemory<byte> Code => _code;

    /// <summary>The disk signature to write; <c>null</c> derives one from the volume identifier and timestamp (deterministic).</summary>
    public uint? DiskSignature { get; }

    /// <summary>The code from an isohdpfx.bin file (its first 432 bytes).</summary>
    public static IsohybridMbr FromFile(string path, uint? diskSignature = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        if (stream.Length < CodeLength)
        {
            throw new InvalidDataException(
                $"'{path}' is {stream.Length} bytes; isohybrid MBR code (isohdpfx.bin) is {CodeLength} bytes.");
        }

        var code = new byte[CodeLength];
        stream.ReadExactly(code);
        return new IsohybridMbr(code, diskSignature);
    }

    /// <summary>The code from the first 432 bytes of a system area (a stock isohybrid image's).</summary>
    public static IsohybridMbr FromSystemArea(ReadOnlySpan<byte> systemArea, uint? diskSignature = null)
    {
        if (systemArea.Length < CodeLength)
        {
            throw new ArgumentException($"A system area holds at least {CodeLength} bytes of MBR code; this one has {systemArea.Length}.", nameof(systemArea));
        }

        return new IsohybridMbr(systemArea[..CodeLength].ToArray(), diskSignature);
    }

    /// <summary>The 64-bit number at 0x1B0 of <paramref name="mbr"/>: in an isohybrid image, the boot image's 512-byte sector.</summary>
    public static ulong BootImageSector(MasterBootRecord mbr) =>
        BinaryPrimitives.ReadUInt64LittleEndian(mbr.BootCode.Span[BootImageSectorOffset..]);

    /// <summary>
    /// The MBR xorriso -isohybrid-mbr writes: this code, the boot image position (<paramref name="bootImageLba"/> × 4),
    /// the disk signature, and one active partition of type 0x17 from sector 0 over the whole image, whose size must be
    /// a whole number of 1 MiB cylinders (<see cref="DiskGeometry.Isohybrid"/>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="imageBytes"/> is not a positive multiple of 1 MiB below 2 TiB.</exception>
    internal MasterBootRecord Complete(uint bootImageLba, uint diskSignature, long imageBytes)
    {
        var geometry = DiskGeometry.Isohybrid;
        var cylinder = geometry.SectorsPerCylinder * 512L;
        if (imageBytes <= 0 || imageBytes % cylinder != 0 || imageBytes / 512 > uint.MaxValue)
        {
            throw new ArgumentException($"An isohybrid image must be a positive multiple of 1 MiB below 2 TiB, not {imageBytes} bytes.", nameof(imageBytes));
        }

        var bootCode = new byte[BootImageSectorOffset + sizeof(ulong)];
        _code.CopyTo(bootCode, 0);
        BinaryPrimitives.WriteUInt64LittleEndian(bootCode.AsSpan(BootImageSectorOffset), bootImageLba * 4UL);
        var partition = MbrPartitionEntry.Create(MbrPartitionType.Isohybrid, 0, (uint)(imageBytes / 512), active: true, geometry);
        return new MasterBootRecord(bootCode, diskSignature, [partition]);
    }
}
