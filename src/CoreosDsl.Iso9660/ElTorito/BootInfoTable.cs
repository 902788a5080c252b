using System.Buffers.Binary;

namespace CoreosDsl.Iso9660;

/// <summary>
/// The boot information table that mkisofs -boot-info-table writes into a no-emulation boot image
/// (isolinux.bin) at offset 8, so that the loaded 2 KiB can find the rest of itself: the primary volume
/// descriptor's sector (16), the image's own sector, its length, and the sum of its 32-bit little-endian words
/// from offset 64 to the end. Bytes 24 to 63 are reserved and zeroed.
/// </summary>
internal sealed record BootInfoTable(uint PrimaryVolumeDescriptorLba, uint FileLba, uint FileLength, uint Checksum)
{
    /// <summary>Offset of the table in the boot image.</summary>
    public const int Offset = 8;

    /// <summary>Where the checksummed part of the image starts (and the reserved area ends).</summary>
    public const int ChecksumStart = 64;

    /// <summary>
    /// Computes the table for <paramref name="image"/>, to be recorded at <paramref name="fileLba"/>. The checksum
    /// covers bytes 64 onwards, a trailing partial word padded with zeros.
    /// </summary>
    public static BootInfoTable Compute(ReadOnlySpan<byte> image, uint fileLba)
    {
        if (image.Length < ChecksumStart)
        {
            throw new ArgumentException($"A boot image with a boot info table must be at least {ChecksumStart} bytes; this one is {image.Length}.", nameof(image));
        }

        uint sum = 0;
        var position = ChecksumStart;
        for (; position + 4 <= image.Length; position += 4)
        {
            sum += BinaryPrimitives.ReadUInt32LittleEndian(image[position..]);
        }

        if (position < image.Length)
        {
            Span<byte> last = stackalloc byte[4];
            last.Clear();
            image[position..].CopyTo(last);
            sum += BinaryPrimitives.ReadUInt32LittleEndian(last);
        }

        return new BootInfoTable(Sector.PrimaryVolumeDescriptorLba, fileLba, (uint)image.Length, sum);
    }

    /// <summary>Writes the table into <paramref name="image"/> at offset 8 and zeroes the reserved bytes up to 64.</summary>
    public void WriteTo(Span<byte> image)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(image[Offset..], PrimaryVolumeDescriptorLba);
        BinaryPrimitives.WriteUInt32LittleEndian(image[(Offset + 4)..], FileLba);
        BinaryPrimitives.WriteUInt32LittleEndian(image[(Offset + 8)..], FileLength);
        BinaryPrimitives.WriteUInt32LittleEndian(image[(Offset + 12)..], Checksum);
        image[(Offset + 16)..ChecksumStart].Clear();
    }

    /// <summary>Reads the table from the start of a boot image.</summary>
    public static BootInfoTable Read(ReadOnlySpan<byte> image) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(image[Offset..]),
        BinaryPrimitives.ReadUInt32LittleEndian(image[(Offset + 4)..]),
        BinaryPrimitives.ReadUInt32LittleEndian(image[(Offset + 8)..]),
        BinaryPrimitives.ReadUInt32LittleEndian(image[(Offset + 12)..]));
}
