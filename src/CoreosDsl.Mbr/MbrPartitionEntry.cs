using System.Buffers.Binary;

namespace CoreosDsl.Mbr;

/// <summary>
/// One of the four 16-byte partition entries of an MBR: status (0x80 active), CHS address of the first sector,
/// type, CHS address of the last sector, first LBA, sector count. Addresses count 512-byte sectors.
/// </summary>
public sealed record MbrPartitionEntry
{
    private const int StatusOffset = 0;
    private const int FirstChsOffset = 1;
    private const int TypeOffset = 4;
    private const int LastChsOffset = 5;
    private const int FirstLbaOffset = 8;
    private const int SectorCountOffset = 12;

    /// <summary>Bytes of an entry.</summary>
    public const int Size = 16;

    /// <summary>The status byte of the active (bootable) partition.</summary>
    public const byte ActiveStatus = 0x80;

    /// <summary>An entry with every field given as stored.</summary>
    /// <exception cref="ArgumentException"><paramref name="status"/> is neither 0 nor 0x80.</exception>
    public MbrPartitionEntry(byte status, ChsAddress firstChs, MbrPartitionType type, ChsAddress lastChs, uint firstLba, uint sectorCount)
    {
        if (status is not 0 and not ActiveStatus)
        {
            throw new ArgumentException($"A partition status is 0x00 or 0x80, not 0x{status:X2}.", nameof(status));
        }

        Status = status;
        FirstChs = firstChs;
        Type = type;
        LastChs = lastChs;
        FirstLba = firstLba;
        SectorCount = sectorCount;
    }

    /// <summary>0x80 for the active partition (the one the MBR code boots), 0 otherwise.</summary>
    public byte Status { get; }

    /// <summary>True when <see cref="Status"/> marks the partition active.</summary>
    public bool IsActive => Status == ActiveStatus;

    /// <summary>The CHS address of the first sector.</summary>
    public ChsAddress FirstChs { get; }

    /// <summary>The partition type.</summary>
    public MbrPartitionType Type { get; }

    /// <summary>The CHS address of the last sector.</summary>
    public ChsAddress LastChs { get; }

    /// <summary>The first sector (LBA).</summary>
    public uint FirstLba { get; }

    /// <summary>The length in sectors.</summary>
    public uint SectorCount { get; }

    /// <summary>True for an unused entry (type 0 and no sectors).</summary>
    public bool IsEmpty => Type == MbrPartitionType.Empty && SectorCount == 0;

    /// <summary>The empty entry (16 zero bytes).</summary>
    public static MbrPartitionEntry Empty { get; } = new(0, default, MbrPartitionType.Empty, default, 0, 0);

    /// <summary>
    /// An entry for <paramref name="sectorCount"/> sectors from <paramref name="firstLba"/>, with CHS fields computed
    /// for <paramref name="geometry"/> (default <see cref="DiskGeometry.Fdisk"/>, as sfdisk writes them).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sectorCount"/> is 0.</exception>
    public static MbrPartitionEntry Create(MbrPartitionType type, uint firstLba, uint sectorCount, bool active, DiskGeometry? geometry = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sectorCount);
        var g = geometry ?? DiskGeometry.Fdisk;
        return new MbrPartitionEntry(active ? ActiveStatus : (byte)0, ChsAddress.FromLba(firstLba, g), type,
            ChsAddress.FromLba(firstLba + (long)sectorCount - 1, g), firstLba, sectorCount);
    }

    /// <summary>Writes the 16 bytes (all zero for an empty entry).</summary>
    public void WriteTo(Span<byte> destination)
    {
        var d = destination[..Size];
        d.Clear();
        if (IsEmpty)
        {
            return;
        }

        d[StatusOffset] = Status;
        FirstChs.WriteTo(d[FirstChsOffset..]);
        d[TypeOffset] = (byte)Type;
        LastChs.WriteTo(d[LastChsOffset..]);
        BinaryPrimitives.WriteUInt32LittleEndian(d[FirstLbaOffset..], FirstLba);
        BinaryPrimitives.WriteUInt32LittleEndian(d[SectorCountOffset..], SectorCount);
    }

    /// <summary>The 16 bytes.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>
    /// Reads an entry; false with a reason (naming <paramref name="position"/>, the entry's offset in the image) when
    /// the status byte is neither 0x00 nor 0x80.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> source, long position, out MbrPartitionEntry? entry, out string? reason)
    {
        entry = null;
        if (source.Length < Size)
        {
            reason = $"expected a {Size}-byte partition entry at offset {position}, found {source.Length} bytes";
            return false;
        }

        var status = source[StatusOffset];
        if (status is not 0 and not ActiveStatus)
        {
            reason = $"expected a partition status of 0x00 or 0x80 at offset {position + StatusOffset}, found 0x{status:X2}";
            return false;
        }

        reason = null;
        var type = (MbrPartitionType)source[TypeOffset];
        var count = BinaryPrimitives.ReadUInt32LittleEndian(source[SectorCountOffset..]);
        entry = type == MbrPartitionType.Empty && count == 0
            ? Empty
            : new MbrPartitionEntry(status, ChsAddress.Read(source[FirstChsOffset..]), type, ChsAddress.Read(source[LastChsOffset..]),
                BinaryPrimitives.ReadUInt32LittleEndian(source[FirstLbaOffset..]), count);
        return true;
    }

    /// <summary>Reads an entry; <paramref name="position"/> is its offset in the image, for the error.</summary>
    /// <exception cref="InvalidDataException">The entry is malformed; the message names the offset.</exception>
    public static MbrPartitionEntry Parse(ReadOnlySpan<byte> source, long position = 0) =>
        TryParse(source, position, out var entry, out var reason) ? entry! : throw new InvalidDataException(reason);
}
