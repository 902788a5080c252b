using System.Buffers.Binary;

namespace CoreosDsl.Fat;

/// <summary>
/// The file allocation table: one entry per cluster, holding the next cluster of a chain, an end-of-chain mark,
/// or 0 for a free cluster. Entries 0 and 1 are reserved (the media byte and the "clean" flags).
/// <para>
/// The writer allocates every file and directory as one contiguous run, so the table is kept as a list of runs
/// and its bytes are generated on demand (<see cref="Encode"/>): a FAT32 table of many megabytes is never held
/// in memory.
/// </para>
/// </summary>
internal sealed class FatTable
{
    private readonly List<(uint First, uint Count)> _runs = [];

    /// <summary>A table for <paramref name="clusterCount"/> data clusters of a <paramref name="type"/> volume.</summary>
    public FatTable(FatType type, long clusterCount, byte media = 0xF8)
    {
        if (type == FatType.Fat12)
        {
            throw new NotSupportedException("the writer does not produce FAT12 volumes");
        }

        Type = type;
        ClusterCount = clusterCount;
        Media = media;
        NextFree = 2;
    }

    /// <summary>FAT16 or FAT32.</summary>
    public FatType Type { get; }

    /// <summary>Data clusters (clusters 2 .. ClusterCount + 1).</summary>
    public long ClusterCount { get; }

    /// <summary>The media descriptor stored in entry 0.</summary>
    public byte Media { get; }

    /// <summary>The first cluster not yet allocated.</summary>
    public uint NextFree { get; private set; }

    /// <summary>Clusters not allocated.</summary>
    public long FreeClusters => ClusterCount + 2 - NextFree;

    /// <summary>Bytes per entry (2 or 4).</summary>
    public int EntrySize => EntrySizeOf(Type);

    /// <summary>The end-of-chain mark the writer stores (the largest value, as Windows and mkfs.fat do).</summary>
    public uint EndOfChain => EndOfChainOf(Type);

    /// <summary>Allocates <paramref name="count"/> contiguous clusters chained in order; returns the first.</summary>
    public uint Allocate(long count)
    {
        if (count <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "allocate at least one cluster");
        }

        if (count > FreeClusters)
        {
            throw new InvalidOperationException($"cannot allocate {count} clusters: {FreeClusters} are free");
        }

        var first = NextFree;
        _runs.Add((first, (uint)count));
        NextFree = (uint)(first + count);
        return first;
    }

    /// <summary>The value of entry <paramref name="index"/>.</summary>
    public uint EntryAt(long index)
    {
        if (index == 0)
        {
            return (Type == FatType.Fat32 ? 0x0FFFFF00u : 0xFF00u) | Media;
        }

        if (index == 1)
        {
            return EndOfChain;
        }

        if (index >= NextFree)
        {
            return 0;
        }

        var run = FindRun((uint)index);
        return index == run.First + run.Count - 1 ? EndOfChain : (uint)(index + 1);
    }

    /// <summary>
    /// Writes the table's bytes from entry <paramref name="firstEntry"/> on into <paramref name="destination"/>
    /// (whose length is a multiple of the entry size); entries past the last cluster are written as 0.
    /// </summary>
    public void Encode(long firstEntry, Span<byte> destination)
    {
        destination.Clear();
        var size = EntrySize;
        var count = destination.Length / size;
        var end = Math.Min(firstEntry + count, (long)NextFree);
        for (var index = firstEntry; index < end; index++)
        {
            WriteEntry(destination, Type, index - firstEntry, EntryAt(index));
        }
    }

    /// <summary>Reads entry <paramref name="index"/> from a table's bytes.</summary>
    public static uint ReadEntry(ReadOnlySpan<byte> table, FatType type, long index) => type switch
    {
        FatType.Fat12 => ReadFat12(table, index),
        FatType.Fat16 => BinaryPrimitives.ReadUInt16LittleEndian(table[(int)(index * 2)..]),
        _ => BinaryPrimitives.ReadUInt32LittleEndian(table[(int)(index * 4)..]) & 0x0FFFFFFF,
    };

    /// <summary>Writes entry <paramref name="index"/> into a table's bytes (FAT16 or FAT32).</summary>
    public static void WriteEntry(Span<byte> table, FatType type, long index, uint value)
    {
        if (type == FatType.Fat16)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(table[(int)(index * 2)..], checked((ushort)value));
        }
        else if (type == FatType.Fat32)
        {
            // The top 4 bits of a FAT32 entry are reserved: keep them as they were.
            var slot = table[(int)(index * 4)..];
            var old = BinaryPrimitives.ReadUInt32LittleEndian(slot);
            BinaryPrimitives.WriteUInt32LittleEndian(slot, (old & 0xF0000000) | (value & 0x0FFFFFFF));
        }
        else
        {
            throw new NotSupportedException("the writer does not produce FAT12 volumes");
        }
    }

    /// <summary>True when an entry value ends a chain (0xFF8 / 0xFFF8 / 0x0FFFFFF8 and above).</summary>
    public static bool IsEndOfChain(FatType type, uint value) => value >= (EndOfChainOf(type) & ~7u);

    /// <summary>The bad-cluster mark of <paramref name="type"/>.</summary>
    public static uint BadCluster(FatType type) => EndOfChainOf(type) - 8;

    /// <summary>Bytes per entry; FAT12 packs two entries in three bytes and reports 0.</summary>
    public static int EntrySizeOf(FatType type) => type switch { FatType.Fat16 => 2, FatType.Fat32 => 4, _ => 0 };

    /// <summary>Bytes a table needs for <paramref name="clusterCount"/> clusters plus the two reserved entries.</summary>
    public static long BytesFor(FatType type, long clusterCount) => type == FatType.Fat12
        ? ((clusterCount + 2) * 3 + 1) / 2
        : (clusterCount + 2) * EntrySizeOf(type);

    private static uint EndOfChainOf(FatType type) => type switch
    {
        FatType.Fat12 => 0xFFF,
        FatType.Fat16 => 0xFFFF,
        _ => 0x0FFFFFFF,
    };

    private static uint ReadFat12(ReadOnlySpan<byte> table, long index)
    {
        var offset = (int)(index + (index / 2));
        var pair = (uint)(table[offset] | (table[offset + 1] << 8));
        return (index & 1) == 0 ? pair & 0xFFF : pair >> 4;
    }

    private (uint First, uint Count) FindRun(uint cluster)
    {
        int lo = 0, hi = _runs.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var run = _runs[mid];
            if (cluster < run.First)
            {
                hi = mid - 1;
            }
            else if (cluster >= run.First + run.Count)
            {
                lo = mid + 1;
            }
            else
            {
                return run;
            }
        }

        throw new InvalidOperationException($"cluster {cluster} is below the allocation mark but in no run");
    }
}
