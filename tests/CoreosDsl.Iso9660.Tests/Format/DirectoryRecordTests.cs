using CsCheck;

namespace CoreosDsl.Iso9660.Tests.Format;

public sealed class DirectoryRecordTests
{
    [Fact]
    public void Record_round_trips_with_padding_and_system_use()
    {
        var record = new DirectoryRecord
        {
            ExtentLba = 881, DataLength = 8247232, RecordingTime = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero),
            Flags = FileFlags.None, Identifier = "VMLINUZ.;1"u8.ToArray(), SystemUse = [.. "NM"u8, 12, 1, 0, .. "vmlinuz"u8],
        };
        var bytes = record.ToBytes();
        Assert.Equal(33 + 10 + 1 + 12, bytes.Length); // even identifier length: one pad byte
        Assert.Equal(bytes.Length, bytes[0]);
        Assert.Equal(0, bytes[43]);
        var parsed = DirectoryRecord.Parse(bytes, 0);
        Assert.Equal(bytes, parsed.ToBytes());
        Assert.Equal((881u, 8247232u, record.RecordingTime, FileFlags.None), (parsed.ExtentLba, parsed.DataLength, parsed.RecordingTime, parsed.Flags));
        Assert.Equal(record.SystemUse, parsed.SystemUse);
    }

    [Fact]
    public void Any_record_round_trips()
    {
        Gen.Select(Gen.UInt, Gen.UInt, Gen.Byte.Array[1, 100], Gen.Int[0, 60], Gen.Byte)
            .Sample((lba, length, identifier, systemUse, flags) =>
            {
                var record = new DirectoryRecord
                {
                    ExtentLba = lba, DataLength = length, Flags = (FileFlags)flags, Identifier = identifier,
                    SystemUse = Enumerable.Repeat((byte)7, systemUse * 2).ToArray(),
                };
                var bytes = record.ToBytes();
                Assert.Equal(bytes, DirectoryRecord.Parse(bytes, 0).ToBytes());
            }, iter: 500);
    }

    [Fact]
    public void Malformed_records_throw_with_offsets()
    {
        var bytes = new DirectoryRecord { Identifier = "A;1"u8.ToArray() }.ToBytes();
        bytes[0] = 20;
        Assert.Equal("Expected a directory record length of at least 34 at offset 100, found 20.",
            Assert.Throws<InvalidDataException>(() => DirectoryRecord.Parse(bytes, 100)).Message);
        bytes[0] = (byte)bytes.Length;
        bytes[32] = 40;
        Assert.Contains("declares a 40-byte identifier, which does not fit its 36-byte record",
            Assert.Throws<InvalidDataException>(() => DirectoryRecord.Parse(bytes, 100)).Message);
        bytes[32] = 3;
        Assert.Contains("is 36 bytes long but only 35 bytes remain",
            Assert.Throws<InvalidDataException>(() => DirectoryRecord.Parse(bytes.AsSpan(0, 35), 100)).Message);
    }

    [Fact]
    public void Oversized_records_are_refused_when_written()
    {
        var record = new DirectoryRecord { Identifier = new byte[200], SystemUse = new byte[60] };
        Assert.Throws<InvalidOperationException>(() => record.ToBytes());
    }
}
