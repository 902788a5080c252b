using System.Globalization;

namespace CoreosDsl.Iso9660;

/// <summary>
/// The 17-byte date and time of volume descriptors (ECMA-119 8.4.26.1): sixteen ASCII digits
/// "YYYYMMDDHHMMSScc" then the offset from UTC in 15-minute steps. All digits '0' means "not specified".
/// </summary>
internal static class VolumeDateTime
{
    /// <summary>Field length in bytes.</summary>
    public const int Length = 17;

    private const int OffsetField = 16;

    /// <summary>Writes <paramref name="value"/> (UTC; <c>null</c> writes "not specified").</summary>
    public static void Write(Span<byte> field, DateTimeOffset? value)
    {
        if (value is not { } time)
        {
            field[..OffsetField].Fill((byte)'0');
            field[OffsetField] = 0;
            return;
        }

        var utc = time.ToUniversalTime();
        if (utc.Year is < 1 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "the year must be between 1 and 9999");
        }

        var digits = utc.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + (utc.Millisecond / 10).ToString("00", CultureInfo.InvariantCulture);
        for (var i = 0; i < OffsetField; i++)
        {
            field[i] = (byte)digits[i];
        }

        field[OffsetField] = 0;
    }

    /// <summary>Reads the field; "not specified" and malformed values read as <c>null</c> (dates are informational).</summary>
    public static DateTimeOffset? Read(ReadOnlySpan<byte> field)
    {
        Span<int> numbers = stackalloc int[7];
        ReadOnlySpan<int> widths = [4, 2, 2, 2, 2, 2, 2];
        var position = 0;
        for (var n = 0; n < widths.Length; n++)
        {
            var value = 0;
            for (var i = 0; i < widths[n]; i++)
            {
                var b = field[position++];
                if (b is < (byte)'0' or > (byte)'9')
                {
                    return null;
                }

                value = value * 10 + (b - '0');
            }

            numbers[n] = value;
        }

        var offsetMinutes = (sbyte)field[OffsetField] * 15;
        if (numbers[0] is < 1000 or > 9000 || numbers[1] is < 1 or > 12 || numbers[2] < 1 || numbers[2] > DateTime.DaysInMonth(numbers[0], numbers[1])
            || numbers[3] > 23 || numbers[4] > 59 || numbers[5] > 59 || offsetMinutes is < -12 * 60 or > 14 * 60)
        {
            return null;
        }

        return new DateTimeOffset(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5], numbers[6] * 10,
            TimeSpan.FromMinutes(offsetMinutes));
    }
}
