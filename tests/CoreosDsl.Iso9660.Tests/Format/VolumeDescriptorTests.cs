namespace CoreosDsl.Iso9660.Tests.Format;

public sealed class VolumeDescriptorTests
{
    private static readonly DateTimeOffset Time = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    private static PrimaryVolumeDescriptor Sample(VolumeDescriptorType type = VolumeDescriptorType.Primary) => new()
    {
        Type = type,
        EscapeSequences = type == VolumeDescriptorType.Supplementary ? [.. "%/E"u8, .. new byte[29]] : new byte[32],
        SystemIdentifier = "LINUX",
        VolumeIdentifier = type == VolumeDescriptorType.Supplementary ? "config-2 ünï" : "COREOS",
        VolumeSpaceSize = 5120,
        PathTableSize = 40,
        TypeLPathTableLba = 24,
        TypeMPathTableLba = 25,
        RootDirectory = new DirectoryRecord { ExtentLba = 20, DataLength = 2048, RecordingTime = Time, Flags = FileFlags.Directory, Identifier = [0] },
        PublisherIdentifier = "PUBLISHER",
        DataPreparerIdentifier = "PREPARER",
        ApplicationIdentifier = "APP",
        CreationTime = Time,
        ModificationTime = Time.AddDays(1),
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Primary_and_Joliet_descriptors_round_trip(bool joliet)
    {
        var type = joliet ? VolumeDescriptorType.Supplementary : VolumeDescriptorType.Primary;
        var original = Sample(type);
        var bytes = original.ToBytes();
        Assert.Equal(2048, bytes.Length);
        var parsed = PrimaryVolumeDescriptor.Parse(bytes, 0x8000);
        Assert.Equal(bytes, parsed.ToBytes());
        Assert.Equal(type == VolumeDescriptorType.Supplementary, parsed.IsJoliet);
        Assert.Equal((original.VolumeIdentifier, original.SystemIdentifier, original.VolumeSpaceSize, original.PathTableSize),
            (parsed.VolumeIdentifier, parsed.SystemIdentifier, parsed.VolumeSpaceSize, parsed.PathTableSize));
        Assert.Equal((original.TypeLPathTableLba, original.TypeMPathTableLba, original.CreationTime, original.ModificationTime, parsed.ExpirationTime),
            (parsed.TypeLPathTableLba, parsed.TypeMPathTableLba, parsed.CreationTime, parsed.ModificationTime, null));
        Assert.Equal(20u, parsed.RootDirectory.ExtentLba);
    }

    [Fact]
    public void Fields_sit_at_the_ecma119_offsets()
    {
        var bytes = Sample().ToBytes();
        Assert.Equal("\u0001CD001\u0001", System.Text.Encoding.ASCII.GetString(bytes, 0, 7));
        Assert.Equal("COREOS" + new string(' ', 26), System.Text.Encoding.ASCII.GetString(bytes, 40, 32));
        Assert.Equal(new byte[] { 0x00, 0x14, 0, 0, 0, 0, 0x14, 0x00 }, bytes[80..88]); // 5120 both-endian
        Assert.Equal(new byte[] { 0x00, 0x08, 0x08, 0x00 }, bytes[128..132]);
        Assert.Equal(34, bytes[156]);
        Assert.Equal("2024050607080900", System.Text.Encoding.ASCII.GetString(bytes, 813, 16));
        Assert.Equal("0000000000000000", System.Text.Encoding.ASCII.GetString(bytes, 847, 16));
        Assert.Equal(1, bytes[881]);
    }

    [Fact]
    public void Boot_record_and_terminator_round_trip()
    {
        var boot = new BootRecordVolumeDescriptor { BootCatalogLba = 33 }.ToBytes();
        Assert.Equal("EL TORITO SPECIFICATION", System.Text.Encoding.ASCII.GetString(boot, 7, 23));
        var parsed = BootRecordVolumeDescriptor.Parse(boot, 0x8800);
        Assert.True(parsed.IsElTorito);
        Assert.Equal(33u, parsed.BootCatalogLba);
        Assert.Equal(boot, parsed.ToBytes());
        var terminator = VolumeDescriptorHeader.Terminator();
        Assert.Equal(VolumeDescriptorType.SetTerminator, VolumeDescriptorHeader.ReadType(terminator, 0x9800));
        Assert.True(terminator.AsSpan(7).IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void Wrong_identifier_and_type_throw_with_offsets()
    {
        var bytes = Sample().ToBytes();
        bytes[3] = (byte)'X';
        Assert.Equal("Expected the volume descriptor identifier 'CD001' at offset 32769, found 'CDX01': this is not an ISO 9660 image or it is damaged.",
            Assert.Throws<InvalidDataException>(() => PrimaryVolumeDescriptor.Parse(bytes, 0x8000)).Message);
        var boot = new BootRecordVolumeDescriptor().ToBytes();
        Assert.Contains("Expected a primary or supplementary volume descriptor at offset 34816, found type 0",
            Assert.Throws<InvalidDataException>(() => PrimaryVolumeDescriptor.Parse(boot, 0x8800)).Message);
    }

    [Fact]
    public void Dates_round_trip_and_malformed_dates_read_as_null()
    {
        var field = new byte[17];
        var time = new DateTimeOffset(2031, 12, 31, 23, 59, 58, 120, TimeSpan.Zero);
        VolumeDateTime.Write(field, time);
        Assert.Equal(time, VolumeDateTime.Read(field));
        VolumeDateTime.Write(field, null);
        Assert.Null(VolumeDateTime.Read(field));
        field[0] = (byte)'x';
        Assert.Null(VolumeDateTime.Read(field));

        var recording = new byte[7];
        RecordingDateTime.Write(recording, new DateTimeOffset(2024, 2, 29, 1, 2, 3, TimeSpan.FromHours(2)));
        Assert.Equal(new byte[] { 124, 2, 28, 23, 2, 3, 0 }, recording);
        Assert.Equal(new DateTimeOffset(2024, 2, 28, 23, 2, 3, TimeSpan.Zero), RecordingDateTime.Read(recording));
        Assert.Null(RecordingDateTime.Read(new byte[7]));
        Assert.Null(RecordingDateTime.Read([124, 2, 30, 0, 0, 0, 0]));
        RecordingDateTime.Write(recording, new DateTimeOffset(1850, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(RecordingDateTime.Earliest, RecordingDateTime.Read(recording));
    }
}
