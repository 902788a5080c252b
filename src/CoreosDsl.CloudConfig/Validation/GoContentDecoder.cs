namespace CoreosDsl.CloudConfig.Validation;

/// <summary>
/// coreos-cloudinit's <c>config.DecodeContent</c>: base64 with Go's standard decoder (padding required, only CR and
/// LF skipped), gzip through Go's <c>gzip.NewReader</c>, which checks the header only (the body is read without
/// checking for errors).
/// </summary>
internal static class GoContentDecoder
{
    /// <summary>Whether <paramref name="content"/> decodes with <paramref name="encoding"/>.</summary>
    public static bool CanDecode(byte[] content, string encoding) => encoding switch
    {
        "" => true,
        "b64" or "base64" => TryDecodeBase64(content, out _),
        "gz" or "gzip" => HasGzipHeader(content),
        "gz+base64" or "gzip+base64" or "gz+b64" or "gzip+b64" => TryDecodeBase64(content, out var gz) && HasGzipHeader(gz),
        _ => false,
    };

    /// <summary>Go's <c>base64.StdEncoding.DecodeString</c>.</summary>
    public static bool TryDecodeBase64(byte[] text, out byte[] data)
    {
        data = [];
        var chars = new char[text.Length];
        var n = 0;
        foreach (var b in text)
        {
            if (b is (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            var ok = b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'+' or (byte)'/' or (byte)'=';
            if (!ok)
            {
                return false;
            }

            chars[n++] = (char)b;
        }

        if (n % 4 != 0)
        {
            return false;
        }

        // Padding only at the very end, at most two.
        var body = new string(chars, 0, n);
        var firstPad = body.IndexOf('=', StringComparison.Ordinal);
        if (firstPad >= 0 && (n - firstPad > 2 || body[firstPad..].Any(c => c != '=')))
        {
            return false;
        }

        try
        {
            data = Convert.FromBase64String(body);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Go's <c>gzip.NewReader</c> header check (RFC 1952: magic, deflate, flags, optional fields, header CRC).</summary>
    public static bool HasGzipHeader(byte[] data)
    {
        const int FixedHeaderLength = 10;
        const byte FlagHeaderCrc = 0x02, FlagExtra = 0x04, FlagName = 0x08, FlagComment = 0x10;
        if (data.Length < FixedHeaderLength || data[0] != 0x1f || data[1] != 0x8b || data[2] != 8)
        {
            return false;
        }

        var flags = data[3];
        var i = FixedHeaderLength;
        if ((flags & FlagExtra) != 0)
        {
            if (i + 2 > data.Length)
            {
                return false;
            }

            i += 2 + (data[i] | (data[i + 1] << 8));
            if (i > data.Length)
            {
                return false;
            }
        }

        foreach (var flag in new[] { FlagName, FlagComment })
        {
            if ((flags & flag) != 0)
            {
                var end = Array.IndexOf(data, (byte)0, i);
                if (end < 0)
                {
                    return false;
                }

                i = end + 1;
            }
        }

        if ((flags & FlagHeaderCrc) != 0)
        {
            if (i + 2 > data.Length)
            {
                return false;
            }

            var crc = Crc32(data.AsSpan(0, i)) & 0xFFFF;
            if (crc != (uint)(data[i] | (data[i + 1] << 8)))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly uint[] Crc32Table = BuildCrc32Table();

    /// <summary>CRC-32 (IEEE, reflected 0xEDB88320) as gzip uses it, for header CRCs and member trailers.</summary>
    internal static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = Crc32Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildCrc32Table()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB88320u : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
