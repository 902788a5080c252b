namespace CoreosDsl.Fat.Tests;

/// <summary>Each on-disk structure parses back to what was written, and malformed bytes are rejected with the offset.</summary>
public sealed class StructureRoundTripTests
{
    private static FatBootSector Fat16Sector() => new()
    {
        SectorsPerCluster = 64, ReservedSectors = 224, RootEntryCount = 512, TotalSectors = 4_194_304, SectorsPerFat = 256,
        HiddenSectors = 2048, VolumeId = 0x1234ABCD, VolumeLabel = "COREOS", FileSystemTypeName = "FAT16",
    };

    private static FatBootSector Fat32Sector() => new()
    {
        SectorsPerCluster = 8, ReservedSectors = 32, RootEntryCount = 0, TotalSectors = 6_291_456, SectorsPerFat = 6_138,
        HiddenSectors = 2048, VolumeId = 0xCAFEF00D, VolumeLabel = "BIG", FileSystemTypeName = "FAT32", RootCluster = 2,
        FsInfoSector = 1, BackupBootSector = 6,
    };

    [Fact]
    public void Fat16BootSectorRoundTrips()
    {
        var sector = Fat16Sector();
        var bytes = sector.ToBytes();
        Assert.Equal(sector, FatBootSector.Parse(bytes));
        Assert.Equal(FatType.Fat16, sector.Type);
        Assert.Equal(65524, sector.ClusterCount);
        Assert.Equal(new byte[] { 0xEB, 0x3C, 0x90 }, bytes[..3]);
        Assert.Equal((byte)0x29, bytes[38]);
        Assert.Equal("FAT16   "u8.ToArray(), bytes[54..62]);
        Assert.Equal(new byte[] { 0x55, 0xAA }, bytes[510..]);
    }

    [Fact]
    public void Fat32BootSectorRoundTrips()
    {
        var sector = Fat32Sector();
        var bytes = sector.ToBytes();
        Assert.Equal(sector, FatBootSector.Parse(bytes));
        Assert.Equal(FatType.Fat32, sector.Type);
        Assert.Equal(new byte[] { 0xEB, 0x58, 0x90 }, bytes[..3]);
        Assert.Equal(0, BitConverter.ToUInt16(bytes, 22));      // FATSz16 is 0 on FAT32
        Assert.Equal(6_138u, BitConverter.ToUInt32(bytes, 36)); // FATSz32
        Assert.Equal("FAT32   "u8.ToArray(), bytes[82..90]);
    }

    [Fact]
    public void BootSectorWithoutSignatureIsRejectedWithItsOffset()
    {
        var bytes = Fat16Sector().ToBytes();
        bytes[511] = 0;
        var error = Assert.Throws<InvalidDataException>(() => FatBootSector.Parse(bytes, position: 1_048_576));
        Assert.Contains("offset 1049086", error.Message, StringComparison.Ordinal); // 1 MiB + 510
        Assert.Contains("55 AA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BootSectorWithImpossibleClusterSizeIsRejected()
    {
        var bytes = Fat16Sector().ToBytes();
        bytes[13] = 3;
        var error = Assert.Throws<InvalidDataException>(() => FatBootSector.Parse(bytes));
        Assert.Contains("offset 13", error.Message, StringComparison.Ordinal);
        Assert.Contains("found 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fat32CountWithFat16LayoutIsRejected()
    {
        // 6 million sectors of 8-sector clusters is FAT32 by cluster count, but FATSz16 is nonzero.
        var bytes = Fat16Sector().ToBytes();
        bytes[13] = 8;
        BitConverter.TryWriteBytes(bytes.AsSpan(32), 60_000_000u);
        var error = Assert.Throws<InvalidDataException>(() => FatBootSector.Parse(bytes));
        Assert.Contains("offset 22", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FsInfoRoundTripsAndChecksSignatures()
    {
        var info = new FsInfoSector(12345, 678);
        var bytes = info.ToBytes();
        Assert.Equal(info, FsInfoSector.Parse(bytes));
        Assert.Equal("RRaA"u8.ToArray(), bytes[..4]);
        bytes[484] = 0;
        var error = Assert.Throws<InvalidDataException>(() => FsInfoSector.Parse(bytes, 512));
        Assert.Contains("offset 996", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DirectoryEntryRoundTrips()
    {
        var stamp = FatTimestamp.From(new DateTime(2024, 2, 29, 13, 37, 42, DateTimeKind.Utc));
        var entry = new DirectoryEntry("VMLINUZ    ", FatAttributes.Archive | FatAttributes.ReadOnly, DirectoryEntry.LowerCaseBase, 100, stamp, stamp.Date, stamp,
            0x0012_3456, 7_000_000);
        var bytes = entry.ToBytes();
        Assert.Equal(entry, DirectoryEntry.Parse(bytes, fat32: true));
        Assert.Equal("vmlinuz", entry.DisplayName);
        Assert.Equal(0x3456, BitConverter.ToUInt16(bytes, 26));
        Assert.Equal(0x0012, BitConverter.ToUInt16(bytes, 20));
        Assert.Equal(new DateTime(2024, 2, 29, 13, 37, 42, DateTimeKind.Utc), stamp.ToDateTime());
    }

    [Fact]
    public void DirectoryEntryEscapesLeadingE5()
    {
        var entry = new DirectoryEntry("\u00E5BC     TXT", FatAttributes.Archive, 0, 0, default, 0, default, 0, 0);
        var bytes = entry.ToBytes();
        Assert.Equal(0x05, bytes[0]); // 0xE5 would read as "deleted"
        Assert.Equal(entry, DirectoryEntry.Parse(bytes, fat32: false));
    }

    [Fact]
    public void LongNameEntriesRoundTripAndSpellTheName()
    {
        const string name = "cloud-config.yml.with-a-long-tail";
        var shortName = "CLOUD-~1YML"u8.ToArray();
        var checksum = LongNameEntry.ChecksumOf(shortName);
        var entries = LongNameEntry.Create(name, checksum);
        Assert.Equal(3, entries.Length);
        Assert.True(entries[0].IsLast);
        Assert.Equal(3, entries[0].Sequence);
        var parsed = entries.Select(e => LongNameEntry.Parse(e.ToBytes())).ToArray();
        Assert.Equal(entries, parsed);
        Assert.Equal(name, string.Concat(parsed.Reverse().Select(e => e.NamePart)));
        Assert.All(entries, e => Assert.Equal(0x0F, e.ToBytes()[11]));
        // After the name: one 0x0000, then 0xFFFF padding.
        Assert.Equal("ng-tail\0" + new string('\uFFFF', 5), entries[0].Characters);
    }

    [Fact]
    public void LongNameChecksumFollowsTheSpecificationsRotation()
    {
        // Worked by hand from fatgen103's ChkSum: sum = ((sum & 1) << 7) + (sum >> 1) + byte, over 11 bytes.
        byte expected = 0;
        foreach (var b in "README  TXT"u8)
        {
            expected = (byte)((((expected & 1) != 0) ? 0x80 : 0) + (expected >> 1) + b);
        }

        Assert.Equal(expected, LongNameEntry.ChecksumOf("README  TXT"u8));
        Assert.NotEqual(LongNameEntry.ChecksumOf("README  TXT"u8), LongNameEntry.ChecksumOf("README  TXU"u8));
    }

    [Theory]
    [InlineData(FatType.Fat16)]
    [InlineData(FatType.Fat32)]
    public void FatTableEncodesChainsThatParseBack(FatType type)
    {
        var table = new FatTable(type, 1000);
        var a = table.Allocate(3);
        var b = table.Allocate(1);
        var c = table.Allocate(2);
        var bytes = new byte[(table.NextFree + 5) * table.EntrySize];
        table.Encode(0, bytes);
        uint Entry(long i) => FatTable.ReadEntry(bytes, type, i);
        Assert.Equal(type == FatType.Fat16 ? 0xFFF8u : 0x0FFFFFF8u, Entry(0));
        Assert.True(FatTable.IsEndOfChain(type, Entry(1)));
        Assert.Equal(a + 1, Entry(a));
        Assert.Equal(a + 2, Entry(a + 1));
        Assert.True(FatTable.IsEndOfChain(type, Entry(a + 2)));
        Assert.True(FatTable.IsEndOfChain(type, Entry(b)));
        Assert.Equal(c + 1, Entry(c));
        Assert.True(FatTable.IsEndOfChain(type, Entry(c + 1)));
        Assert.Equal(0u, Entry(c + 2));
        Assert.Equal(1000 - 6, table.FreeClusters);

        // Encoding in pieces gives the same bytes as encoding at once.
        var pieces = new byte[bytes.Length];
        for (var i = 0; i < bytes.Length; i += 4 * table.EntrySize)
        {
            var n = Math.Min(4 * table.EntrySize, bytes.Length - i);
            table.Encode(i / table.EntrySize, pieces.AsSpan(i, n));
        }

        Assert.Equal(bytes, pieces);
    }

    [Fact]
    public void TimestampsClampToTheFatRange()
    {
        Assert.Equal(FatTimestamp.Epoch, FatTimestamp.From(new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)).ToDateTime());
        Assert.Equal(new DateTime(2107, 12, 31, 23, 59, 58, DateTimeKind.Utc), FatTimestamp.From(DateTime.MaxValue).ToDateTime());
        Assert.Equal(new DateTime(2020, 5, 5, 10, 10, 10, DateTimeKind.Utc), FatTimestamp.From(new DateTime(2020, 5, 5, 10, 10, 11, DateTimeKind.Utc)).ToDateTime());
    }

    [Theory]
    [InlineData(null, "1980-01-01T00:00:00")]
    [InlineData("", "1980-01-01T00:00:00")]
    [InlineData("1500000000", "2017-07-14T02:40:00")]
    public void SourceDateEpochGivesTheDefaultTimestamp(string? value, string expected)
    {
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FatTimestamp.FromSourceDateEpoch(value));
        Assert.Throws<FormatException>(() => FatTimestamp.FromSourceDateEpoch("yesterday"));
    }
}
