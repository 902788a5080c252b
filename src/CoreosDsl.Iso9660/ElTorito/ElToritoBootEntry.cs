using System.Buffers.Binary;

namespace CoreosDsl.Iso9660;

/// <summary>
/// A bootable image listed in the El Torito boot catalog: the initial/default entry (El Torito 2.2) or a section
/// entry (2.4), which share one 32-byte layout. <see cref="SectorCount"/> counts 512-byte virtual sectors.
/// </summary>
public sealed class ElToritoBootEntry
{
    internal const int BootIndicatorOffset = 0;
    internal const int MediaTypeOffset = 1;
    internal const int LoadSegmentOffset = 2;
    internal const int SystemTypeOffset = 4;
    internal const int SectorCountOffset = 6;
    internal const int LoadLbaOffset = 8;
    internal const int SelectionCriteriaOffset = 12;
    internal const byte Bootable = 0x88;
    internal const byte NotBootable = 0x00;

    /// <summary>Media type bit 5: an extension entry follows this section entry.</summary>
    internal const byte ContinuationFlag = 0x20;

    internal ElToritoBootEntry(ElToritoPlatform platform, bool isBootable, ElToritoEmulation emulation, ushort loadSegment,
        byte systemType, ushort sectorCount, uint lba)
    {
        Platform = platform;
        IsBootable = isBootable;
        Emulation = emulation;
        LoadSegment = loadSegment;
        SystemType = systemType;
        SectorCount = sectorCount;
        Lba = lba;
    }

    /// <summary>The platform: from the validation entry for the default entry, from the section header otherwise.</summary>
    public ElToritoPlatform Platform { get; }

    /// <summary>True when the entry is marked bootable (0x88).</summary>
    public bool IsBootable { get; }

    /// <summary>What the firmware emulates for the image.</summary>
    public ElToritoEmulation Emulation { get; }

    /// <summary>The real-mode segment to load the image at (0 means the traditional 0x7C0).</summary>
    public ushort LoadSegment { get; }

    /// <summary>The partition type byte (hard disk emulation), 0 otherwise.</summary>
    public byte SystemType { get; }

    /// <summary>How many 512-byte virtual sectors the firmware loads (4 for isolinux.bin).</summary>
    public ushort SectorCount { get; }

    /// <summary>The first 2048-byte sector of the boot image.</summary>
    public uint Lba { get; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Platform} {(IsBootable ? "bootable" : "not bootable")} {Emulation} segment 0x{LoadSegment:X4} sectors {SectorCount} LBA {Lba}";

    /// <summary>The entry as 32 bytes.</summary>
    internal byte[] ToBytes()
    {
        var bytes = new byte[ValidationEntry.Length];
        bytes[BootIndicatorOffset] = IsBootable ? Bootable : NotBootable;
        bytes[MediaTypeOffset] = (byte)Emulation;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(LoadSegmentOffset), LoadSegment);
        bytes[SystemTypeOffset] = SystemType;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(SectorCountOffset), SectorCount);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(LoadLbaOffset), Lba);
        return bytes;
    }

    /// <summary>Parses an initial/default or section entry at <paramref name="fileOffset"/> for <paramref name="platform"/>.</summary>
    internal static ElToritoBootEntry Parse(ReadOnlySpan<byte> entry, ElToritoPlatform platform, long fileOffset)
    {
        var indicator = entry[BootIndicatorOffset];
        if (indicator is not (Bootable or NotBootable))
        {
            throw new InvalidDataException($"Expected a boot indicator 0x88 or 0x00 at offset {fileOffset}, found 0x{indicator:X2}.");
        }

        var media = entry[MediaTypeOffset] & 0x0F;
        if (media > (int)ElToritoEmulation.HardDisk)
        {
            throw new InvalidDataException($"Expected a boot media type 0 to 4 at offset {fileOffset + MediaTypeOffset}, found {media}.");
        }

        return new ElToritoBootEntry(platform, indicator == Bootable, (ElToritoEmulation)media,
            BinaryPrimitives.ReadUInt16LittleEndian(entry[LoadSegmentOffset..]), entry[SystemTypeOffset],
            BinaryPrimitives.ReadUInt16LittleEndian(entry[SectorCountOffset..]), BinaryPrimitives.ReadUInt32LittleEndian(entry[LoadLbaOffset..]));
    }
}
