namespace CoreosDsl.Iso9660;

/// <summary>
/// The 7-byte date and time of directory records and Rock Ridge TF entries (ECMA-119 9.1.5): years since 1900,
/// month, day, hour, minute, second, and the offset from UTC in 15-minute steps.
/// </summary>
internal static class RecordingDateTime
{
    /// <summary>Field length in bytes.</summary>
    public const int Length = 7;

    /// <summary>The earliest time the field can hold.</summary>
    public static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The latest time the field can hold.</summary>
    public static readonly DateTimeOffset Latest = new(2155, 12, 31, 23, 59, 59, TimeSpan.Zero);

    /// <summary>Writes <paramref name="value"/> in UTC, clamped to the years 1900 to 2155 that the field can hold.</summary>
    public static void Write(Span<byte> field, DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        utc = utc < Earliest ? Earliest : utc > Latest ? Latest : utc;
        field[0] = (byte)(utc.Year - 1900);
        field[1] = (byte)utc.Month;
        field[2] = (byte)utc.Day;
        field[3] = (byte)utc.Hour;
        field[4] = (byte)utc.Minute;
        field[5] = (byte)utc.Second;
        field[6] = 0;
    }

    /// <summary>Reads the field; all zeros or impossible values read as <c>null</c> (dates are informational).</summary>
    public static DateTimeOffset? Read(ReadOnlySpan<byte> field)
    {
        int year = 1900 + field[0], month = field[1], day = field[2], hour = field[3], minute = field[4], second = field[5];
        var offsetMinutes = (sbyte)field[6] * 15;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59
            || offsetMinutes is < -12 * 60 or > 14 * 60)
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromMinutes(offsetMinutes));
    }
}
