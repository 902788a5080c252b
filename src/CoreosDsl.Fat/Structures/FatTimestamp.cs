using System.Globalization;

namespace CoreosDsl.Fat;

/// <summary>
/// A FAT date and time pair as stored in directory entries: the date word holds years since 1980 (bits 15-9),
/// month (8-5) and day (4-0); the time word holds hours (15-11), minutes (10-5) and seconds / 2 (4-0).
/// FAT stores no time zone: the writer stores UTC.
/// </summary>
internal readonly record struct FatTimestamp(ushort Date, ushort Time)
{
    /// <summary>The earliest instant FAT can store, and the writer's default when nothing else is asked for.</summary>
    public static readonly DateTime Epoch = new(1980, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly DateTime Latest = new(2107, 12, 31, 23, 59, 58, DateTimeKind.Utc);

    /// <summary>Encodes <paramref name="value"/>, clamped to 1980-2107 and rounded down to even seconds.</summary>
    public static FatTimestamp From(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        if (utc < Epoch)
        {
            utc = Epoch;
        }
        else if (utc > Latest)
        {
            utc = Latest;
        }

        var date = ((utc.Year - 1980) << 9) | (utc.Month << 5) | utc.Day;
        var time = (utc.Hour << 11) | (utc.Minute << 5) | (utc.Second / 2);
        return new FatTimestamp((ushort)date, (ushort)time);
    }

    /// <summary>Decodes the pair; an impossible date (month 0, day 0, ...) gives <see langword="null"/>.</summary>
    public DateTime? ToDateTime()
    {
        int year = 1980 + (Date >> 9), month = (Date >> 5) & 0x0F, day = Date & 0x1F;
        int hour = Time >> 11, minute = (Time >> 5) & 0x3F, second = (Time & 0x1F) * 2;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
    }

    /// <summary>
    /// The timestamp the writer uses unless told otherwise: <c>SOURCE_DATE_EPOCH</c> (seconds since 1970, the
    /// reproducible-builds convention) when set, else the FAT epoch 1980-01-01. Never the current time, so the
    /// same input gives the same bytes.
    /// </summary>
    public static DateTime DefaultTime() => FromSourceDateEpoch(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"));

    /// <summary>The default timestamp for a given value of <c>SOURCE_DATE_EPOCH</c> (null or blank: the FAT epoch).</summary>
    public static DateTime FromSourceDateEpoch(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Epoch;
        }

        if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new FormatException($"SOURCE_DATE_EPOCH must be a number of seconds since 1970-01-01, found '{text}'.");
        }

        return DateTime.UnixEpoch.AddSeconds(seconds);
    }
}
