using System.Buffers.Binary;

namespace CoreosDsl.Iso9660;

/// <summary>
/// The master boot record in the first 512 bytes of an image's system area: boot code, disk signature, four
/// partition entries and the 55 AA signature. In an isohybrid image (syslinux's isohdpfx.bin, as xorriso
/// -isohybrid-mbr writes it) the code is 432 bytes and the 64-bit number at 0x1B0 is the El Torito boot image's
/// position in 512-byte sectors (its LBA × 4), which the code loads when a BIOS boots the image as a disk.
/// </summary>
public sealed class MasterBootRecord
{
    /// <summary>The record's length.</summary>
    public const int Length = 512;

    /// <summary>Length of the boot code area of a generic MBR.</summary>
    public const int BootCodeLength = 440;

    /// <summary>Length of the isohybrid code (isohdpfx.bin) at the start of the boot code area.</summary>
    public const int IsohybridCodeLength = 432;

    /// <summary>Offset of the isohybrid boot image position (u64, 512-byte sectors).</summary>
    public const int IsohybridBootSectorOffset = 0x1B0;

    /// <summary>Offset of the 32-bit disk signature.</summary>
    public const int DiskSignatureOffset = 0x1B8;

    /// <summary>Offset of the partition table.</summary>
    public const int PartitionTableOffset = 0x1BE;

    /// <summary>Offset of the 55 AA boot signature.</summary>
    public const int SignatureOffset = 0x1FE;

    /// <summary>Heads per cylinder of the geometry isohybrid images use (xorriso's default).</summary>
    public const int IsohybridHeads = 64;

    /// <summary>Sectors per track of the geometry isohybrid images use: a cylinder is 64 × 32 × 512 bytes = 1 MiB.</summary>
    public const int IsohybridSectorsPerTrack = 32;

    /// <summary>The partition type xorriso gives the isohybrid partition (0x17, as in its reports).</summary>
    public const byte IsohybridPartitionType = 0x17;

    private readonly byte[] _bootCode;

    internal MasterBootRecord(byte[] bootCode, uint diskSignature, IReadOnlyList<MbrPartitionEntry> partitions)
    {
        _bootCode = bootCode;
        DiskSignature = diskSignature;
        Partitions = partitions;
    }

    /// <summary>The 440 bytes of boot code (for isohybrid: 432 bytes of code and the boot image position).</summary>
    public ReadOnlyMemory<byte> BootCode => _bootCode;

    /// <summary>The disk signature at 0x1B8.</summary>
    public uint DiskSignature { get; }

    /// <summary>The four partition entries.</summary>
    public IReadOnlyList<MbrPartitionEntry> Partitions { get; }

    /// <summary>The 64-bit number at 0x1B0: in an isohybrid image, the boot image's 512-byte sector.</summary>
    public ulong IsohybridBootSector => BinaryPrimitives.ReadUInt64LittleEndian(_bootCode.AsSpan(IsohybridBootSectorOffset));

    /// <summary>Parses the MBR at the start of <paramref name="systemArea"/>; <c>null</c> when there is no 55 AA signature.</summary>
    public static MasterBootRecord? TryParse(ReadOnlySpan<byte> systemArea)
    {
        if (systemArea.Length < Length || systemArea[SignatureOffset] != 0x55 || systemArea[SignatureOffset + 1] != 0xAA)
        {
            return null;
        }

        var partitions = new MbrPartitionEntry[4];
        for (var i = 0; i < 4; i++)
        {
            partitions[i] = MbrPartitionEntry.Read(systemArea[(PartitionTableOffset + i * MbrPartitionEntry.Length)..]);
        }

        return new MasterBootRecord(systemArea[..BootCodeLength].ToArray(), BinaryPrimitives.ReadUInt32LittleEndian(systemArea[DiskSignatureOffset..]), partitions);
    }

    /// <summary>The record as 512 bytes.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Length];
        _bootCode.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(DiskSignatureOffset), DiskSignature);
        for (var i = 0; i < Partitions.Count && i < 4; i++)
        {
            Partitions[i].WriteTo(bytes.AsSpan(PartitionTableOffset + i * MbrPartitionEntry.Length));
        }

        bytes[SignatureOffset] = 0x55;
        bytes[SignatureOffset + 1] = 0xAA;
        return bytes;
    }

    /// <summary>
    /// The isohybrid MBR xorriso -isohybrid-mbr writes: <paramref name="code"/> (432 bytes), the boot image position
    /// (<paramref name="bootImageLba"/> × 4), the disk signature, and one active partition of type 0x17 from sector 0
    /// over the whole image, whose size must be a whole number of 1 MiB cylinders.
    /// </summary>
    internal static MasterBootRecord Isohybrid(ReadOnlySpan<byte> code, uint bootImageLba, uint diskSignature, long imageBytes)
    {
        if (code.Length != IsohybridCodeLength)
        {
            throw new ArgumentException($"The isohybrid MBR code must be {IsohybridCodeLength} bytes, not {code.Length}.", nameof(code));
        }

        const long cylinder = IsohybridHeads * IsohybridSectorsPerTrack * 512L;
        if (imageBytes <= 0 || imageBytes % cylinder != 0 || imageBytes / 512 > uint.MaxValue)
        {
            throw new ArgumentException($"An isohybrid image must be a positive multiple of 1 MiB below 2 TiB, not {imageBytes} bytes.", nameof(imageBytes));
        }

        var bootCode = new byte[BootCodeLength];
        code.CopyTo(bootCode);
        BinaryPrimitives.WriteUInt64LittleEndian(bootCode.AsSpan(IsohybridBootSectorOffset), bootImageLba * 4UL);
        var sectors = imageBytes / 512;
        var partition = new MbrPartitionEntry(MbrPartitionEntry.Active,
            CylinderHeadSector.FromLba(0, IsohybridHeads, IsohybridSectorsPerTrack), IsohybridPartitionType,
            CylinderHeadSector.FromLba(sectors - 1, IsohybridHeads, IsohybridSectorsPerTrack), 0, (uint)sectors);
        return new MasterBootRecord(bootCode, diskSignature, [partition, default, default, default]);
    }
}
