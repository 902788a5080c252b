namespace CoreosDsl.Systemd.Tests.Values;

public class ByteSizeAndPercentTests
{
    [Theory]
    [InlineData(0L, "0", "0")]
    [InlineData(100L, "100", "100")]
    [InlineData(1024L, "1K", "1024")]
    [InlineData(1536L, "1536", "1536")]
    [InlineData(1_572_864L, "1536K", "1572864")]
    [InlineData(33_554_432L, "32M", "33554432")]
    [InlineData(3_000_000L, "3000000", "3M")]
    [InlineData(1L << 40, "1T", "1099511627776")]
    [InlineData(7L << 60, "7E", "8070450532247928832")]
    public void FormatUsesTheLargestExactSuffix(long bytes, string base1024, string base1000)
    {
        var size = ByteSize.FromBytes(bytes);
        Assert.Equal(base1024, size.Format());
        Assert.Equal(base1024, size.ToString());
        Assert.Equal(base1000, size.Format(ByteSizeBase.Base1000));
        Assert.Equal(size, ByteSize.Parse(base1024));
        Assert.Equal(size, ByteSize.Parse(base1000, ByteSizeBase.Base1000));
    }

    [Fact]
    public void FactoriesAndInfinity()
    {
        Assert.Equal(32L << 20, ByteSize.MiB(32).Bytes);
        Assert.Equal(3L << 10, ByteSize.KiB(3).Bytes);
        Assert.Equal(2L << 30, ByteSize.GiB(2).Bytes);
        Assert.Equal(5L << 40, ByteSize.TiB(5).Bytes);
        Assert.Equal("infinity", ByteSize.Infinity.Format());
        Assert.True(ByteSize.Parse("infinity").IsInfinity);
        Assert.True(ByteSize.GiB(1) < ByteSize.GiB(2) && ByteSize.GiB(2).CompareTo(ByteSize.Infinity) < 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => ByteSize.FromBytes(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ByteSize.FromBytes(long.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => ByteSize.MiB(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ByteSize.TiB(long.MaxValue >> 30));
    }

    [Theory]
    [InlineData("1G 512M", 1_610_612_736L)]
    [InlineData("1.5G", 1_610_612_736L)]
    [InlineData("0.1K", 102L)]
    [InlineData(" 5K", 5120L)]
    [InlineData("5 ", 5L)]
    public void ParseAddsPartsAndTruncatesFractions(string text, long bytes) => Assert.Equal(bytes, ByteSize.Parse(text).Bytes);

    [Theory]
    [InlineData("5k", "the suffix k at column 2 must be upper case (K)")]
    [InlineData("1K 2K", "the suffix K at column 5 is out of order")]
    [InlineData("5KiB", "systemd writes K, M, G, not KiB or Ki")]
    [InlineData("-5", "sizes cannot be negative")]
    [InlineData("5 5", "only the last part may be written without one")]
    [InlineData("5K ", "whitespace at the end (column 4) is only allowed after a number without suffix")]
    [InlineData("16E", "the part at column 1 is too large")]
    [InlineData("8E", "more than long.MaxValue - 1")]
    public void SizeErrorsNameTheRule(string text, string reason)
    {
        var e = Assert.Throws<FormatException>(() => ByteSize.Parse(text));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("50%", 50)]
    [InlineData("12.5%", 12.5)]
    [InlineData("12.34%", 12.34)]
    [InlineData("15\u2030", 1.5)]
    [InlineData("1.5\u2030", 0.15)]
    [InlineData("7\u2031", 0.07)]
    [InlineData("250%", 250)]
    public void PercentParsesAllThreeSymbols(string text, double value)
    {
        Assert.True(Percent.TryParse(text, out var p, out var error), error);
        Assert.Equal((decimal)value, p.Value);
        Assert.True(Percent.TryParse(p.ToString(), out var back, out _) && back == p);
    }

    [Fact]
    public void PercentFormatsWithUpToTwoDecimals()
    {
        Assert.Equal("50%", new Percent(50).ToString());
        Assert.Equal("12.5%", new Percent(12.5m).ToString());
        Assert.Equal("0.07%", new Percent(0.07m).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => new Percent(12.345m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Percent(-1));
    }

    [Theory]
    [InlineData("50", "it must end in %")]
    [InlineData("12.345%", "% takes at most 2 decimals")]
    [InlineData("1.55\u2030", "takes at most 1 decimal after the dot")]
    [InlineData("7.5\u2031", "takes a whole number")]
    [InlineData("010%", "leading zero")]
    [InlineData("+5%", "digits only")]
    [InlineData("21474836.48%", "larger than systemd's limit")]
    [InlineData("99999999999999999999%", "larger than systemd's limit")]
    public void PercentErrorsNameTheRule(string text, string reason)
    {
        Assert.False(Percent.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
