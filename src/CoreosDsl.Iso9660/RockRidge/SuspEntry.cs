using System.Text;

namespace CoreosDsl.Iso9660;

/// <summary>
/// One System Use Sharing Protocol entry (SUSP 1.12, 4): a two-letter signature, a length byte covering the
/// whole entry, a version byte, then data. Rock Ridge (RRIP) defines its entries on top of this format.
/// </summary>
internal readonly record struct SuspEntry(string Signature, byte Version, byte[] Data)
{
    /// <summary>Bytes before the data: signature (2), length (1), version (1).</summary>
    public const int HeaderLength = 4;

    /// <summary>Entries are at most 255 bytes: the length is one byte.</summary>
    public const int MaxLength = 255;

    /// <summary>The entry's length in bytes.</summary>
    public int Length => HeaderLength + Data.Length;

    /// <summary>Writes the entry at the start of <paramref name="destination"/> and returns its length.</summary>
    public int WriteTo(Span<byte> destination)
    {
        if (Signature.Length != 2 || Length > MaxLength)
        {
            throw new InvalidOperationException($"SUSP entry '{Signature}' is {Length} bytes; entries have a 2-letter signature and at most {MaxLength} bytes.");
        }

        destination[0] = (byte)Signature[0];
        destination[1] = (byte)Signature[1];
        destination[2] = (byte)Length;
        destination[3] = Version;
        Data.CopyTo(destination[HeaderLength..]);
        return Length;
    }

    /// <summary>The entry as bytes.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>
    /// Parses the entries of a system use area (or continuation area) found at <paramref name="fileOffset"/>. Parsing
    /// stops at an ST entry, at zero padding, or when fewer than 4 bytes remain. An entry whose length is below 4 or
    /// runs past the area throws. Each entry comes with its offset in the image.
    /// </summary>
    public static List<(SuspEntry Entry, long Offset)> ParseArea(ReadOnlySpan<byte> area, long fileOffset)
    {
        var entries = new List<(SuspEntry, long)>();
        var position = 0;
        while (area.Length - position >= HeaderLength)
        {
            var entry = area[position..];
            if (entry[0] == 0)
            {
                break; // padding to the end of the area
            }

            int length = entry[2];
            var signature = Encoding.Latin1.GetString(entry[..2]);
            if (length < HeaderLength || length > entry.Length)
            {
                throw new InvalidDataException(
                    $"SUSP entry '{Printable(signature)}' at offset {fileOffset + position} has length {length}; expected 4 to " +
                    $"{entry.Length} (the bytes left in its system use area).");
            }

            if (signature == "ST")
            {
                break; // SUSP terminator: the rest of the area is not SUSP
            }

            entries.Add((new SuspEntry(signature, entry[3], entry[HeaderLength..length].ToArray()), fileOffset + position));
            position += length;
        }

        return entries;
    }

    /// <summary>Throws unless the data is exactly or at least <paramref name="length"/> bytes.</summary>
    public void RequireDataLength(int length, long fileOffset, bool exact = false)
    {
        if (exact ? Data.Length != length : Data.Length < length)
        {
            throw new InvalidDataException(
                $"Rock Ridge entry '{Printable(Signature)}' at offset {fileOffset} has {Data.Length} data bytes; expected {(exact ? "" : "at least ")}{length}.");
        }
    }

    private static string Printable(string signature) =>
        string.Concat(signature.Select(c => c is >= ' ' and < '\x7f' ? c.ToString() : $"\\x{(int)c:x2}"));
}
