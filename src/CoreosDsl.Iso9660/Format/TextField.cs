using System.Text;

namespace CoreosDsl.Iso9660;

/// <summary>Fixed-width text fields of volume descriptors: ASCII padded with spaces, or UCS-2 big-endian for Joliet.</summary>
internal static class TextField
{
    /// <summary>Writes <paramref name="text"/> as ASCII into <paramref name="field"/>, padded with spaces.</summary>
    public static void WriteAscii(Span<byte> field, string text)
    {
        field.Fill((byte)' ');
        Encoding.ASCII.GetBytes(text.AsSpan(0, Math.Min(text.Length, field.Length)), field);
    }

    /// <summary>Writes <paramref name="text"/> as UCS-2 big-endian into <paramref name="field"/>, padded with UCS-2 spaces.</summary>
    public static void WriteUcs2(Span<byte> field, string text)
    {
        for (var i = 0; i + 1 < field.Length; i += 2)
        {
            var c = i / 2 < text.Length ? text[i / 2] : ' ';
            field[i] = (byte)(c >> 8);
            field[i + 1] = (byte)c;
        }

        if (field.Length % 2 == 1)
        {
            field[^1] = 0; // a 37-byte file identifier field has one byte left over
        }
    }

    /// <summary>Reads an ASCII field, dropping trailing spaces and NULs; bytes above 0x7E read as '?'.</summary>
    public static string ReadAscii(ReadOnlySpan<byte> field)
    {
        var text = new StringBuilder(field.Length);
        foreach (var b in field)
        {
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : b == 0 ? '\0' : '?');
        }

        return text.ToString().TrimEnd(' ', '\0');
    }

    /// <summary>Reads a UCS-2 big-endian field, dropping trailing spaces and NULs.</summary>
    public static string ReadUcs2(ReadOnlySpan<byte> field) => DecodeUcs2(field).TrimEnd(' ', '\0');

    /// <summary>Decodes UCS-2 big-endian bytes (an odd trailing byte is ignored).</summary>
    public static string DecodeUcs2(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length / 2];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)((bytes[2 * i] << 8) | bytes[2 * i + 1]);
        }

        return new string(chars);
    }

    /// <summary>Encodes <paramref name="text"/> as UCS-2 big-endian (UTF-16 code units, as Joliet readers expect).</summary>
    public static byte[] EncodeUcs2(string text)
    {
        var bytes = new byte[text.Length * 2];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[2 * i] = (byte)(text[i] >> 8);
            bytes[2 * i + 1] = (byte)text[i];
        }

        return bytes;
    }
}
