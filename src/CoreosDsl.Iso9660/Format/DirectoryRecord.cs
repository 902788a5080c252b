namespace CoreosDsl.Iso9660;

/// <summary>
/// A directory record (ECMA-119 9.1): one entry of a directory extent, also embedded (34 bytes) in volume
/// descriptors as the root directory. Identifier 0x00 is the directory itself ("."), 0x01 its parent ("..").
/// The system use area after the identifier holds SUSP / Rock Ridge entries.
/// </summary>
internal sealed class DirectoryRecord
{
    /// <summary>Offset of the record length byte.</summary>
    public const int LengthOffset = 0;

    /// <summary>Offset of the extended attribute record length.</summary>
    public const int ExtendedAttributeLengthOffset = 1;

    /// <summary>Offset of the both-endian extent location (LBA).</summary>
    public const int ExtentOffset = 2;

    /// <summary>Offset of the both-endian data length.</summary>
    public const int DataLengthOffset = 10;

    /// <summary>Offset of the 7-byte recording date and time.</summary>
    public const int RecordingTimeOffset = 18;

    /// <summary>Offset of the file flags.</summary>
    public const int FlagsOffset = 25;

    /// <summary>Offset of the file unit size (interleaving).</summary>
    public const int FileUnitSizeOffset = 26;

    /// <summary>Offset of the interleave gap size.</summary>
    public const int InterleaveGapOffset = 27;

    /// <summary>Offset of the both-endian volume sequence number.</summary>
    public const int VolumeSequenceNumberOffset = 28;

    /// <summary>Offset of the identifier length.</summary>
    public const int IdentifierLengthOffset = 32;

    /// <summary>Offset of the identifier.</summary>
    public const int IdentifierOffset = 33;

    /// <summary>The fixed part's length: a record is at least this plus a one-byte identifier.</summary>
    public const int FixedLength = 33;

    /// <summary>Records are at most 255 bytes: the length is one byte.</summary>
    public const int MaxLength = 255;

    /// <summary>The identifier of a directory's own record.</summary>
    public static ReadOnlySpan<byte> SelfIdentifier => [0];

    /// <summary>The identifier of a directory's record for its parent.</summary>
    public static ReadOnlySpan<byte> ParentIdentifier => [1];

    /// <summary>Length of the extended attribute record recorded before the data (always 0 here).</summary>
    public byte ExtendedAttributeLength { get; init; }

    /// <summary>The first sector of the extent.</summary>
    public uint ExtentLba { get; init; }

    /// <summary>The extent's length in bytes.</summary>
    public uint DataLength { get; init; }

    /// <summary>The recording time; <c>null</c> when the field is zero or malformed.</summary>
    public DateTimeOffset? RecordingTime { get; init; }

    /// <summary>The file flags.</summary>
    public FileFlags Flags { get; init; }

    /// <summary>Interleaved file unit size (0: not interleaved).</summary>
    public byte FileUnitSize { get; init; }

    /// <summary>Interleave gap size (0: not interleaved).</summary>
    public byte InterleaveGap { get; init; }

    /// <summary>The volume in the volume set holding the extent (1).</summary>
    public ushort VolumeSequenceNumber { get; init; } = 1;

    /// <summary>The raw identifier: d-characters with ";1" in the primary tree, UCS-2 big-endian in the Joliet tree.</summary>
    public byte[] Identifier { get; init; } = [0];

    /// <summary>The system use area (SUSP entries), padding excluded.</summary>
    public byte[] SystemUse { get; init; } = [];

    /// <summary>True for the "." and ".." records.</summary>
    public bool IsSelfOrParent => Identifier is [0] or [1];

    /// <summary>True when the record describes a directory.</summary>
    public bool IsDirectory => (Flags & FileFlags.Directory) != 0;

    /// <summary>Offset of the system use area within the record (after the identifier and its pad byte).</summary>
    public int SystemUseOffset => SystemUseOffsetFor(Identifier.Length);

    /// <summary>The record's length in bytes (even).</summary>
    public int Length => LengthFor(Identifier.Length, SystemUse.Length);

    /// <summary>Offset of the system use area for an identifier of <paramref name="identifierLength"/> bytes.</summary>
    public static int SystemUseOffsetFor(int identifierLength) => FixedLength + identifierLength + (identifierLength % 2 == 0 ? 1 : 0);

    /// <summary>The length of a record with the given identifier and system use lengths (padded to even).</summary>
    public static int LengthFor(int identifierLength, int systemUseLength)
    {
        var length = SystemUseOffsetFor(identifierLength) + systemUseLength;
        return length + (length % 2);
    }

    /// <summary>Writes the record at the start of <paramref name="destination"/> and returns its length.</summary>
    public int WriteTo(Span<byte> destination)
    {
        var length = Length;
        if (length > MaxLength)
        {
            throw new InvalidOperationException($"A directory record is {length} bytes; the format allows {MaxLength}.");
        }

        var record = destination[..length];
        record.Clear();
        record[LengthOffset] = (byte)length;
        record[ExtendedAttributeLengthOffset] = ExtendedAttributeLength;
        BothEndian.WriteUInt32(record[ExtentOffset..], ExtentLba);
        BothEndian.WriteUInt32(record[DataLengthOffset..], DataLength);
        if (RecordingTime is { } time)
        {
            RecordingDateTime.Write(record[RecordingTimeOffset..], time);
        }

        record[FlagsOffset] = (byte)Flags;
        record[FileUnitSizeOffset] = FileUnitSize;
        record[InterleaveGapOffset] = InterleaveGap;
        BothEndian.WriteUInt16(record[VolumeSequenceNumberOffset..], VolumeSequenceNumber);
        record[IdentifierLengthOffset] = (byte)Identifier.Length;
        Identifier.CopyTo(record[IdentifierOffset..]);
        SystemUse.CopyTo(record[SystemUseOffset..]);
        return length;
    }

    /// <summary>The record as bytes.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>
    /// Parses the record at the start of <paramref name="source"/> (which may extend past it). The record's own length
    /// byte must fit in <paramref name="source"/>; <paramref name="fileOffset"/> is where it is in the image, for errors.
    /// </summary>
    public static DirectoryRecord Parse(ReadOnlySpan<byte> source, long fileOffset)
    {
        if (source.Length < FixedLength + 1)
        {
            throw new InvalidDataException(
                $"Expected a directory record of at least {FixedLength + 1} bytes at offset {fileOffset}, found only {source.Length} bytes.");
        }

        int length = source[LengthOffset];
        if (length < FixedLength + 1)
        {
            throw new InvalidDataException(
                $"Expected a directory record length of at least {FixedLength + 1} at offset {fileOffset}, found {length}.");
        }

        if (length > source.Length)
        {
            throw new InvalidDataException(
                $"The directory record at offset {fileOffset} is {length} bytes long but only {source.Length} bytes remain in its sector or extent.");
        }

        int identifierLength = source[IdentifierLengthOffset];
        if (identifierLength == 0 || FixedLength + identifierLength > length)
        {
            throw new InvalidDataException(
                $"The directory record at offset {fileOffset} declares a {identifierLength}-byte identifier, which does not fit " +
                $"its {length}-byte record (expected 1 to {length - FixedLength}).");
        }

        var record = source[..length];
        var systemUseOffset = Math.Min(SystemUseOffsetFor(identifierLength), length);
        return new DirectoryRecord
        {
            ExtendedAttributeLength = record[ExtendedAttributeLengthOffset],
            ExtentLba = BothEndian.ReadUInt32(record[ExtentOffset..]),
            DataLength = BothEndian.ReadUInt32(record[DataLengthOffset..]),
            RecordingTime = RecordingDateTime.Read(record.Slice(RecordingTimeOffset, RecordingDateTime.Length)),
            Flags = (FileFlags)record[FlagsOffset],
            FileUnitSize = record[FileUnitSizeOffset],
            InterleaveGap = record[InterleaveGapOffset],
            VolumeSequenceNumber = BothEndian.ReadUInt16(record[VolumeSequenceNumberOffset..]),
            Identifier = record.Slice(IdentifierOffset, identifierLength).ToArray(),
            SystemUse = record[systemUseOffset..].ToArray(),
        };
    }
}
