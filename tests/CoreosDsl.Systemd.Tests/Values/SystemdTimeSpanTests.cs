namespace CoreosDsl.Systemd.Tests.Values;

public class SystemdTimeSpanTests
{
    [Theory]
    [InlineData(0L, "0")]
    [InlineData(1L, "1us")]
    [InlineData(500_000L, "500ms")]
    [InlineData(1_500_000L, "1s 500ms")]
    [InlineData(10_000_000L, "10s")]
    [InlineData(90_000_000L, "1min 30s")]
    [InlineData(5_400_000_000L, "1h 30min")]
    [InlineData(86_400_000_000L, "1d")]
    [InlineData(604_800_000_000L, "1w")]
    [InlineData(694_861_001_001L, "1w 1d 1h 1min 1s 1ms 1us")]
    public void FormatWritesWholeUnitsLargestFirst(long microseconds, string expected)
    {
        var span = TimeSpan.FromTicks(microseconds * TimeSpan.TicksPerMicrosecond);
        Assert.Equal(expected, SystemdTimeSpan.Format(span));
        Assert.Equal(span, SystemdTimeSpan.Parse(expected));
    }

    [Fact]
    public void InfinityIsTimeoutInfiniteTimeSpan()
    {
        Assert.Equal("infinity", SystemdTimeSpan.Format(Timeout.InfiniteTimeSpan));
        Assert.Equal("infinity", SystemdTimeSpan.Format(TimeSpan.MaxValue));
        Assert.Equal(Timeout.InfiniteTimeSpan, SystemdTimeSpan.Parse(" infinity "));
    }

    [Fact]
    public void FormatRefusesWhatSystemdCannotExpress()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SystemdTimeSpan.Format(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SystemdTimeSpan.Format(TimeSpan.FromTicks(15)));
    }

    [Theory]
    [InlineData("90", TimeSpanDefaultUnit.Seconds, 90_000_000L)]
    [InlineData("90", TimeSpanDefaultUnit.Microseconds, 90L)]
    [InlineData("1h 30", TimeSpanDefaultUnit.Microseconds, 3_600_000_030L)]
    [InlineData("1000", TimeSpanDefaultUnit.Nanoseconds, 1L)]
    [InlineData("1.5us 500ns", TimeSpanDefaultUnit.Nanoseconds, 2L)]
    public void ANumberWithoutUnitTakesTheDefaultUnit(string text, TimeSpanDefaultUnit unit, long microseconds) =>
        Assert.Equal(TimeSpan.FromTicks(microseconds * TimeSpan.TicksPerMicrosecond), SystemdTimeSpan.Parse(text, unit));

    [Theory]
    [InlineData("-1s", "time spans cannot be negative (the '-' at column 1)")]
    [InlineData("1.5.5s", "a second '.' at column 4")]
    [InlineData("5mins", "unknown unit 'mins' at column 2")]
    [InlineData("5 S", "unknown unit 'S' at column 3")]
    [InlineData("", "it is empty")]
    [InlineData("1.s", "the '.' at column 2 must be followed by a digit")]
    [InlineData("infinity 5", "nothing may follow 'infinity'")]
    [InlineData("99999999999999999999", "the number at column 1 is too large")]
    [InlineData("18446744073709551615us", "is too large")]
    public void ErrorsNameTheRuleAndTheColumn(string text, string reason)
    {
        var e = Assert.Throws<FormatException>(() => SystemdTimeSpan.Parse(text));
        Assert.StartsWith($"\"{text}\" is not a time span: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValuesBeyondTimeSpanAreRefusedByTheTimeSpanApiOnly()
    {
        Assert.True(SystemdTimeSpan.TryParseMicroseconds("30000y", TimeSpanDefaultUnit.Seconds, out var usec, out _));
        Assert.Equal(946_728_000_000_000_000UL, usec);
        Assert.False(SystemdTimeSpan.TryParse("30000y", TimeSpanDefaultUnit.Seconds, out _, out var error));
        Assert.Contains("longer than TimeSpan.MaxValue", error, StringComparison.Ordinal);
        Assert.False(SystemdTimeSpan.TryParse("150", TimeSpanDefaultUnit.Nanoseconds, out _, out error));
        Assert.Contains("finer than TimeSpan's 100ns resolution", error, StringComparison.Ordinal);
    }
}
