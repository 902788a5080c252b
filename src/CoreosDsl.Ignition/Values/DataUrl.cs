using System.Text;

namespace CoreosDsl.Ignition;

/// <summary>
/// RFC 2397 <c>data:</c> URLs for inline contents, as Butane writes them: text as <c>data:,</c> with every byte
/// outside the unreserved set percent-encoded; other bytes as <c>data:;base64,</c>.
/// </summary>
public static class DataUrl
{
    /// <summary>A data URL holding the UTF-8 bytes of <paramref name="text"/>.</summary>
    /// <param name="text">The contents.</param>
    /// <returns>The URL.</returns>
    public static string FromText(string text) => FromBytes(Encoding.UTF8.GetBytes(text));

    /// <summary>A data URL holding <paramref name="data"/>: percent-encoded when that is shorter, else base64.</summary>
    /// <param name="data">The contents.</param>
    /// <returns>The URL.</returns>
    public static string FromBytes(ReadOnlySpan<byte> data)
    {
        var escaped = new StringBuilder("data:,", data.Length + 6);
        foreach (var b in data)
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~' or (byte)'/')
            {
                escaped.Append((char)b);
            }
            else
            {
                escaped.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 15]);
            }
        }

        var base64 = "data:;base64," + Convert.ToBase64String(data);
        return base64.Length < escaped.Length ? base64 : escaped.ToString();
    }

    /// <summary>The bytes of a <c>data:</c> URL, or null when <paramref name="url"/> is not one Ignition can read.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The decoded contents, or null.</returns>
    public static byte[]? TryDecode(string url)
    {
        if (!url.StartsWith("data:", StringComparison.Ordinal))
        {
            return null;
        }

        var comma = url.IndexOf(',');
        if (comma < 0)
        {
            return null;
        }

        var meta = url[5..comma];
        var body = url[(comma + 1)..];
        var unescaped = Unescape(body);
        if (unescaped is null)
        {
            return null;
        }

        if (!meta.EndsWith(";base64", StringComparison.Ordinal))
        {
            return unescaped;
        }

        try
        {
            return Convert.FromBase64String(Encoding.Latin1.GetString(unescaped));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[]? Unescape(string body)
    {
        var bytes = new List<byte>(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '%')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(body[i].ToString()));
                continue;
            }

            if (i + 2 >= body.Length || !Uri.IsHexDigit(body[i + 1]) || !Uri.IsHexDigit(body[i + 2]))
            {
                return null;
            }

            bytes.Add(Convert.ToByte(body.Substring(i + 1, 2), 16));
            i += 2;
        }

        return bytes.ToArray();
    }
}
