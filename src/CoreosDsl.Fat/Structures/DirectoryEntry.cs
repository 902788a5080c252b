using System.Buffers.Binary;
using System.Text;

namespace CoreosDsl.Fat;

/// <summary>
/// A 32-byte short (8.3) directory entry (fatgen103, "FAT Directory Structure"). <see cref="RawName"/> holds the
/// 11 name bytes as Latin-1 characters, base name and extension space-padded, without the dot.
/// </summary>
internal readonly record struct DirectoryEntry(
    string RawName,
    FatAttributes Attributes,
    byte CaseFlags,
    byte CreationTenths,
    FatTimestamp Created,
    ushort AccessDate,
    FatTimestamp Written,
    uint FirstCluster,
    uint FileSize)
{
    private const int NameOffset = 0;
    private const int AttributesOffset = 11;
    private const int CaseFlagsOffset = 12;       // "NTRes": Windows NT keeps the case of 8.3 names here
    private const int CreationTenthsOffset = 13;
    private const int CreationTimeOffset = 14;
    private const int CreationDateOffset = 16;
    private const int AccessDateOffset = 18;
    private const int FirstClusterHighOffset = 20;
    private const int WriteTimeOffset = 22;
    private const int WriteDateOffset = 24;
    private const int FirstClusterLowOffset = 26;
    private const int FileSizeOffset = 28;

    /// <summary>First name byte of the entry that ends a directory: nothing follows it.</summary>
    public const byte EndMarker = 0x00;

    /// <summary>First name byte of a deleted entry.</summary>
    public const byte DeletedMarker = 0xE5;

    /// <summary>Stored instead of a real first byte 0xE5 (a Kanji lead byte), so that it does not read as deleted.</summary>
    private const byte EscapedE5 = 0x05;

    /// <summary><see cref="CaseFlags"/> bit: the base name displays in lower case.</summary>
    public const byte LowerCaseBase = 0x08;

    /// <summary><see cref="CaseFlags"/> bit: the extension displays in lower case.</summary>
    public const byte LowerCaseExtension = 0x10;

    /// <summary>Writes the entry into <paramref name="destination"/> (32 bytes).</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (RawName.Length != 11)
        {
            throw new ArgumentException($"a short name has 11 bytes, '{RawName}' has {RawName.Length}");
        }

        var d = destination[..FatLimits.DirectoryEntrySize];
        Encoding.Latin1.GetBytes(RawName, d[NameOffset..]);
        if (d[NameOffset] == DeletedMarker)
        {
            d[NameOffset] = EscapedE5;
        }

        d[AttributesOffset] = (byte)Attributes;
        d[CaseFlagsOffset] = CaseFlags;
        d[CreationTenthsOffset] = CreationTenths;
        BinaryPrimitives.WriteUInt16LittleEndian(d[CreationTimeOffset..], Created.Time);
        BinaryPrimitives.WriteUInt16LittleEndian(d[CreationDateOffset..], Created.Date);
        BinaryPrimitives.WriteUInt16LittleEndian(d[AccessDateOffset..], AccessDate);
        BinaryPrimitives.WriteUInt16LittleEndian(d[FirstClusterHighOffset..], (ushort)(FirstCluster >> 16));
        BinaryPrimitives.WriteUInt16LittleEndian(d[WriteTimeOffset..], Written.Time);
        BinaryPrimitives.WriteUInt16LittleEndian(d[WriteDateOffset..], Written.Date);
        BinaryPrimitives.WriteUInt16LittleEndian(d[FirstClusterLowOffset..], (ushort)FirstCluster);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FileSizeOffset..], FileSize);
    }

    /// <summary>The entry as 32 bytes.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[FatLimits.DirectoryEntrySize];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Reads an entry (not an end marker, deleted or long-name entry: the caller checks those first).</summary>
    public static DirectoryEntry Parse(ReadOnlySpan<byte> source, bool fat32)
    {
        var s = source[..FatLimits.DirectoryEntrySize];
        Span<byte> name = stackalloc byte[11];
        s[..11].CopyTo(name);
        if (name[0] == EscapedE5)
        {
            name[0] = DeletedMarker;
        }

        var high = fat32 ? BinaryPrimitives.ReadUInt16LittleEndian(s[FirstClusterHighOffset..]) : 0u;
        return new DirectoryEntry(
            Encoding.Latin1.GetString(name),
            (FatAttributes)s[AttributesOffset],
            s[CaseFlagsOffset],
            s[CreationTenthsOffset],
            new FatTimestamp(BinaryPrimitives.ReadUInt16LittleEndian(s[CreationDateOffset..]), BinaryPrimitives.ReadUInt16LittleEndian(s[CreationTimeOffset..])),
            BinaryPrimitives.ReadUInt16LittleEndian(s[AccessDateOffset..]),
            new FatTimestamp(BinaryPrimitives.ReadUInt16LittleEndian(s[WriteDateOffset..]), BinaryPrimitives.ReadUInt16LittleEndian(s[WriteTimeOffset..])),
            (high << 16) | BinaryPrimitives.ReadUInt16LittleEndian(s[FirstClusterLowOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(s[FileSizeOffset..]));
    }

    /// <summary>The name as "BASE.EXT" (no dot without extension), in the case the case flags ask for.</summary>
    public string DisplayName
    {
        get
        {
            var baseName = RawName[..8].TrimEnd(' ');
            var extension = RawName[8..].TrimEnd(' ');
            if ((CaseFlags & LowerCaseBase) != 0)
            {
                baseName = baseName.ToLowerInvariant();
            }

            if ((CaseFlags & LowerCaseExtension) != 0)
            {
                extension = extension.ToLowerInvariant();
            }

            return extension.Length == 0 ? baseName : $"{baseName}.{extension}";
        }
    }

    /// <summary>The volume label as written in an entry with <see cref="FatAttributes.VolumeLabel"/>.</summary>
    public string LabelText => RawName.TrimEnd(' ');
}
