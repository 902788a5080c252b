namespace CoreosDsl.Iso9660.Tests.Format;

public sealed class PathTableRecordTests
{
    [Fact]
    public void Little_and_big_endian_records_round_trip()
    {
        var record = new PathTableRecord { Identifier = "COREOS"u8.ToArray(), ExtentLba = 22, ParentNumber = 1 };
        var little = record.ToBytes(bigEndian: false);
        var big = record.ToBytes(bigEndian: true);
        // The bytes xorriso wrote for /coreos in the stock image's L and M tables.
        Assert.Equal(Convert.FromHexString("0600160000000100434F52454F53"), little);
        Assert.Equal(Convert.FromHexString("0600000000160001434F52454F53"), big);
        Assert.Equal(little, PathTableRecord.Parse(little, false, 0).ToBytes(false));
        Assert.Equal(big, PathTableRecord.Parse(big, true, 0).ToBytes(true));
    }

    [Fact]
    public void Odd_identifiers_are_padded_and_tables_parse()
    {
        var root = new PathTableRecord { Identifier = [0], ExtentLba = 20 };
        var child = new PathTableRecord { Identifier = "ABC"u8.ToArray(), ExtentLba = 21 };
        Assert.Equal(10, root.Length);
        Assert.Equal(12, child.Length);
        var table = root.ToBytes(false).Concat(child.ToBytes(false)).ToArray();
        var parsed = PathTableRecord.ParseTable(table, false, 0);
        Assert.Equal([20u, 21u], parsed.Select(r => r.ExtentLba));
        Assert.Contains("declares a 200-byte identifier", Assert.Throws<InvalidDataException>(() => PathTableRecord.Parse([200, 0, 0, 0, 0, 0, 0, 0, 65], false, 7)).Message);
    }
}
