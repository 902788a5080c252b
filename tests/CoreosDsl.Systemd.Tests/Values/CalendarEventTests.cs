namespace CoreosDsl.Systemd.Tests.Values;

public class CalendarEventTests
{
    [Theory]
    [InlineData("daily", "*-*-* 00:00:00")]
    [InlineData("Mon..Fri 09:00", "Mon..Fri *-*-* 09:00:00")]
    [InlineData("*-*~01 23:00", "*-*~01 23:00:00")]
    [InlineData("*:0/15", "*-*-* *:00/15:00")]
    [InlineData("Sat,Sun 10:00 Europe/Berlin", "Sat,Sun *-*-* 10:00:00 Europe/Berlin")]
    [InlineData("@1700000000 UTC", "2023-11-14 22:13:20 UTC")]
    [InlineData("26-1,3-1", "2026-01,03-01 00:00:00")]
    public void NormalizesLikeSystemd(string text, string normalized)
    {
        var e = CalendarEvent.Parse(text);
        Assert.Equal(text, e.Text);
        Assert.Equal(text, e.ToString());
        Assert.Equal(normalized, e.Normalized);
        Assert.Equal("UTC", e.LocalTimeZone);
    }

    [Theory]
    [InlineData("2026-13-01", "month 13 (column 6) is out of range 1..12")]
    [InlineData("5 15:00", "'5' at column 1 is neither a date (MONTH-DAY) nor a time (HH:MM)")]
    [InlineData("12:00:60", "second 60 (column 7) is out of range 0..59.999999")]
    [InlineData("*-*~29", "more than 28 days back from the end of the month")]
    [InlineData("Fri..Mon", "runs backwards")]
    [InlineData("*:50/10", "never fires a second time within 0..59")]
    [InlineData("*/15", "a repetition starts at a value")]
    [InlineData("05:00 Mars/Olympus", "'Mars/Olympus' is not UTC, a local zone abbreviation (UTC) or a zone in the tz database")]
    [InlineData("daily ", "remove the space at the end")]
    [InlineData("", "it is empty")]
    public void ErrorsNameTheRuleAndTheColumn(string text, string reason)
    {
        var e = Assert.Throws<FormatException>(() => CalendarEvent.Parse(text));
        Assert.StartsWith($"\"{text}\" is not a calendar event: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalZoneAbbreviationsDependOnTheTargetMachinesZone()
    {
        Assert.False(CalendarEvent.TryParse("05:00 CEST", out _, out _));
        Assert.Equal("*-*-* 05:00:00 CEST", CalendarEvent.Parse("05:00 cest", "Europe/Berlin").Normalized);
        Assert.Equal("*-*-* 05:00:00 EDT", CalendarEvent.Parse("05:00 EDT", "America/New_York").Normalized);
        Assert.Throws<ArgumentException>(() => CalendarEvent.Parse("daily", "Mars/Olympus"));
    }

    [Fact]
    public void DailyAtWritesTheLongForm()
    {
        var e = CalendarEvent.DailyAt(5, 0);
        Assert.Equal("*-*-* 05:00:00", e.Text);
        Assert.Equal(e.Text, e.Normalized);
        Assert.Equal("*-*-* 23:59:59", CalendarEvent.DailyAt(23, 59, 59).Text);
        Assert.Throws<ArgumentOutOfRangeException>(() => CalendarEvent.DailyAt(24, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CalendarEvent.DailyAt(0, 60));
        Assert.Throws<ArgumentOutOfRangeException>(() => CalendarEvent.DailyAt(0, 0, -1));
    }

    [Theory]
    [InlineData("*-*-* 05:00:00", "2026-03-01T04:59:59Z", "2026-03-01T05:00:00Z")]
    [InlineData("*-*-* 05:00:00", "2026-03-01T05:00:00Z", "2026-03-02T05:00:00Z")]
    [InlineData("*-02-29", "2026-01-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("*-*~01", "2026-02-01T00:00:00Z", "2026-02-28T00:00:00Z")]
    [InlineData("Mon *-*-01..07 12:00", "2026-01-01T00:00:00Z", "2026-01-05T12:00:00Z")]
    [InlineData("*:*:0/0.5", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00.5Z")]
    [InlineData("05:00 Europe/Berlin", "2026-07-01T00:00:00Z", "2026-07-01T03:00:00Z")]
    public void NextElapse(string text, string after, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            CalendarEvent.Parse(text).NextElapse(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("@0")]
    [InlineData("2025-01-01")]
    public void NeverElapsingEventsReturnNull(string text) =>
        Assert.Null(CalendarEvent.Parse(text).NextElapse(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
}
