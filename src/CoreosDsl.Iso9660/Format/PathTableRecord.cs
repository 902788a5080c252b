using System.Buffers.Binary;

namespace CoreosDsl.Iso9660;

/// <summary>
/// A path table record (ECMA-119 9.4): one per directory, in breadth-first order, so that a reader can find a
/// directory without walking the tree. The type L table stores numbers little-endian, the type M table big-endian.
/// Directory numbers start at 1 (the root, whose parent is itself).
/// </summary>
internal sealed class PathTableRecord
{
    /// <summary>Offset of the identifier length.</summary>
    public const int IdentifierLengthOffset = 0;

    /// <summary>Offset of the extended attribute record length.</summary>
    public const int ExtendedAttributeLengthOffset = 1;

    /// <summary>Offset of the directory's extent location.</summary>
    public const int ExtentOffset = 2;

    /// <summary>Offset of the parent directory number.</summary>
    public const int ParentNumberOffset = 6;

    /// <summary>Offset of the directory identifier.</summary>
    public const int IdentifierOffset = 8;

    /// <summary>The directory identifier (0x00 for the root; UCS-2 big-endian in a Joliet table).</summary>
    public byte[] Identifier { get; init; } = [0];

    /// <summary>Extended attribute record length (0).</summary>
    public byte ExtendedAttributeLength { get; init; }

    /// <summary>The directory's first sector.</summary>
    public uint ExtentLba { get; init; }

    /// <summary>The 1-based number of the parent directory in the table.</summary>
    public ushort ParentNumber { get; init; } = 1;

    /// <summary>The record's length: 8 bytes, the identifier, and a pad byte when the identifier length is odd.</summary>
    public int Length => LengthFor(Identifier.Length);

    /// <summary>The length of a record with an identifier of <paramref name="identifierLength"/> bytes.</summary>
    public static int LengthFor(int identifierLength) => IdentifierOffset + identifierLength + (identifierLength % 2);

    /// <summary>Writes the record at the start of <paramref name="destination"/> and returns its length.</summary>
    public int WriteTo(Span<byte> destination, bool bigEndian)
    {
        var record = destination[..Length];
        record.Clear();
        record[IdentifierLengthOffset] = (byte)Identifier.Length;
        record[ExtendedAttributeLengthOffset] = ExtendedAttributeLength;
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(record[ExtentOffset..], ExtentLba);
            BinaryPrimitives.WriteUInt16BigEndian(record[ParentNumberOffset..], ParentNumber);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(record[ExtentOffset..], ExtentLba);
            BinaryPrimitives.WriteUInt16LittleEndian(record[ParentNumberOffset..], ParentNumber);
        }

        Identifier.CopyTo(record[IdentifierOffset..]);
        return record.Length;
    }

    /// <summary>The record as bytes.</summary>
    public byte[] ToBytes(bool bigEndian)
    {
        var bytes = new byte[Length];
        WriteTo(bytes, bigEndian);
        return bytes;
    }

    /// <summary>Parses the record at the start of <paramref name="source"/>, found at <paramref name="fileOffset"/>.</summary>
    public static PathTableRecord Parse(ReadOnlySpan<byte> source, bool bigEndian, long fileOffset)
    {
        if (source.Length < IdentifierOffset + 1)
        {
            throw new InvalidDataException($"Expected a path table record at offset {fileOffset}, found only {source.Length} bytes.");
        }

        int identifierLength = source[IdentifierLengthOffset];
        if (identifierLength == 0 || LengthFor(identifierLength) > source.Length)
        {
            throw new InvalidDataException(
                $"The path table record at offset {fileOffset} declares a {identifierLength}-byte identifier; " +
                $"expected 1 to {source.Length - IdentifierOffset} bytes.");
        }

        return new PathTableRecord
        {
            ExtendedAttributeLength = source[ExtendedAttributeLengthOffset],
            ExtentLba = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(source[ExtentOffset..]) : BinaryPrimitives.ReadUInt32LittleEndian(source[ExtentOffset..]),
            ParentNumber = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(source[ParentNumberOffset..]) : BinaryPrimitives.ReadUInt16LittleEndian(source[ParentNumberOffset..]),
            Identifier = source.Slice(IdentifierOffset, identifierLength).ToArray(),
        };
    }

    /// <summary>Parses a whole path table (<paramref name="table"/> holds exactly its recorded size).</summary>
    public static List<PathTableRecord> ParseTable(ReadOnlySpan<byte> table, bool bigEndian, long fileOffset)
    {
        var records = new List<PathTableRecord>();
        var position = 0;
        while (position < table.Length)
        {
            var record = Parse(table[position..], bigEndian, fileOffset + position);
            records.Add(record);
            position += record.Length;
        }

        return records;
    }
}
