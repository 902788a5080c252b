namespace CoreosDsl.CloudConfig;

/// <summary>Formatting of cloud-config values with a shape beyond plain text, used by the generated builders.</summary>
public static class CloudConfigValues
{
    /// <summary>One <c>key=value</c> pair of a comma-separated list (fleet metadata).</summary>
    /// <exception cref="ArgumentException">The key or value contains a separator.</exception>
    public static string KeyValue(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key.Contains('=', StringComparison.Ordinal) || key.Contains(',', StringComparison.Ordinal))
        {
            throw new ArgumentException($"the key \"{key}\" may not contain '=' or ','", nameof(key));
        }

        return value.Contains(',', StringComparison.Ordinal)
            ? throw new ArgumentException($"the value \"{value}\" may not contain ','", nameof(value))
            : key + "=" + value;
    }

    /// <summary>File permissions as the octal string write_files expects (<c>0644</c>).</summary>
    public static string FileMode(UnixFileMode mode)
    {
        var bits = (int)mode;
        return bits is < 0 or > 0xFFF
            ? throw new ArgumentOutOfRangeException(nameof(mode), mode, "a file mode has at most 12 bits (07777)")
            : "0" + Convert.ToString(bits, 8).PadLeft(3, '0');
    }
}
