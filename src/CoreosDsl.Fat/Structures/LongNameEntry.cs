using System.Buffers.Binary;

namespace CoreosDsl.Fat;

/// <summary>
/// A VFAT long-name entry (fatgen103, "FAT Long Directory Entries"): 13 UTF-16 code units of the long name in
/// three pieces, the entry's order in the name (the last one carries 0x40), and the checksum of the short
/// name it belongs to. A name's entries precede its short entry, last piece first.
/// </summary>
internal readonly record struct LongNameEntry(byte Order, string Characters, byte Checksum)
{
    private const int OrderOffset = 0;
    private const int Name1Offset = 1;      // 5 code units
    private const int AttributesOffset = 11;
    private const int TypeOffset = 12;
    private const int ChecksumOffset = 13;
    private const int Name2Offset = 14;     // 6 code units
    private const int FirstClusterOffset = 26;
    private const int Name3Offset = 28;     // 2 code units

    /// <summary>UTF-16 code units per entry.</summary>
    public const int CharactersPerEntry = 13;

    /// <summary>The flag of <see cref="Order"/> that marks the entry holding the end of the name (stored first).</summary>
    public const byte LastEntryFlag = 0x40;

    /// <summary>The 1-based position of this piece in the name.</summary>
    public int Sequence => Order & 0x3F;

    /// <summary>True for the entry that holds the end of the name.</summary>
    public bool IsLast => (Order & LastEntryFlag) != 0;

    /// <summary>The entries for <paramref name="longName"/>, in on-disk order (the last piece first).</summary>
    public static LongNameEntry[] Create(string longName, byte checksum)
    {
        var count = EntriesFor(longName);
        var entries = new LongNameEntry[count];
        for (var i = 0; i < count; i++)
        {
            // Each piece: the name's code units, then one 0x0000 terminator if room is left, then 0xFFFF padding.
            var piece = new char[CharactersPerEntry];
            for (var k = 0; k < CharactersPerEntry; k++)
            {
                var index = (i * CharactersPerEntry) + k;
                piece[k] = index < longName.Length ? longName[index] : index == longName.Length ? '\0' : '\uFFFF';
            }

            var order = (byte)((i + 1) | (i == count - 1 ? LastEntryFlag : 0));
            entries[count - 1 - i] = new LongNameEntry(order, new string(piece), checksum);
        }

        return entries;
    }

    /// <summary>The number of long-name entries <paramref name="longName"/> needs.</summary>
    public static int EntriesFor(string longName) => (longName.Length + CharactersPerEntry - 1) / CharactersPerEntry;

    /// <summary>
    /// The checksum of an 11-byte short name that ties long-name entries to it: rotate the sum right by one bit,
    /// then add the next byte (fatgen103, "ChkSum").
    /// </summary>
    public static byte ChecksumOf(ReadOnlySpan<byte> shortName)
    {
        byte sum = 0;
        foreach (var b in shortName[..11])
        {
            sum = (byte)((((sum & 1) << 7) | (sum >> 1)) + b);
        }

        return sum;
    }

    /// <summary>Writes the entry into <paramref name="destination"/> (32 bytes).</summary>
    public void WriteTo(Span<byte> destination)
    {
        var d = destination[..FatLimits.DirectoryEntrySize];
        d.Clear();
        d[OrderOffset] = Order;
        d[AttributesOffset] = (byte)FatAttributes.LongName;
        d[TypeOffset] = 0;
        d[ChecksumOffset] = Checksum;
        BinaryPrimitives.WriteUInt16LittleEndian(d[FirstClusterOffset..], 0);
        for (var k = 0; k < CharactersPerEntry; k++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(d[PositionOf(k)..], Characters[k]);
        }
    }

    /// <summary>The entry as 32 bytes.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[FatLimits.DirectoryEntrySize];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Reads an entry whose attribute byte is <see cref="FatAttributes.LongName"/>.</summary>
    public static LongNameEntry Parse(ReadOnlySpan<byte> source)
    {
        var chars = new char[CharactersPerEntry];
        for (var k = 0; k < CharactersPerEntry; k++)
        {
            chars[k] = (char)BinaryPrimitives.ReadUInt16LittleEndian(source[PositionOf(k)..]);
        }

        return new LongNameEntry(source[OrderOffset], new string(chars), source[ChecksumOffset]);
    }

    /// <summary>The code units of this piece that belong to the name (before the terminator).</summary>
    public string NamePart
    {
        get
        {
            var end = Characters.IndexOf('\0', StringComparison.Ordinal);
            return end < 0 ? Characters : Characters[..end];
        }
    }

    private static int PositionOf(int k) => k switch
    {
        < 5 => Name1Offset + (2 * k),
        < 11 => Name2Offset + (2 * (k - 5)),
        _ => Name3Offset + (2 * (k - 11)),
    };
}
