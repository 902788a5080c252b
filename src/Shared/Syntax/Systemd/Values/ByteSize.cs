using System.Globalization;

namespace CoreosDsl.Systemd;

/// <summary>Whether size suffixes count in powers of 1024 (memory, buffers) or 1000 (IO bandwidth limits).</summary>
public enum ByteSizeBase
{
    /// <summary><c>K</c> = 1024 bytes: memory and buffer settings.</summary>
    Base1024,
    /// <summary><c>K</c> = 1000 bytes: IOReadBandwidthMax= and friends.</summary>
    Base1000,
}

/// <summary>A number of bytes as systemd writes it (<c>32M</c>, <c>1G 512M</c>), or <c>infinity</c>.</summary>
/// <remarks>
/// Parsing follows systemd's <c>parse_size()</c> (<c>value-grammars.md</c> §5): parts are added, their suffixes
/// (<c>E P T G M K B</c>, upper case only) must go strictly downwards, a part may have a fraction (<c>1.5G</c>,
/// computed in floating point exactly as systemd does and then truncated), and there is no sign. The word
/// <c>infinity</c> is accepted as <see cref="Infinity"/>; only directives that check for it (memory and IO
/// limits, rlimits, TasksMax=, …) accept it in a unit file.
/// </remarks>
public readonly record struct ByteSize : IComparable<ByteSize>
{
    private static readonly (string Suffix, int Power)[] Suffixes =
    [
        ("E", 6), ("P", 5), ("T", 4), ("G", 3), ("M", 2), ("K", 1), ("B", 0), ("", 0),
    ];

    /// <summary>The number of bytes; <see cref="long.MaxValue"/> for <see cref="Infinity"/>.</summary>
    public long Bytes { get; }

    private ByteSize(long bytes) => Bytes = bytes;

    /// <summary>No limit: written <c>infinity</c> (only where the directive accepts it).</summary>
    public static ByteSize Infinity => new(long.MaxValue);

    /// <summary>True for <see cref="Infinity"/>.</summary>
    public bool IsInfinity => Bytes == long.MaxValue;

    /// <summary>An exact number of bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or <see cref="long.MaxValue"/> (which stands for <see cref="Infinity"/>).</exception>
    public static ByteSize FromBytes(long bytes)
    {
        if (bytes is < 0 or long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes,
                "A byte size is between 0 and long.MaxValue - 1; use ByteSize.Infinity for no limit.");
        }

        return new ByteSize(bytes);
    }

    /// <summary>Kibibytes (1024 bytes each).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or too large for a <see cref="long"/> number of bytes.</exception>
    public static ByteSize KiB(long value) => Scaled(value, 1, nameof(KiB));

    /// <summary>Mebibytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or too large for a <see cref="long"/> number of bytes.</exception>
    public static ByteSize MiB(long value) => Scaled(value, 2, nameof(MiB));

    /// <summary>Gibibytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or too large for a <see cref="long"/> number of bytes.</exception>
    public static ByteSize GiB(long value) => Scaled(value, 3, nameof(GiB));

    /// <summary>Tebibytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or too large for a <see cref="long"/> number of bytes.</exception>
    public static ByteSize TiB(long value) => Scaled(value, 4, nameof(TiB));

    private static ByteSize Scaled(long value, int power, string unit)
    {
        var factor = 1L << (10 * power);
        if (value < 0 || value > (long.MaxValue - 1) / factor)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"{unit}({value}) is negative or does not fit in a long number of bytes.");
        }

        return new ByteSize(value * factor);
    }

    /// <summary>Formats with the largest suffix that divides the value exactly (<c>32M</c>, <c>1536K</c>, <c>100</c>).</summary>
    /// <param name="sizeBase">Whether the directive counts <c>K</c> as 1024 or 1000 bytes.</param>
    public string Format(ByteSizeBase sizeBase = ByteSizeBase.Base1024)
    {
        if (IsInfinity)
        {
            return "infinity";
        }

        if (Bytes == 0)
        {
            return "0";
        }

        var unit = sizeBase == ByteSizeBase.Base1024 ? 1024UL : 1000UL;
        var bytes = (ulong)Bytes;
        foreach (var (suffix, power) in Suffixes)
        {
            if (power == 0)
            {
                break;
            }

            var factor = Pow(unit, power);
            if (bytes % factor == 0)
            {
                return (bytes / factor).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Parses systemd size syntax.</summary>
    /// <exception cref="FormatException">Not a size; the message says why.</exception>
    public static ByteSize Parse(string text, ByteSizeBase sizeBase = ByteSizeBase.Base1024) =>
        TryParse(text, sizeBase, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Parses systemd size syntax; returns false with a message when the text is not a size.</summary>
    public static bool TryParse(string text, ByteSizeBase sizeBase, out ByteSize value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = default;
        if (text == "infinity")
        {
            value = Infinity;
            error = null;
            return true;
        }

        if (!TryParseBytes(text, sizeBase, out var bytes, out error))
        {
            return false;
        }

        if (bytes >= long.MaxValue)
        {
            error = ValueText.Error(text, "a byte size this library can hold", $"{bytes} bytes is more than long.MaxValue - 1");
            return false;
        }

        value = new ByteSize((long)bytes);
        return true;
    }

    /// <summary>
    /// systemd's <c>parse_size()</c>, step by step in the same order, over its whole unsigned 64-bit range.
    /// </summary>
    internal static bool TryParseBytes(string text, ByteSizeBase sizeBase, out ulong result, out string? error)
    {
        const string What = "a byte size";
        result = 0;
        error = null;
        var unit = sizeBase == ByteSizeBase.Base1024 ? 1024UL : 1000UL;
        ulong total = 0;
        var startPos = 0;
        var p = 0;
        do
        {
            while (p < text.Length && ValueText.IsWhitespace(text[p]))
            {
                p++;
            }

            var partStart = p;
            if (!ValueText.StrToULong(text, p, out var l, out var e, out var overflow))
            {
                error = ValueText.Error(text, What, DescribeMissingNumber(text, p));
                return false;
            }

            if (overflow)
            {
                error = ValueText.Error(text, What, $"the number at column {p + 1} is too large");
                return false;
            }

            if (text[p] == '-')
            {
                error = ValueText.Error(text, What, $"sizes cannot be negative (the '-' at column {p + 1})");
                return false;
            }

            double fraction = 0;
            if (e < text.Length && text[e] == '.')
            {
                e++;
                if (e < text.Length && ValueText.IsDigit(text[e]))
                {
                    ValueText.StrToULong(text, e, out var l2, out var e2, out var fractionOverflow);
                    if (fractionOverflow)
                    {
                        error = ValueText.Error(text, What, $"the fraction at column {e + 1} is too large");
                        return false;
                    }

                    // The same floating-point steps as systemd, so that the truncated result is the same.
                    fraction = l2;
                    for (; e < e2; e++)
                    {
                        fraction /= 10;
                    }
                }
            }

            while (e < text.Length && ValueText.IsWhitespace(text[e]))
            {
                e++;
            }

            var i = startPos;
            for (; i < Suffixes.Length; i++)
            {
                if (text.AsSpan(e).StartsWith(Suffixes[i].Suffix, StringComparison.Ordinal))
                {
                    break;
                }
            }

            if (i >= Suffixes.Length)
            {
                error = ValueText.Error(text, What,
                    $"the part at column {partStart + 1} follows a part without suffix; only the last part may be written without one");
                return false;
            }

            var factor = Pow(unit, Suffixes[i].Power);
            if (l + (fraction > 0 ? 1UL : 0UL) > ulong.MaxValue / factor)
            {
                error = ValueText.Error(text, What, $"the part at column {partStart + 1} is too large");
                return false;
            }

            var tmp = (l * factor) + (ulong)(fraction * factor);
            if (tmp > ulong.MaxValue - total)
            {
                error = ValueText.Error(text, What, $"the sum is too large at column {partStart + 1}");
                return false;
            }

            total += tmp;
            p = e + Suffixes[i].Suffix.Length;
            startPos = i + 1;
        }
        while (p < text.Length);

        result = total;
        return true;
    }

    /// <summary>Why no number was found at <paramref name="p"/>, naming the likely mistake.</summary>
    private static string DescribeMissingNumber(string text, int p)
    {
        if (p >= text.Length)
        {
            return p == 0 || text.Trim(ValueText.Whitespace.ToCharArray()).Length == 0
                ? "it is empty"
                : $"whitespace at the end (column {p + 1}) is only allowed after a number without suffix";
        }

        var c = text[p];
        if ("EPTGMKB".Contains(c, StringComparison.Ordinal) && p > 0)
        {
            return $"the suffix {c} at column {p + 1} is out of order; suffixes go E P T G M K B, from larger to smaller, each at most once";
        }

        if ("eptgmkb".Contains(c, StringComparison.Ordinal) && p > 0)
        {
            return $"the suffix {c} at column {p + 1} must be upper case ({char.ToUpperInvariant(c)})";
        }

        if (c == 'i' && p > 0)
        {
            return $"unexpected 'i' at column {p + 1}; systemd writes K, M, G, not KiB or Ki";
        }

        return $"expected a number at column {p + 1}, found {ValueText.Describe(text, p)}";
    }

    private static ulong Pow(ulong unit, int power)
    {
        ulong r = 1;
        for (var k = 0; k < power; k++)
        {
            r *= unit;
        }

        return r;
    }

    /// <inheritdoc />
    public int CompareTo(ByteSize other) => Bytes.CompareTo(other.Bytes);

    /// <summary>True when <paramref name="left"/> is fewer bytes than <paramref name="right"/> (<see cref="Infinity"/> is the largest).</summary>
    public static bool operator <(ByteSize left, ByteSize right) => left.Bytes < right.Bytes;

    /// <summary>True when <paramref name="left"/> is more bytes than <paramref name="right"/>.</summary>
    public static bool operator >(ByteSize left, ByteSize right) => left.Bytes > right.Bytes;

    /// <summary>True when <paramref name="left"/> is at most <paramref name="right"/>.</summary>
    public static bool operator <=(ByteSize left, ByteSize right) => left.Bytes <= right.Bytes;

    /// <summary>True when <paramref name="left"/> is at least <paramref name="right"/>.</summary>
    public static bool operator >=(ByteSize left, ByteSize right) => left.Bytes >= right.Bytes;

    /// <summary>Same as <see cref="Format"/> with base 1024.</summary>
    public override string ToString() => Format();
}
