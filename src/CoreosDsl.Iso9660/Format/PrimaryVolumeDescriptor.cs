using System.Buffers.Binary;

namespace CoreosDsl.Iso9660;

/// <summary>
/// The primary volume descriptor (ECMA-119 8.4) and, with the same layout, a supplementary volume descriptor
/// (8.5) such as Joliet's, whose escape sequences select UCS-2 and whose text fields are UCS-2 big-endian.
/// </summary>
internal sealed class PrimaryVolumeDescriptor
{
    /// <summary>Offset of the volume flags (supplementary only).</summary>
    public const int VolumeFlagsOffset = 7;

    /// <summary>Offset of the 32-byte system identifier.</summary>
    public const int SystemIdentifierOffset = 8;

    /// <summary>Offset of the 32-byte volume identifier.</summary>
    public const int VolumeIdentifierOffset = 40;

    /// <summary>Offset of the both-endian volume space size in sectors.</summary>
    public const int VolumeSpaceSizeOffset = 80;

    /// <summary>Offset of the 32-byte escape sequences (supplementary only).</summary>
    public const int EscapeSequencesOffset = 88;

    /// <summary>Offset of the both-endian volume set size.</summary>
    public const int VolumeSetSizeOffset = 120;

    /// <summary>Offset of the both-endian volume sequence number.</summary>
    public const int VolumeSequenceNumberOffset = 124;

    /// <summary>Offset of the both-endian logical block size.</summary>
    public const int LogicalBlockSizeOffset = 128;

    /// <summary>Offset of the both-endian path table size in bytes.</summary>
    public const int PathTableSizeOffset = 132;

    /// <summary>Offset of the little-endian location of the type L path table.</summary>
    public const int TypeLPathTableOffset = 140;

    /// <summary>Offset of the little-endian location of the optional type L path table.</summary>
    public const int OptionalTypeLPathTableOffset = 144;

    /// <summary>Offset of the big-endian location of the type M path table.</summary>
    public const int TypeMPathTableOffset = 148;

    /// <summary>Offset of the big-endian location of the optional type M path table.</summary>
    public const int OptionalTypeMPathTableOffset = 152;

    /// <summary>Offset of the 34-byte root directory record.</summary>
    public const int RootDirectoryRecordOffset = 156;

    /// <summary>Length of the root directory record.</summary>
    public const int RootDirectoryRecordLength = 34;

    /// <summary>Offset of the 128-byte volume set identifier.</summary>
    public const int VolumeSetIdentifierOffset = 190;

    /// <summary>Offset of the 128-byte publisher identifier.</summary>
    public const int PublisherIdentifierOffset = 318;

    /// <summary>Offset of the 128-byte data preparer identifier.</summary>
    public const int DataPreparerIdentifierOffset = 446;

    /// <summary>Offset of the 128-byte application identifier.</summary>
    public const int ApplicationIdentifierOffset = 574;

    /// <summary>Offset of the 37-byte copyright file identifier.</summary>
    public const int CopyrightFileIdentifierOffset = 702;

    /// <summary>Offset of the 37-byte abstract file identifier.</summary>
    public const int AbstractFileIdentifierOffset = 739;

    /// <summary>Offset of the 37-byte bibliographic file identifier.</summary>
    public const int BibliographicFileIdentifierOffset = 776;

    /// <summary>Offset of the volume creation date and time.</summary>
    public const int CreationTimeOffset = 813;

    /// <summary>Offset of the volume modification date and time.</summary>
    public const int ModificationTimeOffset = 830;

    /// <summary>Offset of the volume expiration date and time.</summary>
    public const int ExpirationTimeOffset = 847;

    /// <summary>Offset of the volume effective date and time.</summary>
    public const int EffectiveTimeOffset = 864;

    /// <summary>Offset of the file structure version (1).</summary>
    public const int FileStructureVersionOffset = 881;

    /// <summary>The Joliet escape sequences for UCS-2 levels 1, 2 and 3 ("%/@", "%/C", "%/E").</summary>
    public static readonly byte[][] JolietEscapes = ["%/@"u8.ToArray(), "%/C"u8.ToArray(), "%/E"u8.ToArray()];

    private const int IdentifierLength = 128;
    private const int FileIdentifierLength = 37;

    /// <summary>Primary or supplementary.</summary>
    public VolumeDescriptorType Type { get; init; } = VolumeDescriptorType.Primary;

    /// <summary>Volume flags (supplementary only; 0).</summary>
    public byte VolumeFlags { get; init; }

    /// <summary>The system identifier.</summary>
    public string SystemIdentifier { get; init; } = "";

    /// <summary>The volume identifier (the label: <c>COREOS</c>, <c>config-2</c>).</summary>
    public string VolumeIdentifier { get; init; } = "";

    /// <summary>The image size in sectors.</summary>
    public uint VolumeSpaceSize { get; init; }

    /// <summary>The escape sequences, 32 bytes (Joliet: "%/E" then zeros).</summary>
    public byte[] EscapeSequences { get; init; } = new byte[32];

    /// <summary>Volume set size (1).</summary>
    public ushort VolumeSetSize { get; init; } = 1;

    /// <summary>Volume sequence number (1).</summary>
    public ushort VolumeSequenceNumber { get; init; } = 1;

    /// <summary>Logical block size (2048).</summary>
    public ushort LogicalBlockSize { get; init; } = Sector.Size;

    /// <summary>Path table size in bytes.</summary>
    public uint PathTableSize { get; init; }

    /// <summary>Sector of the little-endian path table.</summary>
    public uint TypeLPathTableLba { get; init; }

    /// <summary>Sector of the optional little-endian path table (0: none).</summary>
    public uint OptionalTypeLPathTableLba { get; init; }

    /// <summary>Sector of the big-endian path table.</summary>
    public uint TypeMPathTableLba { get; init; }

    /// <summary>Sector of the optional big-endian path table (0: none).</summary>
    public uint OptionalTypeMPathTableLba { get; init; }

    /// <summary>The root directory record.</summary>
    public DirectoryRecord RootDirectory { get; init; } = new();

    /// <summary>The volume set identifier.</summary>
    public string VolumeSetIdentifier { get; init; } = "";

    /// <summary>The publisher identifier.</summary>
    public string PublisherIdentifier { get; init; } = "";

    /// <summary>The data preparer identifier.</summary>
    public string DataPreparerIdentifier { get; init; } = "";

    /// <summary>The application identifier.</summary>
    public string ApplicationIdentifier { get; init; } = "";

    /// <summary>The copyright file identifier.</summary>
    public string CopyrightFileIdentifier { get; init; } = "";

    /// <summary>The abstract file identifier.</summary>
    public string AbstractFileIdentifier { get; init; } = "";

    /// <summary>The bibliographic file identifier.</summary>
    public string BibliographicFileIdentifier { get; init; } = "";

    /// <summary>When the volume was created.</summary>
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary>When the volume was last modified.</summary>
    public DateTimeOffset? ModificationTime { get; init; }

    /// <summary>When the volume expires (<c>null</c>: never).</summary>
    public DateTimeOffset? ExpirationTime { get; init; }

    /// <summary>When the volume becomes effective (<c>null</c>: immediately).</summary>
    public DateTimeOffset? EffectiveTime { get; init; }

    /// <summary>File structure version (1).</summary>
    public byte FileStructureVersion { get; init; } = 1;

    /// <summary>True for a supplementary descriptor whose escape sequences select Joliet's UCS-2.</summary>
    public bool IsJoliet => Type == VolumeDescriptorType.Supplementary && IsJolietEscape(EscapeSequences);

    /// <summary>The descriptor as a 2048-byte sector.</summary>
    public byte[] ToBytes()
    {
        var sector = new byte[Sector.Size];
        VolumeDescriptorHeader.Write(sector, Type);
        sector[VolumeFlagsOffset] = VolumeFlags;
        WriteText(sector.AsSpan(SystemIdentifierOffset, 32), SystemIdentifier);
        WriteText(sector.AsSpan(VolumeIdentifierOffset, 32), VolumeIdentifier);
        BothEndian.WriteUInt32(sector.AsSpan(VolumeSpaceSizeOffset), VolumeSpaceSize);
        EscapeSequences.AsSpan(0, Math.Min(32, EscapeSequences.Length)).CopyTo(sector.AsSpan(EscapeSequencesOffset));
        BothEndian.WriteUInt16(sector.AsSpan(VolumeSetSizeOffset), VolumeSetSize);
        BothEndian.WriteUInt16(sector.AsSpan(VolumeSequenceNumberOffset), VolumeSequenceNumber);
        BothEndian.WriteUInt16(sector.AsSpan(LogicalBlockSizeOffset), LogicalBlockSize);
        BothEndian.WriteUInt32(sector.AsSpan(PathTableSizeOffset), PathTableSize);
        BinaryPrimitives.WriteUInt32LittleEndian(sector.AsSpan(TypeLPathTableOffset), TypeLPathTableLba);
        BinaryPrimitives.WriteUInt32LittleEndian(sector.AsSpan(OptionalTypeLPathTableOffset), OptionalTypeLPathTableLba);
        BinaryPrimitives.WriteUInt32BigEndian(sector.AsSpan(TypeMPathTableOffset), TypeMPathTableLba);
        BinaryPrimitives.WriteUInt32BigEndian(sector.AsSpan(OptionalTypeMPathTableOffset), OptionalTypeMPathTableLba);
        if (RootDirectory.Length != RootDirectoryRecordLength)
        {
            throw new InvalidOperationException($"The root directory record must be {RootDirectoryRecordLength} bytes, not {RootDirectory.Length}.");
        }

        RootDirectory.WriteTo(sector.AsSpan(RootDirectoryRecordOffset));
        WriteText(sector.AsSpan(VolumeSetIdentifierOffset, IdentifierLength), VolumeSetIdentifier);
        WriteText(sector.AsSpan(PublisherIdentifierOffset, IdentifierLength), PublisherIdentifier);
        WriteText(sector.AsSpan(DataPreparerIdentifierOffset, IdentifierLength), DataPreparerIdentifier);
        WriteText(sector.AsSpan(ApplicationIdentifierOffset, IdentifierLength), ApplicationIdentifier);
        WriteText(sector.AsSpan(CopyrightFileIdentifierOffset, FileIdentifierLength), CopyrightFileIdentifier);
        WriteText(sector.AsSpan(AbstractFileIdentifierOffset, FileIdentifierLength), AbstractFileIdentifier);
        WriteText(sector.AsSpan(BibliographicFileIdentifierOffset, FileIdentifierLength), BibliographicFileIdentifier);
        VolumeDateTime.Write(sector.AsSpan(CreationTimeOffset), CreationTime);
        VolumeDateTime.Write(sector.AsSpan(ModificationTimeOffset), ModificationTime);
        VolumeDateTime.Write(sector.AsSpan(ExpirationTimeOffset), ExpirationTime);
        VolumeDateTime.Write(sector.AsSpan(EffectiveTimeOffset), EffectiveTime);
        sector[FileStructureVersionOffset] = FileStructureVersion;
        return sector;
    }

    /// <summary>Parses a primary or supplementary descriptor from the sector at <paramref name="fileOffset"/>.</summary>
    public static PrimaryVolumeDescriptor Parse(ReadOnlySpan<byte> sector, long fileOffset)
    {
        if (sector.Length < Sector.Size)
        {
            throw new InvalidDataException($"Expected a 2048-byte volume descriptor at offset {fileOffset}, found {sector.Length} bytes.");
        }

        var type = VolumeDescriptorHeader.ReadType(sector, fileOffset);
        if (type is not (VolumeDescriptorType.Primary or VolumeDescriptorType.Supplementary))
        {
            throw new InvalidDataException($"Expected a primary or supplementary volume descriptor at offset {fileOffset}, found type {(byte)type}.");
        }

        var escapes = sector.Slice(EscapeSequencesOffset, 32).ToArray();
        var ucs2 = type == VolumeDescriptorType.Supplementary && IsJolietEscape(escapes);
        var bytes = sector[..Sector.Size].ToArray();
        string Text(int offset, int length) => ucs2 ? TextField.ReadUcs2(bytes.AsSpan(offset, length)) : TextField.ReadAscii(bytes.AsSpan(offset, length));

        return new PrimaryVolumeDescriptor
        {
            Type = type,
            VolumeFlags = sector[VolumeFlagsOffset],
            SystemIdentifier = Text(SystemIdentifierOffset, 32),
            VolumeIdentifier = Text(VolumeIdentifierOffset, 32),
            VolumeSpaceSize = BothEndian.ReadUInt32(sector[VolumeSpaceSizeOffset..]),
            EscapeSequences = escapes,
            VolumeSetSize = BothEndian.ReadUInt16(sector[VolumeSetSizeOffset..]),
            VolumeSequenceNumber = BothEndian.ReadUInt16(sector[VolumeSequenceNumberOffset..]),
            LogicalBlockSize = BothEndian.ReadUInt16(sector[LogicalBlockSizeOffset..]),
            PathTableSize = BothEndian.ReadUInt32(sector[PathTableSizeOffset..]),
            TypeLPathTableLba = BinaryPrimitives.ReadUInt32LittleEndian(sector[TypeLPathTableOffset..]),
            OptionalTypeLPathTableLba = BinaryPrimitives.ReadUInt32LittleEndian(sector[OptionalTypeLPathTableOffset..]),
            TypeMPathTableLba = BinaryPrimitives.ReadUInt32BigEndian(sector[TypeMPathTableOffset..]),
            OptionalTypeMPathTableLba = BinaryPrimitives.ReadUInt32BigEndian(sector[OptionalTypeMPathTableOffset..]),
            RootDirectory = DirectoryRecord.Parse(sector.Slice(RootDirectoryRecordOffset, RootDirectoryRecordLength), fileOffset + RootDirectoryRecordOffset),
            VolumeSetIdentifier = Text(VolumeSetIdentifierOffset, IdentifierLength),
            PublisherIdentifier = Text(PublisherIdentifierOffset, IdentifierLength),
            DataPreparerIdentifier = Text(DataPreparerIdentifierOffset, IdentifierLength),
            ApplicationIdentifier = Text(ApplicationIdentifierOffset, IdentifierLength),
            CopyrightFileIdentifier = Text(CopyrightFileIdentifierOffset, FileIdentifierLength),
            AbstractFileIdentifier = Text(AbstractFileIdentifierOffset, FileIdentifierLength),
            BibliographicFileIdentifier = Text(BibliographicFileIdentifierOffset, FileIdentifierLength),
            CreationTime = VolumeDateTime.Read(sector.Slice(CreationTimeOffset, VolumeDateTime.Length)),
            ModificationTime = VolumeDateTime.Read(sector.Slice(ModificationTimeOffset, VolumeDateTime.Length)),
            ExpirationTime = VolumeDateTime.Read(sector.Slice(ExpirationTimeOffset, VolumeDateTime.Length)),
            EffectiveTime = VolumeDateTime.Read(sector.Slice(EffectiveTimeOffset, VolumeDateTime.Length)),
            FileStructureVersion = sector[FileStructureVersionOffset],
        };
    }

    private void WriteText(Span<byte> field, string text)
    {
        if (Type == VolumeDescriptorType.Supplementary && IsJolietEscape(EscapeSequences))
        {
            TextField.WriteUcs2(field, text);
        }
        else
        {
            TextField.WriteAscii(field, text);
        }
    }

    private static bool IsJolietEscape(ReadOnlySpan<byte> escapes)
    {
        foreach (var escape in JolietEscapes)
        {
            if (escapes.Length >= 3 && escapes[..3].SequenceEqual(escape))
            {
                return true;
            }
        }

        return false;
    }
}
