using System.Globalization;

namespace CoreosDsl.Host;

/// <summary>Sizes on the command line as fdisk and dd write them: <c>2048M</c>, <c>2G</c>, <c>512MiB</c> (powers of 1024).</summary>
internal static class SizeArgument
{
    /// <summary>The size in bytes, or an error message.</summary>
    public static bool TryParse(string text, out long bytes, out string? error)
    {
        bytes = 0;
        error = null;
        var trimmed = text.Trim();
        var digits = trimmed.TakeWhile(char.IsAsciiDigit).Count();
        var unit = trimmed[digits..].ToUpperInvariant();
        long multiplier = unit switch
        {
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            "T" or "TB" or "TIB" => 1L << 40,
            "" or "B" => 1,
            _ => 0,
        };
        if (digits == 0 || multiplier == 0 || !long.TryParse(trimmed[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            error = $"\"{text}\" is not a size; write it like 2048M, 2G or 512MiB";
            return false;
        }

        if (number > long.MaxValue / multiplier)
        {
            error = $"\"{text}\" is too large";
            return false;
        }

        bytes = number * multiplier;
        return true;
    }

    /// <summary>Bytes for people: <c>52.4 MiB</c>.</summary>
    public static string Format(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
