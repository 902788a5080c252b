using System.Buffers.Binary;
using System.Text;

namespace CoreosDsl.Fat;

/// <summary>
/// The first sector of a FAT volume: the jump instruction, the BIOS parameter block (BPB) that describes the
/// volume's geometry, and the extended boot record (drive number, volume id and label, type name). FAT12/16
/// and FAT32 share the first 36 bytes and differ after them. <see cref="Parse"/> reads one,
/// <see cref="ToBytes"/> writes one with a tiny boot stub (<c>int 18h</c>: "not bootable, try the next
/// device") that syslinux later replaces.
/// </summary>
public sealed record FatBootSector
{
    // Offsets shared by all FAT types (fatgen103, "Boot Sector and BPB Structure").
    private const int JumpOffset = 0;
    private const int OemNameOffset = 3;
    private const int BytesPerSectorOffset = 11;
    private const int SectorsPerClusterOffset = 13;
    private const int ReservedSectorsOffset = 14;
    private const int NumberOfFatsOffset = 16;
    private const int RootEntryCountOffset = 17;
    private const int TotalSectors16Offset = 19;
    private const int MediaOffset = 21;
    private const int SectorsPerFat16Offset = 22;
    private const int SectorsPerTrackOffset = 24;
    private const int HeadsOffset = 26;
    private const int HiddenSectorsOffset = 28;
    private const int TotalSectors32Offset = 32;

    // FAT32 only.
    private const int SectorsPerFat32Offset = 36;
    private const int ExtendedFlagsOffset = 40;
    private const int FsVersionOffset = 42;
    private const int RootClusterOffset = 44;
    private const int FsInfoSectorOffset = 48;
    private const int BackupBootSectorOffset = 50;

    // The extended boot record starts at 36 on FAT12/16 and at 64 on FAT32; these are relative to it.
    private const int Fat16ExtendedOffset = 36;
    private const int Fat32ExtendedOffset = 64;
    private const int DriveNumberRelative = 0;
    private const int BootSignatureRelative = 2;
    private const int VolumeIdRelative = 3;
    private const int VolumeLabelRelative = 7;
    private const int FileSystemTypeRelative = 18;
    private const int BootCodeRelative = 26;

    private const int SignatureOffset = 510;
    private const byte ExtendedBootSignature = 0x29;

    /// <summary>The length of the structure this type reads and writes.</summary>
    public const int Size = 512;

    internal FatBootSector()
    {
    }

    /// <summary>The 8-character name of the formatting system (<c>MSWIN4.1</c>, <c>mkfs.fat</c>, <c>SYSLINUX</c>).</summary>
    public string OemName { get; init; } = "MSWIN4.1";

    /// <summary>Bytes per sector: 512 here (the reader accepts 512 to 4096).</summary>
    public int BytesPerSector { get; init; } = 512;

    /// <summary>Sectors per cluster, a power of two.</summary>
    public int SectorsPerCluster { get; init; }

    /// <summary>Sectors before the first FAT, including this one.</summary>
    public int ReservedSectors { get; init; }

    /// <summary>Copies of the FAT (2).</summary>
    public int NumberOfFats { get; init; } = 2;

    /// <summary>Entries of the fixed root directory (FAT12/16); 0 on FAT32.</summary>
    public int RootEntryCount { get; init; }

    /// <summary>Sectors in the volume (stored in the 16-bit field when it fits, else in the 32-bit one).</summary>
    public long TotalSectors { get; init; }

    /// <summary>The media descriptor: 0xF8 for fixed disks.</summary>
    public byte Media { get; init; } = 0xF8;

    /// <summary>Sectors of one FAT copy.</summary>
    public long SectorsPerFat { get; init; }

    /// <summary>Sectors per track of the BIOS geometry (63).</summary>
    public int SectorsPerTrack { get; init; } = 63;

    /// <summary>Heads of the BIOS geometry (255).</summary>
    public int Heads { get; init; } = 255;

    /// <summary>Sectors before this volume on its disk: the partition's start LBA (boot loaders add it to every sector number).</summary>
    public uint HiddenSectors { get; init; }

    /// <summary>The BIOS drive number (0x80, the first hard disk).</summary>
    public byte DriveNumber { get; init; } = 0x80;

    /// <summary>The volume serial number.</summary>
    public uint VolumeId { get; init; }

    /// <summary>The volume label of the boot sector, without padding (<c>NO NAME</c> when there is none).</summary>
    public string VolumeLabel { get; init; } = "NO NAME";

    /// <summary>The informational type name (<c>FAT16</c>, <c>FAT32</c>), without padding; the cluster count, not this, decides the type.</summary>
    public string FileSystemTypeName { get; init; } = "";

    /// <summary>FAT32: the FAT mirroring flags (0: all copies mirrored).</summary>
    public int ExtendedFlags { get; init; }

    /// <summary>FAT32: the version (0.0).</summary>
    public int FsVersion { get; init; }

    /// <summary>FAT32: the first cluster of the root directory (2).</summary>
    public uint RootCluster { get; init; }

    /// <summary>FAT32: the sector of the FSInfo structure (1).</summary>
    public int FsInfoSector { get; init; }

    /// <summary>FAT32: the sector of the backup boot sector (6).</summary>
    public int BackupBootSector { get; init; }

    /// <summary>The sectors of the fixed root directory (FAT12/16), rounded up to whole sectors.</summary>
    public long RootDirectorySectors => ((RootEntryCount * 32L) + BytesPerSector - 1) / BytesPerSector;

    /// <summary>The first sector of the fixed root directory (FAT12/16).</summary>
    public long FirstRootDirectorySector => ReservedSectors + (NumberOfFats * SectorsPerFat);

    /// <summary>The first sector of the data region (cluster 2).</summary>
    public long FirstDataSector => FirstRootDirectorySector + RootDirectorySectors;

    /// <summary>The number of data clusters, which decides the FAT type.</summary>
    public long ClusterCount => SectorsPerCluster == 0 ? 0 : Math.Max(0, TotalSectors - FirstDataSector) / SectorsPerCluster;

    /// <summary>The FAT type the cluster count gives.</summary>
    public FatType Type => TypeFor(ClusterCount);

    /// <summary>Bytes per cluster.</summary>
    public int BytesPerCluster => BytesPerSector * SectorsPerCluster;

    /// <summary>The first sector of cluster <paramref name="cluster"/> (2 or more).</summary>
    public long FirstSectorOfCluster(long cluster) => FirstDataSector + ((cluster - 2) * SectorsPerCluster);

    /// <summary>The FAT type for a number of data clusters (fatgen103, "FAT Type Determination").</summary>
    public static FatType TypeFor(long clusterCount) => clusterCount switch
    {
        < FatLimits.MinFat16Clusters => FatType.Fat12,
        < FatLimits.MinFat32Clusters => FatType.Fat16,
        _ => FatType.Fat32,
    };

    /// <summary>Writes the sector: this BPB, a boot stub and the 0x55AA signature.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Math.Max(Size, BytesPerSector)];
        var s = bytes.AsSpan();
        var fat32 = Type == FatType.Fat32;
        var ext = fat32 ? Fat32ExtendedOffset : Fat16ExtendedOffset;
        var code = ext + BootCodeRelative;

        // A short jump over the BPB to the boot code, then NOP.
        s[JumpOffset] = 0xEB;
        s[JumpOffset + 1] = (byte)(code - 2);
        s[JumpOffset + 2] = 0x90;
        WriteText(s.Slice(OemNameOffset, 8), OemName, nameof(OemName));
        BinaryPrimitives.WriteUInt16LittleEndian(s[BytesPerSectorOffset..], checked((ushort)BytesPerSector));
        s[SectorsPerClusterOffset] = checked((byte)SectorsPerCluster);
        BinaryPrimitives.WriteUInt16LittleEndian(s[ReservedSectorsOffset..], checked((ushort)ReservedSectors));
        s[NumberOfFatsOffset] = checked((byte)NumberOfFats);
        BinaryPrimitives.WriteUInt16LittleEndian(s[RootEntryCountOffset..], checked((ushort)RootEntryCount));
        var small = TotalSectors < 0x10000 && !fat32;
        BinaryPrimitives.WriteUInt16LittleEndian(s[TotalSectors16Offset..], small ? (ushort)TotalSectors : (ushort)0);
        s[MediaOffset] = Media;
        BinaryPrimitives.WriteUInt16LittleEndian(s[SectorsPerFat16Offset..], fat32 ? (ushort)0 : checked((ushort)SectorsPerFat));
        BinaryPrimitives.WriteUInt16LittleEndian(s[SectorsPerTrackOffset..], checked((ushort)SectorsPerTrack));
        BinaryPrimitives.WriteUInt16LittleEndian(s[HeadsOffset..], checked((ushort)Heads));
        BinaryPrimitives.WriteUInt32LittleEndian(s[HiddenSectorsOffset..], HiddenSectors);
        BinaryPrimitives.WriteUInt32LittleEndian(s[TotalSectors32Offset..], small ? 0 : checked((uint)TotalSectors));
        if (fat32)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(s[SectorsPerFat32Offset..], checked((uint)SectorsPerFat));
            BinaryPrimitives.WriteUInt16LittleEndian(s[ExtendedFlagsOffset..], checked((ushort)ExtendedFlags));
            BinaryPrimitives.WriteUInt16LittleEndian(s[FsVersionOffset..], checked((ushort)FsVersion));
            BinaryPrimitives.WriteUInt32LittleEndian(s[RootClusterOffset..], RootCluster);
            BinaryPrimitives.WriteUInt16LittleEndian(s[FsInfoSectorOffset..], checked((ushort)FsInfoSector));
            BinaryPrimitives.WriteUInt16LittleEndian(s[BackupBootSectorOffset..], checked((ushort)BackupBootSector));
        }

        s[ext + DriveNumberRelative] = DriveNumber;
        s[ext + BootSignatureRelative] = ExtendedBootSignature;
        BinaryPrimitives.WriteUInt32LittleEndian(s[(ext + VolumeIdRelative)..], VolumeId);
        WriteText(s.Slice(ext + VolumeLabelRelative, 11), VolumeLabel, nameof(VolumeLabel));
        WriteText(s.Slice(ext + FileSystemTypeRelative, 8), FileSystemTypeName, nameof(FileSystemTypeName));

        // Boot stub: int 18h (BIOS: boot from the next device), then loop forever.
        s[code] = 0xCD;
        s[code + 1] = 0x18;
        s[code + 2] = 0xEB;
        s[code + 3] = 0xFE;
        s[SignatureOffset] = 0x55;
        s[SignatureOffset + 1] = 0xAA;
        return bytes;
    }

    /// <summary>
    /// Reads and checks a boot sector. <paramref name="position"/> is where the sector lies in its image, for
    /// error messages. Throws <see cref="InvalidDataException"/> naming the field, its offset and the value found.
    /// </summary>
    public static FatBootSector Parse(ReadOnlySpan<byte> sector, long position = 0)
    {
        if (sector.Length < Size)
        {
            throw new InvalidDataException($"expected a {Size}-byte FAT boot sector at offset {position}, found {sector.Length} bytes");
        }

        if (sector[SignatureOffset] != 0x55 || sector[SignatureOffset + 1] != 0xAA)
        {
            throw new InvalidDataException(
                $"expected the boot sector signature 55 AA at offset {position + SignatureOffset}, found {sector[SignatureOffset]:X2} {sector[SignatureOffset + 1]:X2} (not a FAT volume?)");
        }

        var bytesPerSector = BinaryPrimitives.ReadUInt16LittleEndian(sector[BytesPerSectorOffset..]);
        Require(bytesPerSector is >= 512 and <= 4096 && (bytesPerSector & (bytesPerSector - 1)) == 0, position + BytesPerSectorOffset,
            "bytes per sector 512, 1024, 2048 or 4096", bytesPerSector);
        var sectorsPerCluster = sector[SectorsPerClusterOffset];
        Require(sectorsPerCluster != 0 && (sectorsPerCluster & (sectorsPerCluster - 1)) == 0, position + SectorsPerClusterOffset,
            "sectors per cluster a power of two", sectorsPerCluster);
        var reserved = BinaryPrimitives.ReadUInt16LittleEndian(sector[ReservedSectorsOffset..]);
        Require(reserved != 0, position + ReservedSectorsOffset, "at least 1 reserved sector", reserved);
        var fats = sector[NumberOfFatsOffset];
        Require(fats != 0, position + NumberOfFatsOffset, "at least 1 FAT", fats);
        var total16 = BinaryPrimitives.ReadUInt16LittleEndian(sector[TotalSectors16Offset..]);
        var total32 = BinaryPrimitives.ReadUInt32LittleEndian(sector[TotalSectors32Offset..]);
        var total = total16 != 0 ? total16 : (long)total32;
        Require(total != 0, position + TotalSectors32Offset, "a nonzero total sector count", 0);
        var fat16Size = BinaryPrimitives.ReadUInt16LittleEndian(sector[SectorsPerFat16Offset..]);
        var fat32Layout = fat16Size == 0;
        long sectorsPerFat = fat32Layout ? BinaryPrimitives.ReadUInt32LittleEndian(sector[SectorsPerFat32Offset..]) : fat16Size;
        Require(sectorsPerFat != 0, position + SectorsPerFat32Offset, "a nonzero FAT size", 0);
        var ext = fat32Layout ? Fat32ExtendedOffset : Fat16ExtendedOffset;
        var hasExtendedRecord = sector[ext + BootSignatureRelative] is ExtendedBootSignature or 0x28;

        var result = new FatBootSector
        {
            OemName = ReadText(sector.Slice(OemNameOffset, 8)),
            BytesPerSector = bytesPerSector,
            SectorsPerCluster = sectorsPerCluster,
            ReservedSectors = reserved,
            NumberOfFats = fats,
            RootEntryCount = BinaryPrimitives.ReadUInt16LittleEndian(sector[RootEntryCountOffset..]),
            TotalSectors = total,
            Media = sector[MediaOffset],
            SectorsPerFat = sectorsPerFat,
            SectorsPerTrack = BinaryPrimitives.ReadUInt16LittleEndian(sector[SectorsPerTrackOffset..]),
            Heads = BinaryPrimitives.ReadUInt16LittleEndian(sector[HeadsOffset..]),
            HiddenSectors = BinaryPrimitives.ReadUInt32LittleEndian(sector[HiddenSectorsOffset..]),
            DriveNumber = sector[ext + DriveNumberRelative],
            VolumeId = hasExtendedRecord ? BinaryPrimitives.ReadUInt32LittleEndian(sector[(ext + VolumeIdRelative)..]) : 0,
            VolumeLabel = hasExtendedRecord ? ReadText(sector.Slice(ext + VolumeLabelRelative, 11)) : "NO NAME",
            FileSystemTypeName = hasExtendedRecord ? ReadText(sector.Slice(ext + FileSystemTypeRelative, 8)) : "",
            ExtendedFlags = fat32Layout ? BinaryPrimitives.ReadUInt16LittleEndian(sector[ExtendedFlagsOffset..]) : 0,
            FsVersion = fat32Layout ? BinaryPrimitives.ReadUInt16LittleEndian(sector[FsVersionOffset..]) : 0,
            RootCluster = fat32Layout ? BinaryPrimitives.ReadUInt32LittleEndian(sector[RootClusterOffset..]) : 0,
            FsInfoSector = fat32Layout ? BinaryPrimitives.ReadUInt16LittleEndian(sector[FsInfoSectorOffset..]) : 0,
            BackupBootSector = fat32Layout ? BinaryPrimitives.ReadUInt16LittleEndian(sector[BackupBootSectorOffset..]) : 0,
        };

        Require(result.FirstDataSector < total, position + TotalSectors32Offset,
            $"more than {result.FirstDataSector} sectors (the reserved sectors, FATs and root directory)", total);
        if (result.Type == FatType.Fat32)
        {
            Require(fat32Layout, position + SectorsPerFat16Offset, "a zero 16-bit FAT size on a FAT32 volume", fat16Size);
            Require(result.RootEntryCount == 0, position + RootEntryCountOffset, "0 root entries on a FAT32 volume", result.RootEntryCount);
            Require(result.RootCluster >= 2 && result.RootCluster < result.ClusterCount + 2, position + RootClusterOffset,
                $"a root cluster from 2 to {result.ClusterCount + 1}", result.RootCluster);
            Require(result.FsVersion == 0, position + FsVersionOffset, "FAT32 version 0.0", result.FsVersion);
        }
        else
        {
            Require(!fat32Layout, position + SectorsPerFat16Offset,
                $"a nonzero 16-bit FAT size: {result.ClusterCount} clusters make a {result.Type} volume", 0);
            Require(result.RootEntryCount != 0, position + RootEntryCountOffset, "a nonzero root entry count on FAT12/16", 0);
        }

        var entryBits = result.Type switch { FatType.Fat12 => 12, FatType.Fat16 => 16, _ => 32 };
        var neededFatBytes = ((result.ClusterCount + 2) * entryBits + 7) / 8;
        Require(sectorsPerFat * bytesPerSector >= neededFatBytes, position + (fat32Layout ? SectorsPerFat32Offset : SectorsPerFat16Offset),
            $"a FAT of at least {(neededFatBytes + bytesPerSector - 1) / bytesPerSector} sectors for {result.ClusterCount} clusters", sectorsPerFat);
        return result;
    }

    private static void Require(bool condition, long offset, string expected, long found)
    {
        if (!condition)
        {
            throw new InvalidDataException($"expected {expected} at offset {offset}, found {found}");
        }
    }

    private static string ReadText(ReadOnlySpan<byte> field) => Encoding.Latin1.GetString(field).TrimEnd(' ', '\0');

    private static void WriteText(Span<byte> field, string text, string name)
    {
        if (text.Length > field.Length || text.Any(c => c is < ' ' or > '~'))
        {
            throw new ArgumentException($"{name} '{text}' must be at most {field.Length} printable ASCII characters.", name);
        }

        field.Fill((byte)' ');
        Encoding.ASCII.GetBytes(text, field);
    }
}
